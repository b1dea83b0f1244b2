from odoo import _, api, models
from odoo.exceptions import UserError


class HccSatisfactionSurvey(models.Model):
    _inherit = "hcc.satisfaction.survey"

    @api.model
    def _get_portal_domain(self, partner):
        """Surveys a provider's contact may see: those of its contracts."""
        contract_domain = self.env["hcc.contract"]._get_portal_domain(partner)
        return [("contract_id." + leaf[0], *leaf[1:]) for leaf in contract_domain] + [
            ("state", "!=", "cancelled")
        ]

    def _portal_submit(self, respondents, satisfied_percent, attachment, partner):
        """Record the results of the annual survey uploaded by ``partner``;
        ``attachment`` is ``(file name, bytes)`` or None. Validated by the
        model's constraints; the caller runs this in a savepoint."""
        self.ensure_one()
        if self.state != "due":
            raise UserError(
                _(
                    "The results of survey %(name)s have already been submitted.",
                    name=self.name,
                )
            )
        self.write({"respondents": respondents, "satisfied_percent": satisfied_percent})
        self.action_receive()
        attachments = self.env["ir.attachment"]
        if attachment:
            attachments = attachments.create(
                {
                    "name": attachment[0],
                    "raw": attachment[1],
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        self.message_post(
            body=_(
                "Survey results submitted through the portal by %(name)s: "
                "%(respondents)s respondents, %(percent)s%% satisfied.",
                name=partner.display_name,
                respondents=respondents,
                percent=satisfied_percent,
            ),
            author_id=partner.id,
            attachment_ids=attachments.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.contract_id._portal_submitted(
            self, _("Check the satisfaction survey results submitted by the provider")
        )
