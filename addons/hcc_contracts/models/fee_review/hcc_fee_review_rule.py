from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..contract.hcc_contract import PAYMENT_BASIS

# how much each criterion makes a rule specific: a rule for one provider
# beats one for a service type, which beats one for a care group, which
# beats one for a payment basis; criteria add up
SPECIFICITY = {
    "partner_id": 8,
    "service_type_id": 4,
    "care_group_id": 2,
    "payment_basis": 1,
}


class HccFeeReviewRule(models.Model):
    """One rule of a fee review round: which contracts it covers (care group,
    service type, payment basis, provider; empty criteria cover all) and
    what it does to their prices. Who set it and when is kept and posted on
    the round."""

    _name = "hcc.fee.review.rule"
    _inherit = ["hcc.workflow.mixin"]
    _description = "Fee Review Rule"
    _hcc_state_path = "review_id.state"
    _order = "review_id, id"
    _check_company_auto = True

    review_id = fields.Many2one(
        "hcc.fee.review", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    care_group_id = fields.Many2one(
        "hcc.care.group", check_company=True, help="Empty: every care group."
    )
    service_type_id = fields.Many2one(
        "hcc.service.type", check_company=True, help="Empty: every service type."
    )
    payment_basis = fields.Selection(
        PAYMENT_BASIS, help="Empty: contracts paid either way."
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Provider",
        domain=[("is_company", "=", True)],
        help="Empty: every provider. A rule for one provider (after an "
        "open-book review, say) wins over the others.",
    )
    method = fields.Selection(
        [
            ("percent", "Percentage uplift"),
            ("rate", "New unit rate"),
            ("none", "No change"),
        ],
        required=True,
        default="percent",
        help="Percentage uplift: the unit price and the annual value rise by "
        "the percentage. New unit rate: the unit price becomes the rate and the "
        "annual value follows it. No change: the contracts it covers keep "
        "their prices. When several rules cover a contract, the most specific "
        "wins: a provider before a service type, before a care group, before a "
        "payment basis (criteria add up).",
    )
    percent = fields.Float(string="Uplift (%)", digits=(5, 2))
    new_unit_price = fields.Monetary(
        string="New Unit Rate", currency_field="currency_id"
    )
    currency_id = fields.Many2one(related="review_id.currency_id")
    note = fields.Char(
        string="Why", help="Why the rule, e.g. the National Living Wage."
    )
    set_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_set = fields.Datetime(string="Set On", readonly=True, copy=False)
    specificity = fields.Integer(compute="_compute_specificity")

    @api.depends(*SPECIFICITY)
    def _compute_specificity(self):
        for rule in self:
            rule.specificity = sum(
                weight for name, weight in SPECIFICITY.items() if rule[name]
            )

    @api.constrains("method", "percent", "new_unit_price")
    def _check_values(self):
        for rule in self:
            if rule.method == "rate" and rule.new_unit_price <= 0:
                raise ValidationError(_("A new unit rate must be more than zero."))
            if rule.method == "percent" and rule.percent <= -100:
                raise ValidationError(
                    _("An uplift cannot take a price to zero or below.")
                )

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {"set_by_id", "date_set"}

    @api.model
    def _get_hcc_immutable_fields(self):
        return super()._get_hcc_immutable_fields() | {"review_id"}

    @api.model
    def _get_hcc_first_step_fields(self):
        """The rules are set while the round is a draft."""
        return super()._get_hcc_first_step_fields() | {
            "care_group_id",
            "service_type_id",
            "payment_basis",
            "partner_id",
            "method",
            "percent",
            "new_unit_price",
            "note",
        }

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._record_setter()
        return rules

    def write(self, vals):
        result = super().write(vals)
        if vals.keys() - {"set_by_id", "date_set"}:
            self._record_setter()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        self.review_id._check_rules_open()

    def _record_setter(self):
        """Who set the rule and when, on the rule and in the round's
        chatter."""
        self.sudo().write(
            {"set_by_id": self.env.uid, "date_set": fields.Datetime.now()}
        )
        for rule in self:
            rule.review_id.message_post(
                body=_(
                    "Rule set by %(user)s: %(rule)s.",
                    user=self.env.user.name,
                    rule=rule._describe(),
                )
            )

    def _describe(self):
        """The rule in words: what it covers and what it does."""
        self.ensure_one()
        covers = [
            self[name].display_name
            if name != "payment_basis"
            else dict(PAYMENT_BASIS).get(self.payment_basis)
            for name in (
                "partner_id",
                "service_type_id",
                "care_group_id",
                "payment_basis",
            )
            if self[name]
        ]
        scope = ", ".join(covers) or _("every contract")
        # formatted outside the call: the term extractor reads the call's
        # arguments as literals
        percent = f"{self.percent:.2f}"
        rate = f"{self.new_unit_price:,.2f}"
        if self.method == "percent":
            what = _("+%(percent)s %%", percent=percent)
        elif self.method == "rate":
            what = _("new unit rate %(rate)s", rate=rate)
        else:
            what = _("no change")
        return f"{scope} – {what}"

    def _matches(self, contract):
        self.ensure_one()
        return all(
            not self[name] or self[name] == contract[name] for name in SPECIFICITY
        )

    def _new_prices(self, contract):
        """(new unit price, new annual value) of ``contract`` under the
        rule."""
        self.ensure_one()
        price, annual = contract.unit_price, contract.annual_value
        if self.method == "percent":
            factor = 1 + self.percent / 100.0
            return contract.currency_id.round(
                price * factor
            ), contract.currency_id.round(annual * factor)
        if self.method == "rate":
            if price:
                annual = annual * self.new_unit_price / price
            elif contract.commissioned_volume:
                annual = contract.commissioned_volume * self.new_unit_price
            return self.new_unit_price, contract.currency_id.round(annual)
        return price, annual
