/** @odoo-module **/

import { registry } from "@web/core/registry";

// A provider's contact submits the data return expected from them, then
// reports progress on the action raised with them.
registry.category("web_tour.tours").add("hcc_portal_provider_tour", {
    url: "/my/contracts",
    steps: () => [
        {
            content: "Open the contract",
            trigger: "tr:contains('Tour day care') a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the data return to submit",
            trigger: "tr[data-return-id] a.btn-primary:contains('Submit')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "textarea[name='nature_of_service']",
            run: "edit Day care for older people",
        },
        { trigger: "input[name='age_range_min']", run: "edit 65" },
        { trigger: "input[name='age_range_max']", run: "edit 97" },
        { trigger: "input[name='people_served']", run: "edit 31" },
        { trigger: "input[name='statements_issued']", run: "edit 31" },
        { trigger: "input[name='assessments_done']", run: "edit 2" },
        { trigger: "input[name='reviews_done']", run: "edit 5" },
        { trigger: "input[name='units_delivered']", run: "edit 410" },
        { trigger: "input[name^='indicator_']", run: "edit 92" },
        {
            content: "Review the return",
            trigger: "button.o_hcc_submit_return",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Confirm it",
            trigger: "form.o_hcc_return_review button.o_hcc_confirm_return",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The return is received",
            trigger: ".o_hcc_portal_success",
        },
        {
            content: "Back to the contract",
            trigger: ".breadcrumb a[href^='/my/contracts/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the action assigned to the provider",
            trigger: "a:contains('Tour rota gaps')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "textarea[name='comment']",
            run: "edit Two new care workers start on Monday.",
        },
        {
            content: "Send the progress",
            trigger: "button.o_hcc_post_progress",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The comment is in the action's history",
            trigger: ".o_hcc_action_message:contains('Two new care workers start on Monday.')",
        },
    ],
});
