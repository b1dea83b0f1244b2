/** @odoo-module */
/*
 * The lead officer queries a data return the provider sent (issue 43,
 * point 4): the Query button asks the question, refuses to go without one,
 * and the question is kept on the return and posted in its chatter.
 * Started by the test on the return's form; data:
 * tests/performance/test_return_query_tour.py.
 */
import { registry } from "@web/core/registry";

const QUESTION = "Statements issued (45) are above the people served (40): please check.";

registry.category("web_tour.tours").add("hcc_lead_officer_query_return", {
    steps: () => [
        {
            content: "Query the return",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_query_wizard]",
            run: "click",
        },
        {
            content: "Send it without a question",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Refused: the question is required",
            trigger: ".o_notification:contains(Question for the Provider)",
        },
        {
            trigger: ".modal .o_field_widget[name=question] textarea",
            run: `edit ${QUESTION}`,
        },
        {
            content: "Send the query",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The return is queried and keeps the question",
            trigger:
                "body:not(:has(.modal)) .o_field_widget[name=query_note]:contains(above the people served)",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Queried)",
        },
        {
            content: "The question is in the chatter",
            trigger: ".o-mail-Message:contains(above the people served)",
        },
    ],
});
