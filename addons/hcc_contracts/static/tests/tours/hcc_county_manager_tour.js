/** @odoo-module */
/*
 * The County Manager (Contracts) serves a default notice prepared with the
 * Contract Support Officer consulted. Early termination has one route, the
 * case: see hcc_termination_case_tour.js.
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
