from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class HccContractAction(models.Model):
    _inherit = "hcc.contract.action"

    @api.model
    def _get_portal_domain(self, partner):
        """Actions a provider's contact may see: those assigned to the
        provider on its contracts."""
        contract_domain = self.env["hcc.contract"]._get_portal_domain(partner)
        return [("contract_id." + leaf[0], *leaf[1:]) for leaf in contract_domain] + [
            ("responsible", "=", "provider"),
            ("state", "!=", "cancelled"),
        ]

    def _portal_post_progress(self, comment, partner, attachments=()):
        """Post the provider's progress on the action in its chatter, as
        ``partner``, with the evidence it attached, and notify the officer
        who follows it up.

        :param attachments: ``[(file name, bytes)]``, checked by the caller
            as a return's supporting documents are
        """
        self.ensure_one()
        if self.state != "open":
            raise UserError(
                _(
                    "Action “%(name)s” is closed: progress can no longer be reported.",
                    name=self.name,
                )
            )
        comment = (comment or "").strip()
        if not comment and not attachments:
            raise UserError(
                _(
                    "Write a comment describing the progress made, or attach "
                    "the evidence of it."
                )
            )
        if not comment:
            comment = _("Evidence attached.")
        return self.message_post(
            body=plaintext2html(comment),
            author_id=partner.id,
            # created by the chatter on the action, as a message's files
            attachments=list(attachments),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.user_id.partner_id.ids,
        )

    def _portal_messages(self):
        """The public conversation of the action: comments, never notes."""
        self.ensure_one()
        return self.message_ids.filtered(
            lambda m: m.message_type == "comment"
            and m.subtype_id == self.env.ref("mail.mt_comment")
        )
