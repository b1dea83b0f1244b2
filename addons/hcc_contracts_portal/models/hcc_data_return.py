from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, plaintext2html

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
# "today" on the portal is the council's, whatever time zone a provider sets
COUNCIL_TZ = "Europe/London"


class HccDataReturn(models.Model):
    _inherit = "hcc.data.return"

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
            ("state", "!=", "cancelled"),
            ("source", "=", "provider"),
        ]

    def _portal_required_fields(self):
        """What the contract's specification requires of every return: the
        minimum content of 8.1, the units delivered when a volume is
        commissioned, and a value for each of its performance indicators."""
        self.ensure_one()
        required = [name for name in PORTAL_RETURN_FIELDS if name != "units_delivered"]
        if self.contract_id.commissioned_volume:
            required.append("units_delivered")
        return required

    def _portal_check(self, vals, indicator_values, answer=None):
        """The rules of a return submitted by the provider, checked before
        anything is written (and by the review step of the portal): a provider
        return of a period that has ended, not yet accepted, every required
        figure given (zero is a figure; blank is not).

        :param vals: values of ``PORTAL_RETURN_FIELDS``; a blank is ``None``
            or missing
        :param indicator_values: ``{indicator id: value or None}``
        :param answer: the answer to the council's query, required when the
            return is queried
        """
        self.ensure_one()
        if self.source != "provider" or self.state not in (
            "expected",
            "received",
            "queried",
        ):
            raise UserError(
                _(
                    "The data return for %(period)s is %(state)s: it can no "
                    "longer be changed.",
                    period=self.period_name,
                    state=self._hcc_state_label(self.state).lower(),
                )
            )
        if self._portal_today() <= self.date_to:
            raise UserError(
                _(
                    "The period of this return ends on %(end)s: submit it from "
                    "%(first)s, once the period is over.",
                    end=format_date(self.env, self.date_to),
                    first=format_date(self.env, self.date_to + relativedelta(days=1)),
                )
            )
        unknown = set(vals) - set(PORTAL_RETURN_FIELDS)
        if unknown:
            raise UserError(_("These fields cannot be submitted through the portal."))
        missing = [
            self._fields[name]._description_string(self.env)
            for name in self._portal_required_fields()
            if vals.get(name) is None
            or (isinstance(vals.get(name), str) and not vals[name].strip())
        ]
        indicators = self.contract_id.indicator_ids
        for indicator_id in indicator_values:
            if indicator_id not in indicators.ids:
                raise ValidationError(
                    _("This indicator does not belong to the contract.")
                )
        missing += [
            indicator.name
            for indicator in indicators
            if indicator_values.get(indicator.id) is None
        ]
        problems = []
        if missing:
            problems.append(
                _(
                    "The contract's specification requires these figures in "
                    "every return: %(fields)s. Enter 0 where there is nothing "
                    "to report.",
                    fields=", ".join(f"“{name}”" for name in missing),
                )
            )
        if self.state == "queried" and not (answer or "").strip():
            problems.append(
                _(
                    "Answer the council's query before you submit the return "
                    "again: say what you corrected or explain the figures."
                )
            )
        if problems:
            raise ValidationError(" ".join(problems))

    def _portal_today(self):
        """The council's today (UK time): when a return's period is over is
        the council's to say, not the time zone a provider picks for itself."""
        return fields.Date.context_today(self.with_context(tz=COUNCIL_TZ))

    def _portal_review(self, vals, indicator_values, answer=None):
        """The review step of the portal: every rule and constraint a
        submission would meet, nothing saved (the figures are written in a
        savepoint rolled back)."""
        self.ensure_one()
        self._portal_check(vals, indicator_values, answer)
        savepoint = self.env.cr.savepoint()
        try:
            self.write(vals)
            self._portal_write_indicators(indicator_values)
            self.env.flush_all()
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def _portal_submit(
        self, vals, indicator_values, partner, attachments=(), answer=None
    ):
        """Record a return submitted, or amended, by ``partner`` through the
        portal, once reviewed and confirmed. The rules are
        ``_portal_check``'s; the model's constraints validate the figures
        exactly as in the back office; any error leaves the return unchanged
        (the caller runs this in a savepoint). A return already received is
        amended and stays received: it counts only once the lead officer
        accepts it.

        :param vals: values of ``PORTAL_RETURN_FIELDS``
        :param indicator_values: ``{indicator id: value}``
        :param attachments: ``[(file name, bytes)]`` supporting documents
        :param answer: the answer to the council's query (a queried return)
        """
        self.ensure_one()
        self._portal_check(vals, indicator_values, answer)
        amended = self.state == "received"
        answered = self.state == "queried"
        self.write(vals)
        action_vals = {"submitted_by_id": partner.id}
        if answered:
            action_vals["query_answer"] = answer.strip()
        self._hcc_record_action(action_vals)
        self._portal_write_indicators(indicator_values)
        for name, data in attachments:
            self.env["ir.attachment"].sudo().create(
                {
                    "name": name,
                    "raw": data,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        if not amended:
            self.action_receive()
        if amended:
            body = _(
                "Data return for %(period)s amended through the portal by %(name)s.",
                period=self.period_name,
                name=partner.display_name,
            )
        else:
            body = _(
                "Data return for %(period)s submitted through the portal by %(name)s.",
                period=self.period_name,
                name=partner.display_name,
            )
        self.message_post(
            body=body,
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        if answered:
            self._portal_post_answer(partner)
        self.contract_id._portal_submitted(
            self,
            _(
                "Check the data return for %(period)s: accept or query it",
                period=self.period_name,
            ),
        )

    def _portal_post_answer(self, partner):
        """The provider's answer to the query, in the chatter, to the lead
        officer who asked."""
        self.ensure_one()
        self.message_post(
            body=plaintext2html(self.query_answer),
            subject=_(
                "Answer to the query on the data return for %(period)s",
                period=self.period_name,
            ),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.contract_id.lead_officer_id.partner_id.ids,
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
        self.activity_feedback([SUBMISSION_TYPE])
        return res

    def action_query(self, question=None):
        """The provider's submission is dealt with: its reminder is done."""
        res = super().action_query(question=question)
        self.activity_feedback([SUBMISSION_TYPE])
        return res

    def _hcc_query_recipients(self):
        """The question goes to the provider's contact who submitted the
        return through the portal."""
        return super()._hcc_query_recipients() | self.submitted_by_id
