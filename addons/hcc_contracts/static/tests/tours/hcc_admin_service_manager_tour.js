/** @odoo-module */
/*
 * An administrator gives a new user the Service Manager role (Access Rights)
 * and a locality (Social Care Contracts tab). Data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

// Started by the test on the new user's form, in debug mode: Odoo shows
// roles that are not a single chain of groups only there.
registry.category("web_tour.tours").add("hcc_admin_service_manager", {
    steps: () => [
        {
            trigger: ".o_notebook_headers a[name=access_rights]",
            run: "click",
        },
        {
            content: "Tick the Service Manager role (Social Care Contracts)",
            trigger: ".o_form_label:contains(Service Manager (Lead Officer))",
            async run(helpers) {
                const input = document.getElementById(helpers.anchor.getAttribute("for"));
                await helpers.check(input);
            },
        },
        {
            trigger: ".o_notebook_headers a[name=hcc_contracts]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=hcc_locality_ids] input",
            run: "edit Test North",
        },
        {
            trigger: ".o_field_widget[name=hcc_locality_ids] .o-autocomplete--dropdown-item:contains(Test North)",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved .o_field_widget[name=hcc_locality_ids] .o_tag:contains(Test North)",
        },
    ],
});
