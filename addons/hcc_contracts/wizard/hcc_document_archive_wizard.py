from odoo import fields, models


class HccDocumentArchiveWizard(models.TransientModel):
    """Asks why a filed document is archived: the reason stays with it in
    the contract file and its evidence trail (9.4)."""

    _name = "hcc.document.archive.wizard"
    _description = "Archive a Filed Document"

    attachment_ids = fields.Many2many(
        "ir.attachment", string="Documents", readonly=True
    )
    reason = fields.Text(
        required=True,
        help="Why the document leaves the lists: superseded by which document, "
        "or filed by mistake.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.attachment_ids._hcc_archive_documents(self.reason)
        return {"type": "ir.actions.act_window_close"}
