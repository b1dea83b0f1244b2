from odoo import api, models


class ReportNoticeLetter(models.AbstractModel):
    """Improvement or default notice letter addressed to the provider
    (procedure 9.1)."""

    _name = "report.hcc_contracts_reports.report_notice_letter"
    _description = "Improvement or default notice letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hcc.contract.notice"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "hcc.contract.notice",
            "docs": docs,
        }
