from odoo import _, api, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

SUBMISSION = "hcc_contracts_portal.mail_activity_type_provider_submission"


class HccProviderDocument(models.Model):
    _inherit = "hcc.provider.document"

    @api.model
    def _get_portal_domain(self, partner):
        """The compliance documents a contact of a provider may see: its
        commercial partner's current documents and the renewals it sent that
        wait for the council."""
        return [
            ("partner_id", "=", partner.commercial_partner_id.id),
            ("state", "in", ("draft", "current")),
        ]

    def _portal_renew(self, upload, date_expiry, date_issued, partner):
        """A renewal of this current document uploaded by ``partner`` (a
        contact of its provider: the controller found the document through
        ``_get_portal_domain``): ``upload`` is ``(file name, bytes)``. It
        waits for a Contract Support Officer to accept it; until then the
        document stays current. The caller runs this in a savepoint."""
        self.ensure_one()
        if self.state != "current":
            raise UserError(
                _(
                    "Only a current document is renewed: %(document)s is not.",
                    document=self.display_name,
                )
            )
        if not upload:
            raise ValidationError(_("Attach the renewed document."))
        if not date_expiry:
            raise ValidationError(_("Give the date the renewed document expires."))
        if date_expiry <= self.date_expiry:
            raise ValidationError(
                _(
                    "The renewal must expire after the document it renews (%(date)s).",
                    date=format_date(self.env, self.date_expiry),
                )
            )
        pending = self.sudo().search_count(
            [("renewal_of_id", "=", self.id), ("state", "=", "draft")]
        )
        if pending:
            raise UserError(
                _(
                    "A renewal of %(document)s is already waiting for the council "
                    "to check it.",
                    document=self.display_name,
                )
            )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create({"name": upload[0], "raw": upload[1]})
        )
        renewal = self.env["hcc.provider.document"]._portal_create_renewal(
            self, attachment, date_expiry, date_issued
        )
        renewal.message_post(
            body=_(
                "Renewal uploaded through the portal by %(name)s.",
                name=partner.display_name,
            ),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        # the Contract Support Officers of the provider's contracts (or the
        # County Manager) check it, as they are reminded of the expiry
        activity_type = self.env.ref(SUBMISSION)
        summary = _("Check the renewal the provider uploaded")
        requests = []
        for user in renewal._hcc_reminder_users()[renewal.id]:
            requests.append(
                {
                    "record": renewal,
                    "activity_type": activity_type,
                    "user": user,
                    "summary": summary,
                }
            )
        self.env["mail.activity"]._hcc_schedule(requests)
        return renewal

    def action_accept(self):
        res = super().action_accept()
        self.sudo().activity_feedback([SUBMISSION])
        return res

    def action_reject(self):
        res = super().action_reject()
        self.sudo().activity_feedback([SUBMISSION])
        return res
