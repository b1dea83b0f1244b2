/** @odoo-module */
/*
 * A lead officer plans a monitoring meeting from the contract, ticks agenda
 * items, writes the minutes, marks it held, circulates the minutes and raises
 * an action. Data: tests/test_tours.py (starts on the contract form).
 */
import { registry } from "@web/core/registry";
/* global luxon */
const { DateTime } = luxon;
// "today" as the council officers (Europe/London) and the server see it
const ukNow = () => DateTime.now().setZone("Europe/London");

registry.category("web_tour.tours").add("hcc_lead_officer_meeting", {
    steps: () => {
        const held = ukNow().minus({ days: 7 }).toFormat("dd/MM/yyyy");
        const due = ukNow().plus({ days: 28 }).toFormat("dd/MM/yyyy");
        return [
            {
                content: "Open the meetings of the contract",
                trigger: "button[name=action_view_meetings]",
                run: "click",
            },
            {
                content: "Plan a meeting",
                trigger: ".o_control_panel_main_buttons .o_list_button_add",
                run: "click",
            },
            {
                content: "The contract and its provider are already filled in",
                trigger: ".o_field_widget[name=partner_id]:contains(Tour Homecare Ltd)",
            },
            {
                trigger: ".o_field_widget[name=date] input",
                run: `edit ${held} 10:00 && press Enter`,
            },
            {
                trigger: ".o_field_widget[name=location] input",
                run: "edit Andover day centre",
            },
            {
                content: "The minimum agenda is on the form before it is saved",
                trigger: ".o_form_editable .o_field_widget[name=agenda_ids] .o_data_row:eq(8)",
            },
            {
                trigger: ".o_form_button_save",
                run: "click",
            },
            {
                content: "Saved with its minimum agenda, once",
                trigger:
                    ".o_form_saved .o_field_widget[name=agenda_ids]:has(.o_data_row:eq(8)):not(:has(.o_data_row:eq(9)))",
            },
            // every item of the minimum agenda is dealt with before the
            // minutes can be circulated (7.6)
            ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((row) => ({
                content: `Tick agenda item ${row + 1} as discussed`,
                trigger: `.o_field_widget[name=agenda_ids] .o_data_row:eq(${row}) .o_field_widget[name=discussed] input`,
                run: "click",
            })),
            {
                content: "The last item is ticked",
                trigger:
                    ".o_field_widget[name=agenda_ids] .o_data_row:eq(8) .o_field_widget[name=discussed] input:checked",
            },
            {
                trigger: ".o_notebook_headers a[name=minutes]",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=minutes] .odoo-editor-editable",
                run: "editor Rota gaps at weekends: the provider will recruit two carers.",
            },
            {
                trigger: "button[name=action_mark_held]",
                run: "click",
            },
            {
                trigger: ".o_statusbar_status .o_arrow_button_current:contains(Held)",
            },
            {
                trigger: "button[name=action_circulate_minutes]",
                run: "click",
            },
            {
                content: "Confirm the circulation",
                trigger: ".modal .modal-footer .btn-primary",
                run: "click",
            },
            {
                trigger:
                    ".o_statusbar_status .o_arrow_button_current:contains(Minutes circulated)",
            },
            {
                trigger: ".o_notebook_headers a[name=actions]",
                run: "click",
            },
            {
                content: "Raise an action",
                trigger: ".o_field_widget[name=action_ids] .o_field_x2many_list_row_add a",
                run: "click",
            },
            {
                trigger: ".o_field_widget[name=action_ids] .o_data_row .o_field_widget[name=name] input",
                run: "edit Fill the weekend rota gaps",
            },
            {
                trigger:
                    ".o_field_widget[name=action_ids] .o_data_row .o_field_widget[name=date_due] input",
                run: `edit ${due} && press Enter`,
            },
            {
                trigger: ".o_form_button_save",
                run: "click",
            },
            {
                content: "Saved: the action is listed, open",
                trigger:
                    ".o_form_saved .o_field_widget[name=action_ids] .o_data_row:contains(Fill the weekend rota gaps):contains(Open)",
            },
        ];
    },
});
