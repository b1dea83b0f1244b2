/** @odoo-module */
/*
 * Market oversight: the County Manager (Contracts) opens her dashboard, sees
 * the providers at red, drills into one and reads why, with the history of
 * its rating, then its page across all its contracts. Data:
 * tests/test_tours.py (TestTourMarketOversight).
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hcc_market_oversight", {
    steps: () => [
        {
            content: "The dashboard counts the providers at red",
            trigger: ".o_hcc_dashboard_providers a.o_hcc_providers_red",
            run: "click",
        },
        {
            content: "The providers at red, one card each",
            trigger: ".o_kanban_record:contains(Tour Homecare Ltd)",
            run: "click",
        },
        {
            content: "Why: the council's rules its signals meet",
            trigger: ".o_field_widget[name=reasons]:contains(Contracts rated red: 2)",
        },
        {
            content: "The history of its rating",
            trigger: ".o_field_widget[name=change_ids] .o_data_row:contains(Red)",
        },
        {
            content: "Open the provider",
            trigger: ".o_field_widget[name=partner_id] a",
            run: "click",
        },
        {
            content: "Its page across all its contracts",
            trigger: ".o_notebook .nav-link:contains(Social Care Contracts)",
            run: "click",
        },
        {
            content: "Its risk and why, at the top of its page",
            trigger: ".o_notebook .alert-danger:contains(Provider risk: Red)",
        },
        {
            content: "Two red contracts of its three",
            trigger: ".o_field_widget[name=hcc_red_contract_count]:contains(2)",
        },
        {
            content: "Its share of the council's contracts",
            trigger: ".o_field_widget[name=hcc_concentration_html] table:contains(Share)",
        },
    ],
});
