from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import plaintext2html

from odoo.addons.hcc_contracts.models.meetings.hcc_contract_action import (
    close_activities,
)

SUBMISSION_TYPE = "hcc_contracts_portal.mail_activity_type_provider_submission"
# what a provider keys in through the portal (procedure 8.1 and units delivered)
PORTAL_RETURN_FIELDS = (
    "nature_of_service",
    "age_range_min",
    "age_range_max",
    "people_served",
    "statements_issued",
    "assessments_done",
    "reviews_done",
    "units_delivered",
)


class HccDataReturn(models.Model):
    _inherit = "hcc.data.return"

    query_note = fields.Text(
        string="Query for the Provider",
        tracking=True,
        copy=False,
        help="What the provider must correct or explain. Shown to the provider "
        "in the portal while the return is queried.",
    )
    submitted_by_id = fields.Many2one(
        "res.partner",
        readonly=True,
        copy=False,
        help="The provider's contact who submitted the return through the portal.",
    )

    @api.model
    def _get_hcc_action_fields(self):
        """Only a submission through the portal names who submitted."""
        return super()._get_hcc_action_fields() | {"submitted_by_id"}

    @api.model
    def _get_portal_domain(self, partner):
        """Returns a provider's contact may see: those of its contracts."""
        contract_domain = self.env["hcc.contract"]._get_portal_domain(partner)
        return [("contract_id." + leaf[0], *leaf[1:]) for leaf in contract_domain] + [
            ("state", "!=", "cancelled")
        ]

    def _portal_submit(self, vals, indicator_values, partner):
        """Record a return submitted by ``partner`` through the portal. The
        model's constraints validate it exactly as in the back office; any
        error leaves the return unchanged (the caller runs this in a
        savepoint).

        :param vals: values of ``PORTAL_RETURN_FIELDS``
        :param indicator_values: ``{indicator id: value}``
        """
        self.ensure_one()
        if self.state not in ("expected", "queried"):
            raise UserError(
                _(
                    "The data return for %(period)s has already been submitted: "
                    "it cannot be submitted again.",
                    period=self.period_name,
                )
            )
        unknown = set(vals) - set(PORTAL_RETURN_FIELDS)
        if unknown:
            raise UserError(_("These fields cannot be submitted through the portal."))
        self.write(vals)
        self._hcc_record_action({"submitted_by_id": partner.id})
        self._portal_write_indicators(indicator_values)
        self.action_receive()
        self.message_post(
            body=_(
                "Data return for %(period)s submitted through the portal by %(name)s.",
                period=self.period_name,
                name=partner.display_name,
            ),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.contract_id._portal_submitted(
            self,
            _(
                "Check the data return for %(period)s: accept or query it",
                period=self.period_name,
            ),
        )

    def _portal_write_indicators(self, indicator_values):
        indicators = self.contract_id.indicator_ids
        lines = {line.indicator_id.id: line for line in self.indicator_value_ids}
        for indicator_id, value in indicator_values.items():
            if indicator_id not in indicators.ids:
                raise ValidationError(
                    _("This indicator does not belong to the contract.")
                )
            if indicator_id in lines:
                lines[indicator_id].value = value
            else:
                self.env["hcc.data.return.indicator.value"].create(
                    {"return_id": self.id, "indicator_id": indicator_id, "value": value}
                )

    def action_accept(self):
        res = super().action_accept()
        close_activities(self, SUBMISSION_TYPE)
        return res

    def action_query(self):
        """Send the query to the provider: it reads it in the portal and can
        submit the return again."""
        res = super().action_query()
        for ret in self.filtered("query_note"):
            ret.message_post(
                body=plaintext2html(ret.query_note),
                subject=_(
                    "Query on the data return for %(period)s", period=ret.period_name
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ret.submitted_by_id.ids,
            )
        close_activities(self, SUBMISSION_TYPE)
        return res
