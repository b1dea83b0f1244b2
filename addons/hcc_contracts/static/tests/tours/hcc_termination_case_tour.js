/** @odoo-module */
/*
 * The case for early termination as the procedure runs it (9.2 to 9.4,
 * Appendix A 11), one tour per person: the lead officer opens the case from
 * the contract and proposes it; the Contract Support Officer records the
 * discussion; the County Manager (Contracts) records the consultation of
 * Legal Services and refers the case to them; Legal Services record that
 * they carried it out, for a day thirty days ahead. Each step's checks list
 * everything missing at once, before the question to confirm. Data: tests/test_tours.py (TestTourTerminationCase).
 */
import { registry } from "@web/core/registry";
/* global luxon */
const { DateTime } = luxon;
// "today" as the council officers (Europe/London) and the server see it
const ukNow = () => DateTime.now().setZone("Europe/London");
const day = (days) => ukNow().plus({ days }).toFormat("dd/MM/yyyy");
const current = (label) => ({
    content: `The case is now at the step “${label}”`,
    trigger: `.o_statusbar_status .o_arrow_button_current:contains(${label})`,
});

registry.category("web_tour.tours").add("hcc_termination_lead_officer", {
    steps: () => [
        {
            trigger: "button[name=action_view_termination_cases]",
            run: "click",
        },
        {
            content: "The notice not remedied in time is listed",
            trigger: ".o_field_widget[name=qualifying_notice_ids] .o_data_row",
        },
        {
            trigger: ".o_field_widget[name=reason] .odoo-editor-editable",
            run: "editor Weekend visits still missed after the remedy period.",
        },
        {
            // told today, as the case is opened: a date stated for an event
            // cannot precede its record
            trigger: ".o_field_widget[name=date_provider_informed] input",
            run: `edit ${day(0)} && press Enter`,
        },
        {
            trigger: ".o_field_widget[name=date_termination_planned] input",
            run: `edit ${day(60)} && press Enter`,
        },
        {
            trigger: ".o_field_widget[name=service_users_affected] input",
            run: "edit 14",
        },
        {
            trigger: ".o_field_widget[name=alternative_date] input",
            run: `edit ${day(45)} && press Enter`,
        },
        {
            trigger: ".o_field_widget[name=impact_note] .odoo-editor-editable",
            run: "editor Fourteen people need a new provider for weekend visits.",
        },
        {
            trigger: ".o_field_widget[name=alternative_arrangements] .odoo-editor-editable",
            run: "editor Two framework providers take over the packages.",
        },
        {
            trigger: "button[name=action_propose]",
            run: "click",
        },
        current("Proposed to the CSO"),
    ],
});

registry.category("web_tour.tours").add("hcc_termination_cso", {
    steps: () => [
        current("Proposed to the CSO"),
        {
            trigger: ".o_notebook_headers a[name=discussion]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=discussion_note] .odoo-editor-editable",
            run: "editor Notice process exhausted; the County Manager was consulted.",
        },
        {
            trigger: ".o_field_widget[name=county_manager_consulted] input",
            run: "click",
        },
        {
            trigger: "button[name=action_record_discussion]",
            run: "click",
        },
        current("Discussed with the CSO"),
    ],
});

// every missing item in one error dialog, before any question to confirm;
// each item said once
const errorListing = (items) => ({
    content: `One error lists: ${items.join("; ")}`,
    trigger: `.modal .modal-body:contains(${items[0]})`,
    run() {
        const text = this.anchor.textContent;
        for (const item of items) {
            if (text.split(item).length !== 2) {
                throw new Error(`"${item}" is not said exactly once in: ${text}`);
            }
        }
    },
});
const closeError = {
    content: "Close the error",
    trigger: ".modal .modal-footer .btn-primary",
    run: "click",
};
const confirmStep = (question) => [
    {
        content: "Asked only now, once the checks have passed",
        trigger: `.modal .o_field_widget[name=message]:contains(${question})`,
    },
    {
        trigger: ".modal .modal-footer button[name=action_confirm]",
        run: "click",
    },
];

registry.category("web_tour.tours").add("hcc_termination_county_manager", {
    steps: () => [
        current("Discussed with the CSO"),
        {
            content: "Refer before recording Legal Services' advice",
            trigger: "button[name=action_decide_terminate]",
            run: "click",
        },
        errorListing([
            "Record when Legal Services were consulted",
            "Record the advice of Legal Services",
        ]),
        closeError,
        {
            trigger: ".o_notebook_headers a[name=decision]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=date_legal_consulted] input",
            run: `edit ${day(0)} && press Enter`,
        },
        {
            trigger: ".o_field_widget[name=legal_advice] .odoo-editor-editable",
            run: "editor The grounds are sound; give thirty days' notice.",
        },
        {
            trigger: "button[name=action_decide_terminate]",
            run: "click",
        },
        ...confirmStep("Refer the case to them?"),
        current("Referred to Legal Services"),
    ],
});

registry.category("web_tour.tours").add("hcc_termination_legal_services", {
    steps: () => [
        current("Referred to Legal Services"),
        {
            content: "Record it before giving the reference and the date",
            trigger: "button[name=action_complete]",
            run: "click",
        },
        errorListing(["The termination date is missing", "Legal Services' reference is missing"]),
        closeError,
        {
            trigger: ".o_notebook_headers a[name=legal]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=legal_reference] input",
            run: "edit LS/2026/117",
        },
        {
            trigger: ".o_field_widget[name=date_terminated] input",
            run: `edit ${day(30)} && press Enter`,
        },
        {
            trigger: "button[name=action_complete]",
            run: "click",
        },
        // thirty days ahead: the contract runs until then
        ...confirmStep(`stays active until ${day(30)}`),
        current("Terminated"),
        {
            trigger: ".o_form_view:not(:has(.modal))",
        },
    ],
});
