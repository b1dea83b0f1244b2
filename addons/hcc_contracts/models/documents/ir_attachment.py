from odoo import _, api, fields, models
from odoo.exceptions import UserError

DOCUMENT_TYPES = [
    ("signed_contract", "Signed contract"),
    ("specification", "Service specification"),
    ("variation_letter", "Variation letter"),
    ("notice_letter", "Notice letter as served"),
    ("termination_letter", "Termination letter"),
    ("authorisation_report", "Procurement authorisation report"),
    ("advert", "Advert"),
    ("evaluation", "Evaluation"),
    ("unsuccessful_letter", "Letter to an unsuccessful bidder"),
    ("review_report", "Review report"),
    ("other", "Other"),
]
# what a filed document is: once filed, its content, its record and its type
# are evidence (9.4) and do not change
FILED_FIELDS = {
    "datas",
    "raw",
    "db_datas",
    "store_fname",
    "url",
    "res_model",
    "res_id",
    "res_field",
    "hcc_document_type",
    "hcc_document_date",
}


class IrAttachment(models.Model):
    """The contract file (Appendix A 6, 9; procedure 9.4): Odoo's own
    attachments of a contract, its procurement, notices and revisions, each
    with its type, date and who filed it. An attachment with a type is a
    filed document: it follows the access of its record (Odoo's attachment
    rules), is never deleted (archived instead) and never rewritten."""

    _inherit = "ir.attachment"

    hcc_document_type = fields.Selection(
        DOCUMENT_TYPES, string="Document Type", index=True
    )
    hcc_document_date = fields.Date(string="Document Date")
    hcc_archived = fields.Boolean(
        string="Archived", help="Kept in the contract file, out of the lists."
    )
    hcc_filed_by_id = fields.Many2one(
        related="create_uid", string="Filed By", readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("hcc_document_type") and not vals.get("hcc_document_date"):
                vals["hcc_document_date"] = today
        return super().create(vals_list)

    def write(self, vals):
        filed = self.filtered("hcc_document_type")
        if filed and not self.env.su and FILED_FIELDS & vals.keys():
            raise UserError(
                _(
                    "%(name)s is filed in the contract file: it cannot be replaced "
                    "or moved. File a new document, and archive this one if it is "
                    "superseded.",
                    name=filed[0].name,
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed(self):
        filed = self.filtered("hcc_document_type")
        if filed:
            raise UserError(
                _(
                    "%(name)s is filed in the contract file and is never deleted: "
                    "archive it instead.",
                    name=filed[0].name,
                )
            )

    def action_archive_document(self):
        self.check_access("write")
        self.sudo().write({"hcc_archived": True})
        return True

    def action_unarchive_document(self):
        self.check_access("write")
        self.sudo().write({"hcc_archived": False})
        return True
