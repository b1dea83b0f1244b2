from datetime import date

from odoo import api, models


class ReportEvidenceTrail(models.AbstractModel):
    """The case file for a possible early termination (procedure 9.4): the
    evidence trail in date order with the dates the provider was informed,
    the notices and the termination details."""

    _name = "report.hcc_contracts_reports.report_evidence_trail"
    _description = "Evidence trail and case file"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hcc.contract"].browse(docids)
        docs.check_access("read")
        evidence = self.env["hcc.contract.evidence"].search(
            [("contract_id", "in", docs.ids)], order="date, id"
        )
        trail = {contract.id: evidence.browse() for contract in docs}
        for row in evidence:
            trail[row.contract_id.id] |= row
        return {
            "doc_ids": docids,
            "doc_model": "hcc.contract",
            "docs": docs,
            "trail": trail,
            "notices": {
                c.id: c.notice_ids.sorted(lambda n: (n.date_served or date.max, n.id))
                for c in docs
            },
        }
