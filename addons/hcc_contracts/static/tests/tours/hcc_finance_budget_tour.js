/** @odoo-module */
/*
 * Finance sets this financial year's budget on a contract (Budget and Value
 * for Money tab) and sees the spend posted on its cost centre against it.
 * Started by the test on the contract form; data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hcc_finance_budget", {
    steps: () => [
        {
            trigger: ".o_notebook_headers a[name=budget]",
            run: "click",
        },
        {
            content: "Add this year's budget",
            trigger: ".o_field_widget[name=budget_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=budget_ids] .o_selected_row .o_field_widget[name=budgeted_amount] input",
            run: "edit 150000",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved .o_field_widget[name=budget_amount]:contains(150,000.00)",
        },
        {
            content: "Spend posted on the cost centre, in pounds",
            trigger: ".o_field_widget[name=budget_actual_amount]:contains(£):contains(12,345.00)",
        },
        {
            trigger: ".o_field_widget[name=budget_remaining_amount]:contains(137,655.00)",
        },
        {
            trigger:
                ".o_field_widget[name=budget_ids] .o_data_row .o_data_cell[name=actual_amount]:contains(12,345.00)",
        },
    ],
});
