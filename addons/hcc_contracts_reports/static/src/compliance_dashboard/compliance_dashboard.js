import { Component, onWillStart } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";

/**
 * The County Manager's home screen: live contracts by locality and RAG status,
 * each performance standard of the procedure with its target, and what
 * separates compliance (the council following the procedure) from the RAG
 * status (the provider's performance). Figures come from
 * hcc.compliance.report.get_dashboard_data, read as the user.
 */
export class HccComplianceDashboard extends Component {
    static template = "hcc_contracts_reports.ComplianceDashboard";
    static components = { Layout };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        onWillStart(async () => {
            this.data = await this.orm.call("hcc.compliance.report", "get_dashboard_data", []);
        });
    }

    openContracts(locality, rag) {
        const domain = [["state", "=", "active"], ["locality_id", "=", locality.id]];
        if (rag) {
            domain.push(["rag_status", "=", rag]);
        }
        this.action.doAction({
            type: "ir.actions.act_window",
            name: locality.name,
            res_model: "hcc.contract",
            domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
        });
    }

    openStandard(standard) {
        // the contracts that miss the standard, as a list: what the figure
        // counts, one row each (the analysis' graph and pivot stay a click away)
        this.action.doAction({
            type: "ir.actions.act_window",
            name: `${standard.code} ${standard.label}`,
            res_model: "hcc.compliance.report",
            views: [
                [false, "list"],
                [false, "pivot"],
                [false, "graph"],
            ],
            context: {
                search_default_live: 1,
                [`search_default_fail_${standard.code.replace(".", "_")}`]: 1,
            },
        });
    }

    openProviders(level) {
        // the market oversight list of providers at that risk
        this.action.doAction("hcc_contracts.hcc_provider_risk_action", {
            additionalContext: { [`search_default_filter_${level}`]: 1 },
        });
    }

    openSnapshot(month) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "hcc.oversight.snapshot",
            res_id: month.id,
            views: [[false, "form"]],
        });
    }

    get layoutDisplay() {
        return { controlPanel: {} };
    }

    get title() {
        return _t("Compliance Dashboard");
    }
}

registry.category("actions").add("hcc_compliance_dashboard", HccComplianceDashboard);
