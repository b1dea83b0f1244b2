/** @odoo-module */
/*
 * The County Manager (Contracts) serves a default notice prepared with the
 * Contract Support Officer consulted; then, on another contract whose notice
 * was not remedied in time, records an early termination through the wizard.
 * Data: tests/test_tours.py (each tour starts on its record).
 */
import { registry } from "@web/core/registry";
/* global luxon */
const { DateTime } = luxon;
// "today" as the council officers (Europe/London) and the server see it
const ukNow = () => DateTime.now().setZone("Europe/London");

registry.category("web_tour.tours").add("hcc_county_manager_notice", {
    steps: () => [
        {
            content: "The notice is a draft, the CSO consulted",
            trigger: ".o_field_widget[name=cso_consulted_id] input:value(Colin Support)",
        },
        {
            trigger: "button[name=action_serve]",
            run: "click",
        },
        {
            content: "Confirm serving the notice",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Served)",
        },
        {
            content: "Served today; the remedy date follows from it",
            trigger: `.o_field_widget[name=date_served]:contains(${ukNow().toFormat("dd/MM/yyyy")})`,
        },
    ],
});

registry.category("web_tour.tours").add("hcc_county_manager_terminate", {
    steps: () => {
        const yesterday = ukNow().minus({ days: 1 }).toFormat("dd/MM/yyyy");
        const later = ukNow().plus({ days: 30 }).toFormat("dd/MM/yyyy");
        return [
            {
                trigger: "button[name=action_open_terminate_wizard]",
                run: "click",
            },
            {
                content: "The notice not remedied in time is listed",
                trigger: ".modal .o_field_widget[name=qualifying_notice_ids] .o_data_row",
            },
            {
                trigger: ".modal .o_field_widget[name=legal_services_reference] input",
                run: "edit LS/2026/117",
            },
            {
                trigger: ".modal .o_field_widget[name=date_cso_consulted] input",
                run: `edit ${yesterday} && press Enter`,
            },
            {
                trigger: ".modal .o_field_widget[name=date_provider_informed] input",
                run: `edit ${yesterday} && press Enter`,
            },
            {
                trigger: ".modal .o_field_widget[name=reason] .odoo-editor-editable",
                run: "editor Weekend visits still missed after the remedy period.",
            },
            {
                trigger: ".modal .o_field_widget[name=service_users_affected] input",
                run: "edit 14",
            },
            {
                trigger: ".modal .o_field_widget[name=alternative_date] input",
                run: `edit ${later} && press Enter`,
            },
            {
                trigger: ".modal .o_field_widget[name=alternative_arrangements] .odoo-editor-editable",
                run: "editor Two framework providers take over the packages.",
            },
            {
                content: "Leave the editor so that its text is recorded",
                trigger: ".modal .o_field_widget[name=legal_services_reference] input",
                run: "click",
            },
            {
                content: "Nothing is missing any more: the button is offered",
                trigger: ".modal:not(:has(.o_field_widget[name=problems]:visible))",
            },
            {
                trigger: ".modal button[name=action_confirm]",
                run: "click",
            },
            {
                content: "Confirm the termination",
                trigger: ".modal .modal-footer .btn-primary:contains(Ok)",
                run: "click",
            },
            {
                trigger: ".o_form_view .ribbon:contains(Terminated)",
            },
            {
                trigger: ".o_form_view:not(:has(.modal))",
            },
        ];
    },
});
