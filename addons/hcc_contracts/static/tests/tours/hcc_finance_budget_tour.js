/** @odoo-module */
/*
 * Finance sets this financial year's budget on a contract (Budget and Value
 * for Money tab), sees the spend posted on its cost centre against it, and
 * opens the value for money of the year to date.
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
        {
            content: "Value for money opens in a window of its own",
            trigger: "button[name=action_view_value_for_money]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=vfm_period_cost]:contains(£)",
        },
        {
            trigger: ".modal .o_field_widget[name=vfm_message]:contains(No delivery data yet)",
        },
        {
            trigger: ".modal .modal-footer button:contains(Close)",
            run: "click",
        },
        {
            content: "Back on the contract",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=budget_amount]:contains(150,000.00)",
        },
    ],
});
