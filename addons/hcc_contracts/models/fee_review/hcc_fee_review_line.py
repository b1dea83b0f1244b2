from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

SKIP_REASONS = [
    ("ended", "Ended before the effective date"),
    ("notice", "Under notice or being terminated"),
    ("varied", "Already varied for the effective date"),
    ("not_active", "Not active"),
    ("changed", "Prices changed since the preview"),
    ("no_change", "No change under its rule"),
]


class HccFeeReviewLine(models.Model):
    """One contract of a fee review round: its prices before and after, the
    cost of the change in the round's financial year against its budget
    line, and, once applied, its revision or why it was skipped. Written by
    the round's actions only."""

    _name = "hcc.fee.review.line"
    _inherit = ["hcc.workflow.mixin"]
    _description = "Contract of a Fee Review Round"
    _hcc_state_path = "review_id.state"
    _order = "review_id, locality_id, contract_id"
    _check_company_auto = True

    review_id = fields.Many2one(
        "hcc.fee.review", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    currency_id = fields.Many2one(related="review_id.currency_id")
    contract_id = fields.Many2one(
        "hcc.contract", required=True, ondelete="restrict", index=True
    )
    partner_id = fields.Many2one(
        related="contract_id.partner_id", string="Provider", store=True
    )
    locality_id = fields.Many2one(related="contract_id.locality_id", store=True)
    care_group_id = fields.Many2one(related="contract_id.care_group_id", store=True)
    payment_basis = fields.Selection(related="contract_id.payment_basis")
    rule_id = fields.Many2one("hcc.fee.review.rule", ondelete="set null")
    old_unit_price = fields.Monetary(string="Unit Price Before")
    new_unit_price = fields.Monetary(string="Unit Price After")
    old_annual_value = fields.Monetary(string="Annual Value Before")
    new_annual_value = fields.Monetary(string="Annual Value After")
    year_cost = fields.Monetary(
        string="Cost in the Year",
        help="What the change costs in the round's financial year: the change "
        "of annual value for the days of the term from the effective date to "
        "31 March.",
    )
    budget_id = fields.Many2one(
        "hcc.contract.budget",
        string="Budget Line",
        ondelete="set null",
        help="The contract's budget line for the round's financial year.",
    )
    budgeted_amount = fields.Monetary(
        related="budget_id.budgeted_amount", string="Budget"
    )
    headroom = fields.Monetary(
        string="Headroom After",
        help="The year's budget less what the contract commits in it and the "
        "cost of the change: negative when the change takes it over budget.",
    )
    state = fields.Selection(
        [
            ("planned", "To Apply"),
            ("applied", "Applied"),
            ("skipped", "Skipped"),
            ("failed", "Failed"),
        ],
        default="planned",
        required=True,
        index=True,
    )
    skip_reason = fields.Selection(SKIP_REASONS)
    failure_message = fields.Text(
        string="Why It Failed",
        help="The error met when the contract's revision was applied: once its "
        "cause is fixed, the CSO applies the failed contracts again.",
    )
    revision_id = fields.Many2one("hcc.contract.revision", ondelete="restrict")

    _sql_constraints = [
        (
            "review_contract_uniq",
            "unique(review_id, contract_id)",
            "A round changes each contract once.",
        ),
    ]

    @api.model
    def _get_hcc_action_fields(self):
        """Every figure and outcome is written by the round's preview and
        apply."""
        return super()._get_hcc_action_fields() | {
            name
            for name, field in self._fields.items()
            if field.store and not field.related and name not in models.MAGIC_COLUMNS
        }

    @api.model
    def _get_hcc_immutable_fields(self):
        return super()._get_hcc_immutable_fields() | {"review_id", "contract_id"}

    # ------------------------------------------------------------------
    # Apply
    # ------------------------------------------------------------------
    def _apply(self):
        """Vary each contract of the batch by one revision, or record why it
        was skipped, as the CSO who applied the round."""
        by_review = {}
        for line in self:
            by_review.setdefault(line.review_id, self.browse())
            by_review[line.review_id] |= line
        for review, lines in by_review.items():
            user = review.applied_by_id or self.env.user
            lines = lines.with_user(user).sudo()
            blocked = review._blocked_contracts(lines.contract_id)
            to_vary = lines.browse()
            for line in lines:
                reason = blocked.get(line.contract_id.id) or line._changed_since()
                if reason:
                    line.write({"state": "skipped", "skip_reason": reason})
                else:
                    to_vary |= line
            # the batch's revisions made, consulted and approved together, then
            # their letters printed at once (one rendering for the batch),
            # then applied together, each with its letter
            revisions = to_vary._create_revisions()
            if not revisions:
                continue
            revisions._hcc_file_fee_review_letter()
            revisions.action_apply()
            for line, revision in zip(to_vary, revisions, strict=True):
                line.write({"state": "applied", "revision_id": revision.id})

    def _mark_failed(self, error):
        """Record that applying the line raised ``error`` (its savepoint
        rolled back): the line is failed with the error's message, kept for
        the CSO, and no longer met by the scheduled action until she applies
        the round's failed contracts again."""
        if isinstance(error, UserError) and error.args:
            message = error.args[0]
        else:
            message = _("Unexpected error: %(error)s", error=str(error) or repr(error))
        self.sudo().write({"state": "failed", "failure_message": message})

    def _changed_since(self):
        """ "changed" when the contract's prices are no longer those the
        round previewed (a revision applied in between)."""
        contract = self.contract_id
        rounding = contract.currency_id
        if rounding.compare_amounts(
            contract.unit_price, self.old_unit_price
        ) or rounding.compare_amounts(contract.annual_value, self.old_annual_value):
            return "changed"
        return False

    def _revision_line_commands(self):
        commands = []
        for term in ("unit_price", "annual_value"):
            if self.currency_id.compare_amounts(
                self[f"old_{term}"], self[f"new_{term}"]
            ):
                commands.append(
                    (0, 0, {"field_name": term, "new_float": self[f"new_{term}"]})
                )
        return commands

    def _create_revisions(self):
        """The contracts' revisions for the round (7.4), approved: consulted
        by the CSO who applied the round, effective from the round's date, the
        provider informed today. Applied once their letters are filed. Made
        for the whole batch at once, in the order of the lines."""
        revisions = self.env["hcc.contract.revision"].create(
            [line._prepare_revision_vals() for line in self]
        )
        if revisions:
            revisions.action_mark_consulted()
            revisions.action_approve()
            revisions.write({"date_provider_informed": fields.Date.context_today(self)})
        return revisions

    def _prepare_revision_vals(self):
        """The values of the line's revision; the Procurement Act addon adds
        whether the change is a qualifying modification."""
        self.ensure_one()
        review = self.review_id
        # the wording of the provider's letter, in its language
        env = self.contract_id._hcc_provider_env()
        return {
            "contract_id": self.contract_id.id,
            "title": env._("Fee review %(year)s", year=review.financial_year),
            "description": env._(
                "<p>New prices of the fee review %(ref)s (%(title)s), in force "
                "from %(date)s.</p>",
                ref=review.name,
                title=review.title,
                date=format_date(env, review.date_effective),
            ),
            "reason": "fee_review",
            "date_effective": review.date_effective,
            "cso_consulted_id": self.env.uid,
            "date_cso_consulted": fields.Date.context_today(self),
            "fee_review_id": review.id,
            "line_ids": self._revision_line_commands(),
        }
