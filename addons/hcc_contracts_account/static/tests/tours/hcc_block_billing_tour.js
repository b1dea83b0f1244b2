/** @odoo-module */
/*
 * Finance bills a block contract: "Draft Vendor Bills" asks which months,
 * lists the four months that have ended with their equal instalments (the
 * first already billed, not ticked), and Finance leaves the third month for
 * later before confirming. Started by the test on the contract's form;
 * data and the bills made: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hcc_contracts_account_block_billing", {
    steps: () => [
        {
            trigger: ".o_notebook_headers a[name=budget]",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name=action_draft_vendor_bills]",
            run: "click",
        },
        {
            content: "The wizard: a twelfth of £120,000 a month",
            trigger: ".modal .o_field_widget[name=monthly_amount]:contains(10,000.00)",
        },
        {
            content: "Four months have ended",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:nth-child(4):contains(10,000.00)",
        },
        {
            content: "The first is billed already, and not ticked",
            trigger: ".modal .o_data_row:nth-child(1):contains(Billed):contains(Already billed on)",
        },
        {
            trigger: ".modal .o_data_row:nth-child(1) .o_field_widget[name=to_bill] input:not(:checked)",
        },
        {
            content: "The three others are ticked",
            trigger: ".modal .o_field_widget[name=to_bill_count]:contains(3)",
        },
        {
            content: "Leave the third month for later",
            trigger: ".modal .o_data_row:nth-child(3) .o_field_widget[name=to_bill] input:checked",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=to_bill_count]:contains(2)",
        },
        {
            trigger: ".modal .o_field_widget[name=to_bill_amount]:contains(20,000.00)",
        },
        {
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The two bills drafted, one instalment each",
            trigger:
                ".o_list_view:not(:has(.o_data_row:nth-child(3))) .o_data_row:nth-child(2):contains(10,000.00):contains(Draft)",
        },
    ],
});
