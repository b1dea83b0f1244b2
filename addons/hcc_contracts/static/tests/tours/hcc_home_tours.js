/** @odoo-module */
/*
 * Each role opens the web client on its own screen (its home action), not on
 * an empty Discuss inbox. Every tour starts at /odoo, where the web client
 * loads the user's home action. Data: tests/test_tours.py (TestTourHomeScreens).
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hcc_home_lead_officer", {
    steps: () => [
        {
            content: "My live contracts, grouped by RAG status",
            trigger: ".o_breadcrumb:contains(My Contracts by RAG)",
        },
        {
            trigger: ".o_kanban_group .o_column_title:contains(Amber)",
        },
        {
            content: "The amber contract says what waits for its lead officer",
            trigger: ".o_kanban_record:contains(Tour home amber):contains(Returns to check: 1):contains(Overdue actions: 1)",
        },
        {
            trigger: ".o_kanban_group .o_column_title:contains(Green)",
        },
        {
            content: "Open the contract",
            trigger: ".o_kanban_record:contains(Tour home amber) .fw-bold",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=title]:contains(Tour home amber), .o_form_view .o_field_widget[name=title] input:value(Tour home amber)",
        },
    ],
});

registry.category("web_tour.tours").add("hcc_home_support_officer", {
    steps: () => [
        {
            content: "The contracts of my localities, by locality",
            trigger: ".o_breadcrumb:contains(Contracts of My Localities)",
        },
        {
            trigger: ".o_list_view .o_group_name:contains(Test North)",
        },
        {
            content: "Another locality's contracts are not listed",
            trigger: ".o_list_view:not(:has(.o_group_name:contains(Test South)))",
        },
    ],
});

registry.category("web_tour.tours").add("hcc_home_finance", {
    steps: () => [
        {
            content: "The budgets of this financial year",
            trigger: ".o_breadcrumb:contains(Budgets)",
        },
        {
            trigger: ".o_searchview .o_facet_value:contains(Current Financial Year)",
        },
        {
            content: "The budget line of the year, in pounds",
            trigger: ".o_list_view .o_data_row:contains(123,456.00)",
        },
    ],
});

registry.category("web_tour.tours").add("hcc_home_read_only", {
    steps: () => [
        {
            content: "Every contract, not an empty My Contracts",
            trigger: ".o_breadcrumb:contains(All Contracts)",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Tour home amber)",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Tour home green)",
        },
        {
            content: "Open a contract: nothing to act on",
            trigger: ".o_list_view .o_data_row:contains(Tour home amber) td[name=title]",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_readonly, .o_form_view .o_field_widget[name=title]:not(:has(input))",
        },
        {
            content: "No workflow button for a reader",
            trigger: ".o_form_view:not(:has(.o_form_statusbar button[name^=action_]))",
        },
        {
            content: "The chatter shows the history, without Send message or Log note",
            trigger: ".o-mail-Chatter .o-mail-Message",
        },
        {
            trigger: ".o-mail-Chatter:not(:has(.o-mail-Chatter-sendMessage)):not(:has(.o-mail-Chatter-logNote))",
        },
    ],
});
