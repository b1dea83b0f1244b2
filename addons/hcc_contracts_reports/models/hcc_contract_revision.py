from odoo import models

VARIATION_LETTER = "hcc_contracts_reports.action_report_variation_letter"


class HccContractRevision(models.Model):
    _inherit = "hcc.contract.revision"

    def _hcc_file_fee_review_letter(self):
        """A revision made by a fee review is applied with its variation
        letter: printed once approved, the PDF is filed on the revision as the
        letter sent (the report's attachment), as a printed variation letter
        is. The letters of a batch are printed in one rendering, which files
        each revision's own PDF."""
        if self:
            self.env["ir.actions.report"]._render_qweb_pdf(VARIATION_LETTER, self.ids)
        return super()._hcc_file_fee_review_letter()
