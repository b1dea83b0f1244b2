from odoo import models


class HccContractNotice(models.Model):
    _inherit = "hcc.contract.notice"

    def _hcc_file_served_letter(self):
        """File the letter as served: printing it once the notice is served
        saves the PDF on the notice, filed as "Notice letter as served"; every
        later print returns that PDF (the report's ``attachment_use``), so the
        file keeps what the provider received whatever changes afterwards."""
        res = super()._hcc_file_served_letter()
        self.env["ir.actions.report"]._render_qweb_pdf(
            "hcc_contracts_reports.action_report_notice_letter", self.ids
        )
        return res
