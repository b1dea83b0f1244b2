/** @odoo-module */
/*
 * Finance groups the contracts by locality: each group's sum and the grand
 * total of the annual values read in pounds, the contracts' currency.
 * Started by the test on the contracts list; data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hcc_grouped_totals_in_pounds", {
    steps: () => [
        {
            trigger: ".o_list_view .o_data_row",
        },
        {
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger: ".o_group_by_menu .o_menu_item:contains(Locality)",
            run: "click",
        },
        {
            content: "A group's sum is in pounds",
            trigger: ".o_list_view .o_group_header:contains(Test North) td.o_list_number:contains(£)",
        },
        {
            content: "The grand total is in pounds",
            trigger: ".o_list_view tfoot td.o_list_number:contains(£)",
        },
    ],
});
