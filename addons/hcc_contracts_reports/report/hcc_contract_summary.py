from odoo import api, models


class ReportContractSummary(models.AbstractModel):
    _name = "report.hcc_contracts_reports.report_contract_summary"
    _description = "Contract summary sheet"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hcc.contract"].browse(docids)
        # a user prints only what they may read
        docs.check_access("read")
        return {"doc_ids": docids, "doc_model": "hcc.contract", "docs": docs}
