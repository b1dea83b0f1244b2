import functools
import logging
import subprocess

from odoo import models

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)


@functools.cache
def wkhtmltopdf_prints_several_documents():
    """Whether the installed wkhtmltopdf takes several HTML documents in one
    call, as its builds with the patched Qt do (the build Odoo recommends, in
    the official image). A build without it (Debian's package) prints one
    document a call and fails with several."""
    try:
        out = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"],
            capture_output=True,
            check=False,
            text=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return True
    return "patched qt" in out.lower()


VARIATION_LETTER = "hcc_contracts_reports.action_report_variation_letter"


class HccContractRevision(models.Model):
    _inherit = "hcc.contract.revision"

    def _hcc_file_fee_review_letter(self):
        """A revision made by a fee review is applied with its variation
        letter: printed once approved, the PDF is filed on the revision as the
        letter sent (the report's attachment), as a printed variation letter
        is. The letters of a batch are printed in one rendering, which Odoo
        splits into each revision's own PDF, by page or by the letters'
        top-level headings (one a letter). A wkhtmltopdf that prints one
        document a call (built without the patched Qt) prints each letter on
        its own, as does a letter the batch's rendering did not file, without
        making the batch's revisions again."""
        Report = self.env["ir.actions.report"]
        batch = len(self) > 1 and wkhtmltopdf_prints_several_documents()
        if batch:
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
        if batch and alone:
            _logger.warning(
                "%s of the %s variation letters of a fee review batch were not "
                "split from the batch's PDF: each is printed on its own",
                len(alone),
                len(self),
            )
        for revision in alone:
            Report._render_qweb_pdf(VARIATION_LETTER, revision.ids)
        return super()._hcc_file_fee_review_letter()
