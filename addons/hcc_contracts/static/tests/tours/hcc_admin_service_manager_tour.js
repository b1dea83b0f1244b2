/** @odoo-module */
/*
 * An administrator gives a new user the Service Manager role (Access Rights)
 * and a locality (Social Care Contracts tab). Data: tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

// Started by the test on the new user's form, outside debug mode: the role is
// a dropdown under the "Social Care Contracts" heading.
registry.category("web_tour.tours").add("hcc_admin_service_manager", {
    steps: () => [
        {
            trigger: ".o_notebook_headers a[name=access_rights]",
            run: "click",
        },
        {
            content: "Choose the Service Manager role (Social Care Contracts)",
            trigger: ".o_form_label:contains(Contract Management)",
            async run(helpers) {
                const select = document.getElementById(helpers.anchor.getAttribute("for"));
                const option = [...select.options].find((o) =>
                    o.textContent.includes("Service Manager (Lead Officer)")
                );
                await helpers.select(option.value, select);
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
