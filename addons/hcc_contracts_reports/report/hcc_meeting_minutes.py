from odoo import api, models


class ReportMeetingMinutes(models.AbstractModel):
    """Minutes of a monitoring meeting as circulated (procedure 7.2, 7.6).
    Specific cases are never printed: only their number, as personal data of
    service users stays behind its own group."""

    _name = "report.hcc_contracts_reports.report_meeting_minutes"
    _description = "Monitoring meeting minutes"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hcc.contract.meeting"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "hcc.contract.meeting",
            "docs": docs,
            "agenda": {m.id: m.agenda_ids.sorted("sequence") for m in docs},
            "actions": {m.id: m.action_ids.sorted("date_due") for m in docs},
        }
