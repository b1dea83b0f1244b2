import logging

from odoo import models

_logger = logging.getLogger(__name__)

VARIATION_LETTER = "hcc_contracts_reports.action_report_variation_letter"


class HccContractRevision(models.Model):
    _inherit = "hcc.contract.revision"

    def _hcc_file_fee_review_letter(self):
        """A revision made by a fee review is applied with its variation
        letter: printed once approved, the PDF is filed on the revision as the
        letter sent (the report's attachment), as a printed variation letter
        is. The letters of a batch are printed in one rendering, which Odoo
        splits into each revision's own PDF, by page or by the letters'
        top-level headings (one a letter; see ``ir_actions_report`` for a
        wkhtmltopdf that prints one document a call). A letter the batch's
        rendering did not file is printed on its own, without making the
        batch's revisions again."""
        Report = self.env["ir.actions.report"]
        if len(self) > 1:
            try:
                with self.env.cr.savepoint():
                    Report._render_qweb_pdf(VARIATION_LETTER, self.ids)
            except Exception as error:  # noqa: BLE001 (each letter is printed alone)
                _logger.warning(
                    "The %s variation letters of a fee review batch could not be "
                    "printed at once (%s): each is printed on its own",
                    len(self),
                    error,
                )
        alone = self - self._hcc_with_fee_review_letter()
        if len(self) > 1 and alone:
            _logger.warning(
                "%s of the %s variation letters of a fee review batch were not "
                "split from the batch's PDF: each is printed on its own",
                len(alone),
                len(self),
            )
        for revision in alone:
            Report._render_qweb_pdf(VARIATION_LETTER, revision.ids)
        return super()._hcc_file_fee_review_letter()
