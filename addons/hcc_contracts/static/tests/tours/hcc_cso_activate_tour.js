/** @odoo-module */
/*
 * A Contract Support Officer registers a contract and activates it: the first
 * attempt shows why it cannot be activated (no representative), the second,
 * once the representative is appointed, succeeds. Data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
/* global luxon */
const { DateTime } = luxon;
// "today" as the council officers (Europe/London) and the server see it
const ukNow = () => DateTime.now().setZone("Europe/London");

function many2one(field, text) {
    return [
        {
            content: `Type "${text}" in ${field}`,
            trigger: `.o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o_field_widget[name=${field}] .o-autocomplete--dropdown-item:contains(${text})`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("hcc_cso_activate", {
    url: "/odoo/action-hcc_contracts.hcc_contract_action_all",
    steps: () => {
        const start = ukNow().toFormat("dd/MM/yyyy");
        const end = ukNow().plus({ years: 3 }).toFormat("dd/MM/yyyy");
        return [
            {
                content: "Register a new contract",
                trigger: ".o_list_button_add",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=title] input",
                run: "edit Tour day care, Andover",
            },
            ...many2one("partner_id", "Tour Homecare Ltd"),
            ...many2one("lead_officer_id", "Sarah Lead"),
            ...many2one("support_officer_id", "Colin Support"),
            ...many2one("locality_id", "Test North"),
            ...many2one("care_group_id", "Test Older People"),
            {
                trigger: ".o_field_widget[name=date_start] input",
                run: `edit ${start} && press Enter`,
            },
            {
                trigger: ".o_field_widget[name=date_end] input",
                run: `edit ${end} && press Enter`,
            },
            {
                trigger: ".o_field_widget[name=spec_scope] .odoo-editor-editable",
                run: "editor Day care for older people in Andover, five days a week.",
            },
            {
                content: "Try to activate without a representative",
                trigger: "button[name=action_activate]",
                run: "click",
            },
            {
                content: "The dialog says what is missing, and only that",
                trigger:
                    ".modal .modal-body:contains(cannot be activated yet):contains(No representative is appointed):not(:contains(No lead officer))",
            },
            {
                trigger: ".modal .modal-footer .btn-primary",
                run: "click",
            },
            {
                content: "The contract is saved, still a draft",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains(Draft)",
            },
            ...many2one("representative_id", "Sarah Lead"),
            {
                content: "Activate again",
                trigger: "button[name=action_activate]",
                run: "click",
            },
            {
                content: "The contract is active",
                trigger: ".o_statusbar_status .o_arrow_button_current:contains(Active)",
            },
            {
                trigger: ".o_form_view:not(:has(button[name=action_activate]))",
            },
        ];
    },
});
