/** @odoo-module **/

import { registry } from "@web/core/registry";

// A file chosen in a file input, as a provider picks one on their computer.
function chooseFile(selector, name) {
    return {
        content: `Choose ${name}`,
        trigger: selector,
        run() {
            const input = document.querySelector(selector);
            const transfer = new DataTransfer();
            transfer.items.add(
                new File(["%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"], name, {
                    type: "application/pdf",
                })
            );
            input.files = transfer.files;
        },
    };
}

// Issue 43, points 4 and 10: a provider's day on the portal. From /my the
// returns card opens the returns; the provider answers the council's query
// and submits the return again; reads the figures as written in England;
// attaches evidence to an action; sends the survey report and sees it back;
// reads the minutes with their attendees, agenda and actions.
registry.category("web_tour.tours").add("hcc_portal_provider_day_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The returns card opens the returns",
            trigger: "a[href='/my/returns']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The queried return is to answer",
            trigger: "tr:contains('April 2026') a.btn-primary:contains('Answer the query')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The council's question is shown",
            trigger: ".o_hcc_portal_query:contains('Statements issued (45) are above the people served (40)')",
        },
        { trigger: "input[name='statements_issued']", run: "edit 40" },
        {
            trigger: "textarea[name='query_answer']",
            run: "edit Five statements were counted twice: corrected to 40.",
        },
        {
            content: "Review the return",
            trigger: "button.o_hcc_submit_return",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is shown for checking",
            trigger: "dd[data-field='query_answer']:contains('counted twice')",
        },
        {
            content: "Confirm it",
            trigger: "button.o_hcc_confirm_return",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Received, with the question and the answer",
            trigger: ".o_hcc_portal_success",
        },
        {
            trigger: ".o_hcc_portal_query_answered .o_hcc_query_answer:contains('counted twice')",
        },
        {
            content: "The commissioned volume reads as in England",
            trigger: ".o_hcc_commissioned:contains('1,733.3'):contains('20,800')",
        },
        {
            content: "Back to the contract",
            trigger: ".breadcrumb a[href^='/my/contracts/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_hcc_commissioned_volume:contains('20,800 Sessions per year')",
        },
        {
            content: "Open the action assigned to the provider",
            trigger: "a:contains('Tour evidence action')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "textarea[name='comment']",
            run: "edit The new rota is attached.",
        },
        chooseFile("input[name='attachments']", "rota.pdf"),
        {
            content: "Send the progress and its evidence",
            trigger: "button.o_hcc_post_progress",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The evidence is in the action's history, to download",
            trigger: ".o_hcc_action_message .o_hcc_action_documents a[href*='access_token']:contains('rota.pdf')",
        },
        {
            content: "Back to the contract",
            trigger: ".breadcrumb a[href^='/my/contracts/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the survey due",
            trigger: "a:contains('Upload results')",
            run: "click",
            expectUnloadPage: true,
        },
        { trigger: "input[name='respondents']", run: "edit 1250" },
        { trigger: "input[name='satisfied_percent']", run: "edit 87.5" },
        chooseFile("input[name='results_file']", "survey report.pdf"),
        {
            content: "Send the results",
            trigger: "form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The results and the report are shown back",
            trigger: ".o_hcc_survey_results:contains('1,250') .o_hcc_survey_documents a[href*='access_token']:contains('survey report.pdf')",
        },
        {
            content: "Back to the contract",
            trigger: ".breadcrumb a[href^='/my/contracts/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the minutes",
            trigger: "a[href^='/my/contracts/minutes/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The attendees",
            trigger: ".o_hcc_minutes_attendees:contains('Dana Day')",
        },
        {
            content: "The agenda",
            trigger: ".o_hcc_minutes_agenda td:contains('Discussed')",
        },
        {
            content: "The corrective actions raised",
            trigger: ".o_hcc_minutes_actions:contains('Tour staffing plan')",
        },
        {
            content: "The minutes",
            trigger: ".o_hcc_minutes:contains('Rota reviewed with the provider.')",
        },
    ],
});
