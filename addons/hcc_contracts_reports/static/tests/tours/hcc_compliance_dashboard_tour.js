/** @odoo-module */
/*
 * The County Manager (Contracts) logs in and lands on the compliance
 * dashboard: live contracts by locality and RAG, each standard with its
 * target, and what separates compliance from RAG; a figure opens its
 * contracts. Data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hcc_home_county_manager", {
    steps: () => [
        {
            content: "Compliance is the council's, RAG the provider's",
            trigger: ".o_hcc_dashboard_explanation:contains(Compliance):contains(RAG)",
        },
        {
            content: "Each standard with its target",
            trigger: ".o_hcc_dashboard_standards tr:contains(12.1):contains(Target)",
        },
        {
            trigger: ".o_hcc_dashboard_standards tr:contains(12.7):contains(Target)",
        },
        {
            content: "Test North: one amber live contract",
            trigger: ".o_hcc_dashboard_rag tr:contains(Test North) a.text-bg-warning:contains(1)",
            run: "click",
        },
        {
            content: "The amber contract of the locality opens",
            trigger: ".o_list_view .o_data_row:contains(Tour dashboard amber)",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb a:contains(Compliance Dashboard)",
            run: "click",
        },
        {
            content: "12.6: the contract has no budget line this year",
            trigger: ".o_hcc_dashboard_standards tr:contains(12.6) td:contains(0 / 1)",
        },
        {
            trigger: ".o_hcc_dashboard_standards tr:contains(12.6) a",
            run: "click",
        },
        {
            content: "The figure opens the contracts it counts, one row each",
            trigger: ".o_list_view .o_data_row:contains(Test North)",
        },
        {
            content: "A list of the contracts, not a chart, nor closed groups",
            trigger: ".o_list_view:not(:has(.o_group_header))",
        },
        {
            content: "Filtered on the standard missed",
            trigger: ".o_searchview .o_facet_value:contains(Over or No Budget (12.6))",
        },
    ],
});
