/** @odoo-module */
/*
 * The annual fee review (issue 41): Finance sets a round with a 5 % uplift and
 * previews it; the County Manager (Contracts) approves it; the Contract
 * Support Officer applies it; the provider's contact then reads the new rate
 * on the contract's page. Data and checks: tests/test_portal_fee_review_tour.py.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hcc_finance_fee_review_preview", {
    steps: () => [
        {
            content: "A new fee review round",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=title] input",
            run: "edit Tour fee review",
        },
        {
            content: "A rule for every contract: a percentage uplift",
            trigger: ".o_field_widget[name=rule_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=rule_ids] .o_data_row .o_field_widget[name=percent] input",
            run: "edit 5",
        },
        {
            content: "Preview the round before anything changes",
            trigger: "button[name=action_preview]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Previewed)",
        },
        {
            trigger: ".o_notebook_headers a[name=preview]",
            run: "click",
        },
        {
            content: "The cost per locality against the budgets",
            trigger: ".o_field_widget[name=summary_html]:contains(Test North)",
        },
        {
            content: "The contract's new unit price",
            trigger: ".o_field_widget[name=line_ids] .o_data_cell[name=new_unit_price]:contains(21.00)",
        },
    ],
});

registry.category("web_tour.tours").add("hcc_cm_fee_review_approve", {
    steps: () => [
        {
            content: "Approve the round as County Manager",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        {
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approved)",
        },
    ],
});

registry.category("web_tour.tours").add("hcc_cso_fee_review_apply", {
    steps: () => [
        {
            content: "Apply the new prices to the contracts",
            trigger: "button[name=action_apply]",
            run: "click",
        },
        {
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Applied)",
        },
    ],
});

registry.category("web_tour.tours").add("hcc_provider_fee_review_rate", {
    steps: () => [
        {
            content: "The new rate and the day it takes effect",
            trigger: ".o_hcc_unit_price_next:contains(21.00)",
        },
        {
            content: "The variation the fee review made",
            trigger: ".o_hcc_variation:contains(Fee review)",
        },
    ],
});
