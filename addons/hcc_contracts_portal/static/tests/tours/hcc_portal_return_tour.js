/** @odoo-module **/

import { registry } from "@web/core/registry";

// Procedure 8.1 on the portal: a blank return is refused, a period not over
// cannot be returned, the provider reviews then confirms, and amends the
// return while the council has not checked it.
const figures = [
    ["age_range_min", "65"],
    ["age_range_max", "97"],
    ["people_served", "31"],
    ["statements_issued", "31"],
    ["assessments_done", "0"],
    ["reviews_done", "5"],
    ["units_delivered", "410"],
];

registry.category("web_tour.tours").add("hcc_portal_return_tour", {
    url: "/my/contracts",
    steps: () => [
        {
            content: "Open the contract",
            trigger: "tr:contains('Tour returns contract') a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The current period's return cannot be submitted yet",
            trigger: "tr[data-return-id]:first a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The page says when it can be submitted",
            trigger: ".o_hcc_portal_early",
        },
        {
            content: "No button to send it",
            trigger: "body:not(:has(button.o_hcc_submit_return))",
        },
        {
            content: "Back to the contract",
            trigger: ".breadcrumb a[href^='/my/contracts/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the last period's return",
            trigger: "tr:contains('April 2026') a.btn-primary:contains('Submit')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The commissioned volume of the period is shown",
            trigger: ".o_hcc_commissioned:contains('500')",
        },
        {
            content: "Send it blank",
            trigger: "button.o_hcc_submit_return",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Refused: the specification's figures are required",
            trigger: ".o_hcc_portal_error:contains('requires these figures')",
        },
        {
            trigger: "textarea[name='nature_of_service']",
            run: "edit Day care for older people",
        },
        ...figures.map(([name, value]) => ({
            trigger: `input[name='${name}']`,
            run: `edit ${value}`,
        })),
        { trigger: "input[name^='indicator_']", run: "edit 92" },
        {
            content: "Review the return",
            trigger: "button.o_hcc_submit_return",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The figures are shown for checking",
            trigger: "form.o_hcc_return_review dd[data-field='units_delivered']:contains('410')",
        },
        {
            content: "Confirm it",
            trigger: "button.o_hcc_confirm_return",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Received",
            trigger: ".o_hcc_portal_success",
        },
        {
            content: "Amend the delivered units",
            trigger: "input[name='units_delivered']",
            run: "edit 420",
        },
        {
            content: "Review the amended return",
            trigger: "button.o_hcc_submit_return:contains('amended')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "form.o_hcc_return_review dd[data-field='units_delivered']:contains('420')",
        },
        {
            content: "Confirm the amendment",
            trigger: "button.o_hcc_confirm_return",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Received again, still open to amendment",
            trigger: ".o_hcc_portal_success",
        },
    ],
});
