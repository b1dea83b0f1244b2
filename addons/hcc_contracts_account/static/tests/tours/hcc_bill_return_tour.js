/** @odoo-module */
/*
 * Finance drafts the vendor bill of an accepted data return and posts it,
 * then sees it on the contract against this financial year's budget.
 * Started by the test on the return's form; data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hcc_contracts_account_bill_return", {
    steps: () => [
        {
            trigger: ".o_form_view button[name=action_draft_vendor_bill]",
            run: "click",
        },
        {
            content: "The drafted bill: units delivered times the unit price",
            trigger:
                ".o_form_view .o_field_widget[name=invoice_line_ids] .o_data_row:contains(40.00):contains(25.00):contains(1,000.00)",
        },
        {
            trigger: ".o_form_view button[name=action_post]:not(.d-none)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
    ],
});

registry.category("web_tour.tours").add("hcc_contracts_account_contract_spend", {
    steps: () => [
        {
            trigger: ".o_notebook_headers a[name=budget]",
            run: "click",
        },
        {
            content: "The posted bill is this year's spend against the budget",
            trigger: ".o_field_widget[name=budget_actual_amount]:contains(1,000.00)",
        },
        {
            trigger: ".o_field_widget[name=budget_remaining_amount]:contains(59,000.00)",
        },
        {
            trigger: ".o_field_widget[name=hcc_billed_amount]:contains(1,000.00)",
        },
        {
            trigger: ".o_field_widget[name=hcc_outstanding_amount]:contains(1,000.00)",
        },
    ],
});
