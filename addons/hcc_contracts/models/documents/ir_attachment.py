from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

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
# whether a filed document is archived, why, by whom and when: written only
# by archiving and restoring it (``_hcc_archive_documents``)
ARCHIVE_FIELDS = {
    "hcc_archived",
    "hcc_archive_reason",
    "hcc_archived_by_id",
    "hcc_archived_date",
}
# what would let someone without access to the record download a filed
# document: a public attachment, or a link with its access token
SHARING_FIELDS = {"public", "access_token"}


class IrAttachment(models.Model):
    """The contract file (Appendix A 6, 9; procedure 9.4): Odoo's own
    attachments of a contract, its procurement, notices and revisions, each
    with its type, date and who filed it. An attachment with a type is a
    filed document: it follows the access of its record (Odoo's attachment
    rules), is never public, never deleted (archived instead, with the reason,
    by someone who may change its record) and never rewritten."""

    _inherit = "ir.attachment"

    hcc_document_type = fields.Selection(
        DOCUMENT_TYPES, string="Document Type", index=True
    )
    hcc_document_date = fields.Date(string="Document Date")
    hcc_archived = fields.Boolean(
        string="Archived",
        readonly=True,
        copy=False,
        help="Kept in the contract file and its evidence trail, out of the lists.",
    )
    hcc_archive_reason = fields.Text(
        string="Reason for Archiving", readonly=True, copy=False
    )
    hcc_archived_by_id = fields.Many2one(
        "res.users", string="Archived By", readonly=True, copy=False
    )
    hcc_archived_date = fields.Datetime(string="Archived On", readonly=True, copy=False)
    hcc_filed_by_id = fields.Many2one(
        related="create_uid", string="Filed By", readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if not self.env.su:
                self._check_hcc_create_vals(vals)
            if vals.get("hcc_document_type") and not vals.get("hcc_document_date"):
                vals["hcc_document_date"] = today
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_hcc_write_vals(vals)
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

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_archive_document(self):
        """Ask for the reason, then archive (see ``_hcc_archive_documents``)."""
        self._check_hcc_may_archive()
        return {
            "type": "ir.actions.act_window",
            "name": _("Archive Document"),
            "res_model": "hcc.document.archive.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_attachment_ids": self.ids},
        }

    def action_unarchive_document(self):
        self._check_hcc_may_archive()
        for document in self.filtered("hcc_archived"):
            document._hcc_log_archive(
                _(
                    "Document %(name)s restored to the contract file.",
                    name=document.name,
                )
            )
        self.sudo().write(dict.fromkeys(ARCHIVE_FIELDS, False))
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _hcc_archive_documents(self, reason):
        """Archive filed documents, superseded or filed by mistake: they leave
        the lists but stay in the contract file and its evidence trail, with
        the reason, who archived them and when. Only someone who may change
        the record of a document archives it."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason for archiving the document."))
        self._check_hcc_may_archive()
        for document in self.filtered(lambda d: not d.hcc_archived):
            document._hcc_log_archive(
                _(
                    "Document %(name)s archived: %(reason)s",
                    name=document.name,
                    reason=reason,
                )
            )
        self.filtered(lambda d: not d.hcc_archived).sudo().write(
            {
                "hcc_archived": True,
                "hcc_archive_reason": reason,
                "hcc_archived_by_id": self.env.uid,
                "hcc_archived_date": fields.Datetime.now(),
            }
        )
        return True

    def _check_hcc_may_archive(self):
        """Archiving hides a document from the lists of its record: the user
        must be allowed to change that record (its record rules included),
        and not only as Finance, which changes the budget of a contract and
        nothing else of it."""
        if self.env.su:
            return
        for document in self.sudo():
            if not document.hcc_document_type:
                raise UserError(
                    _(
                        "%(name)s is not filed in the contract file.",
                        name=document.name,
                    )
                )
            if not document.with_env(self.env)._hcc_may_change_record():
                raise AccessError(
                    _(
                        "You cannot archive or restore %(name)s: only someone who "
                        "may change %(record)s does.",
                        name=document.name,
                        record=document.res_name or document.res_model,
                    )
                )

    def _hcc_may_change_record(self):
        self.ensure_one()
        res_model, res_id = self.sudo().res_model, self.sudo().res_id
        if not (res_model in self.env and res_id):
            return False
        record = self.env[res_model].browse(res_id).exists()
        if not (record and record.has_access("write")):
            return False
        return not (record._name == "hcc.contract" and record._hcc_finance_only())

    def _hcc_log_archive(self, body):
        """Note the archiving on the record's chatter, which keeps it."""
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).sudo()
        if hasattr(record, "message_post"):
            record.message_post(body=body, author_id=self.env.user.partner_id.id)

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------
    @api.model
    def _check_hcc_create_vals(self, vals):
        if ARCHIVE_FIELDS & {key for key, value in vals.items() if value}:
            raise AccessError(
                _("A document is archived by its Archive button, with a reason.")
            )
        if vals.get("hcc_document_type") and any(
            vals.get(name) for name in SHARING_FIELDS
        ):
            raise UserError(self._hcc_public_message(vals.get("name")))

    def _check_hcc_write_vals(self, vals):
        if ARCHIVE_FIELDS & vals.keys():
            raise AccessError(
                _("A document is archived by its Archive button, with a reason.")
            )
        filed = self.filtered("hcc_document_type")
        if filed and FILED_FIELDS & vals.keys():
            raise UserError(
                _(
                    "%(name)s is filed in the contract file: it cannot be replaced "
                    "or moved. File a new document, and archive this one if it is "
                    "superseded.",
                    name=filed[0].name,
                )
            )
        if vals.get("hcc_document_type") or (filed and SHARING_FIELDS & vals.keys()):
            for attachment in self.sudo():
                if not (attachment.hcc_document_type or vals.get("hcc_document_type")):
                    continue
                if any(
                    vals[name] if name in vals else attachment[name]
                    for name in SHARING_FIELDS
                ):
                    raise UserError(self._hcc_public_message(attachment.name))

    @api.model
    def _hcc_public_message(self, name):
        return _(
            "%(name)s: a document of the contract file is never public nor shared "
            "by a link; it is read by those who may read its record.",
            name=name or _("This document"),
        )
