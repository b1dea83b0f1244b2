/** @odoo-module */
/*
 * An extension option exercised (issue 41): the Contract Support Officer
 * finds the contract's options on its form, opens the one to decide, gives
 * the reason (she names nobody as the CSO consulted: herself, today) and
 * exercises it, confirming the question; the option is exercised and its
 * variation recorded. Data and checks: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hcc_cso_exercise_option", {
    steps: () => [
        {
            content: "The contract's extension options",
            trigger: ".o_notebook .nav-link:contains(Extension Options)",
            run: "click",
        },
        {
            content: "The option to decide is listed with its dates",
            trigger: ".o_field_widget[name=option_ids] .o_data_row:contains(To Decide)",
        },
        {
            content: "Open the options to decide",
            trigger: ".o_menu_sections button:contains(Contracts), .o_menu_sections a:contains(Contracts)",
            run: "click",
        },
        {
            trigger: ".dropdown-item:contains(Extension Options)",
            run: "click",
        },
        {
            content: "Open the option",
            trigger: ".o_list_view .o_data_row .o_data_cell[name=length_months]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=decision_reason] textarea",
            run: "edit Performance good and the market tested: extend for a year.",
        },
        {
            content: "Exercise the option",
            trigger: "button[name=action_exercise]",
            run: "click",
        },
        {
            content: "Confirm the question",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The option is exercised",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Exercised)",
        },
        {
            content: "Its variation is recorded",
            trigger: ".o_field_widget[name=revision_id]:not(:empty)",
        },
    ],
});
