/** @odoo-module */
/*
 * A variation of the annual value (procedure 7.4): the Contract Support
 * Officer drafts it, contentious, and records the consultation (herself,
 * today, without picking either); the County Manager (Contracts) approves
 * it, once; the Contract Support Officer files the
 * variation letter and applies it; anyone who reads the contract then finds
 * the change among its Changes Made. Data and checks: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
/* global luxon */
const { DateTime } = luxon;
const ukToday = () => DateTime.now().setZone("Europe/London").toFormat("dd/MM/yyyy");

registry.category("web_tour.tours").add("hcc_cso_variation_draft", {
    steps: () => [
        {
            content: "The contract's smart buttons: more of them",
            trigger: ".o-form-buttonbox .o_button_more",
            run: "click",
        },
        {
            content: "Open the contract's revisions",
            trigger: "button[name=action_view_revisions]",
            run: "click",
        },
        {
            content: "Raise a revision",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=title] input",
            run: "edit Ten more places from September",
        },
        {
            trigger: ".o_field_widget[name=reason] select",
            run: "selectByLabel Change in demand",
        },
        {
            trigger: ".o_field_widget[name=is_contentious] input",
            run: "check",
        },
        {
            trigger: ".o_field_widget[name=description] .odoo-editor-editable",
            run: "editor Ten more places a week from September, at the agreed rate.",
        },
        {
            content: "List the change: the annual value",
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=field_name] select",
            run: "selectByLabel Annual Value",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=new_float] input",
            run: "edit 130000",
        },
        {
            // she names nobody and no date: she was consulted, today
            content: "Record that the CSO was consulted",
            trigger: "button[name=action_mark_consulted]",
            run: "click",
        },
        {
            content: "The revision waits for the County Manager",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(CSO Consulted)",
        },
        {
            content: "The CSO consulted is herself",
            trigger: ".o_field_widget[name=cso_consulted_id]:contains(Colin Support)",
        },
        {
            content: "Consulted today",
            trigger: `.o_field_widget[name=date_cso_consulted]:contains(${ukToday()}), .o_field_widget[name=date_cso_consulted] input:value(${ukToday()})`,
        },
    ],
});

registry.category("web_tour.tours").add("hcc_cm_variation_approve", {
    steps: () => [
        {
            content: "Approve the contentious revision as County Manager",
            trigger: "button[name=action_cm_approve]",
            run: "click",
        },
        {
            content: "Her approval is the approval: no second Approve",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Approved)",
        },
        {
            trigger: ".o_field_widget[name=cm_decision]:contains(Approved)",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons:not(:has(button[name=action_approve]))",
        },
    ],
});

registry.category("web_tour.tours").add("hcc_cso_variation_apply", {
    steps: () => [
        {
            trigger: ".o_field_widget[name=date_provider_informed] input",
            run: `edit ${ukToday()} && press Enter`,
        },
        {
            content: "File the variation letter sent to the provider",
            trigger: ".o_field_widget[name=document_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=document_ids] .o_data_row input.o_input_file:not(:visible)",
            run() {
                const letter = new File(["%PDF-1.4 variation letter"], "Variation letter.pdf", {
                    type: "application/pdf",
                });
                const files = new DataTransfer();
                files.items.add(letter);
                this.anchor.files = files.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            trigger: ".o_field_widget[name=document_ids] .o_data_row .o_field_widget[name=name] input:value(Variation letter.pdf)",
        },
        {
            content: "Apply it to the contract",
            trigger: "button[name=action_apply]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Applied)",
        },
    ],
});

registry.category("web_tour.tours").add("hcc_contract_changes_made", {
    steps: () => [
        {
            trigger: ".o_notebook_headers a[name=variations]",
            run: "click",
        },
        {
            content: "The changes made to the signed terms",
            trigger: "button[name=action_view_variations]",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row .o_data_cell[name=old_value_display]:contains(120,000.00)",
        },
        {
            trigger: ".o_list_view .o_data_row .o_data_cell[name=new_value_display]:contains(130,000.00)",
        },
    ],
});
