from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date, html_escape

from ...tools import financial_year as fy
from ...tools.roles import (
    GROUP_COUNTY_MANAGER,
    GROUP_FINANCE,
    GROUP_SUPPORT_OFFICER,
    check_role,
    has_role,
)
from ..hcc_workflow_mixin import Transition
from ..notices.hcc_contract_termination import OPEN_STATES

APPLY_CRON = "hcc_contracts.ir_cron_hcc_fee_review_apply"
PRICE_TERMS = ("unit_price", "annual_value")
# contracts varied per call of the scheduled action (see _cron_apply_fee_reviews)
APPLY_BATCH_SIZE = 25


class HccFeeReview(models.Model):
    """The annual fee review: a round of new prices for a financial year,
    set by rules, previewed against the year's budgets, approved by the
    County Manager (Contracts) and applied as one revision per contract
    (7.4), in batches a scheduled action resumes."""

    _name = "hcc.fee.review"
    _inherit = ["hcc.reference.mixin", "hcc.workflow.mixin", "mail.thread"]
    _description = "Fee Review Round"
    _hcc_reference_sequence = "hcc.fee.review"
    _order = "date_effective desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self._default_name(),
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    title = fields.Char(required=True, tracking=True, help="e.g. Fee review 2027/28.")
    financial_year = fields.Char(
        required=True,
        tracking=True,
        default=lambda self: self._default_financial_year(),
        help="UK financial year of the new prices, 1 April to 31 March, written "
        "like 2027/28.",
    )
    date_effective = fields.Date(
        string="Effective Date",
        required=True,
        tracking=True,
        default=lambda self: self._default_date_effective(),
        help="The day the new prices take effect (usually 1 April): services "
        "before it are paid at the old prices, from it at the new.",
    )
    description = fields.Text(help="Why the round: the National Living Wage...")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("previewed", "Previewed"),
            ("approved", "Approved"),
            ("applying", "Applying"),
            ("applied", "Applied"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    rule_ids = fields.One2many("hcc.fee.review.rule", "review_id", string="Rules")
    line_ids = fields.One2many(
        "hcc.fee.review.line", "review_id", string="Contracts", readonly=True
    )
    previewed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_previewed = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    date_approved = fields.Date(
        string="Approved On", readonly=True, copy=False, tracking=True
    )
    applied_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    date_applied = fields.Date(
        string="Applied On", readonly=True, copy=False, tracking=True
    )
    contract_count = fields.Integer(compute="_compute_totals")
    applied_count = fields.Integer(compute="_compute_totals")
    skipped_count = fields.Integer(compute="_compute_totals")
    failed_count = fields.Integer(
        string="Failed",
        compute="_compute_totals",
        help="Contracts whose revision could not be applied: each line says "
        "why; once the cause is fixed, the CSO applies them again.",
    )
    total_old_annual_value = fields.Monetary(
        string="Annual Value Before", compute="_compute_totals"
    )
    total_new_annual_value = fields.Monetary(
        string="Annual Value After", compute="_compute_totals"
    )
    total_year_cost = fields.Monetary(
        string="Cost in the Year",
        compute="_compute_totals",
        help="What the round costs in its financial year, from the effective "
        "date to 31 March.",
    )
    summary_html = fields.Html(
        string="By Locality", compute="_compute_totals", sanitize=False
    )

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    def _default_financial_year(self):
        """The coming financial year: a round is set in the spring before
        it."""
        start_year = fy.fy_start_year(fields.Date.context_today(self)) + 1
        return fy.fy_label(start_year)

    def _default_date_effective(self):
        return fy.fy_parse(self._default_financial_year())[0]

    @api.depends(
        "line_ids.state",
        "line_ids.old_annual_value",
        "line_ids.new_annual_value",
        "line_ids.year_cost",
        "line_ids.headroom",
    )
    def _compute_totals(self):
        for review in self:
            lines = review.line_ids
            changed = lines.filtered(lambda line: line.state != "skipped")
            review.contract_count = len(changed)
            review.applied_count = len(
                lines.filtered(lambda line: line.state == "applied")
            )
            review.failed_count = len(
                lines.filtered(lambda line: line.state == "failed")
            )
            review.skipped_count = len(lines) - len(changed)
            review.total_old_annual_value = sum(changed.mapped("old_annual_value"))
            review.total_new_annual_value = sum(changed.mapped("new_annual_value"))
            review.total_year_cost = sum(changed.mapped("year_cost"))
            review.summary_html = review._summary_html(changed)

    def _summary_html(self, lines):
        """A table of the round per locality: contracts, the cost in the year,
        the year's budget of their budget lines and the headroom left."""
        if not lines:
            return False
        rows = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
        for line in lines:
            row = rows[line.locality_id.display_name or _("No locality")]
            row[0] += 1
            row[1] += line.year_cost
            row[2] += line.budgeted_amount
            row[3] += line.headroom
        money = lambda amount: format_amount(self.env, amount, self.currency_id)  # noqa: E731
        head = "".join(
            f"<th>{html_escape(label)}</th>"
            for label in (
                _("Locality"),
                _("Contracts"),
                _("Cost in the Year"),
                _("Budget"),
                _("Headroom After"),
            )
        )
        body = "".join(
            f"<tr><td>{html_escape(name)}</td><td>{count}</td><td>{money(cost)}</td>"
            f"<td>{money(budget)}</td><td>{money(headroom)}</td></tr>"
            for name, (count, cost, budget, headroom) in sorted(rows.items())
        )
        return (
            f'<table class="table table-sm"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )

    # ------------------------------------------------------------------
    # Constraints, workflow and CRUD
    # ------------------------------------------------------------------
    @api.constrains("financial_year", "date_effective")
    def _check_year(self):
        for review in self:
            bounds = fy.fy_parse(review.financial_year)
            if not bounds:
                raise ValidationError(
                    _(
                        "“%(year)s” is not a financial year: write it like 2027/28.",
                        year=review.financial_year,
                    )
                )
            if not bounds[0] <= review.date_effective <= bounds[1]:
                raise ValidationError(
                    _(
                        "The effective date %(date)s is not in the financial year "
                        "%(year)s (1 April to 31 March).",
                        date=format_date(self.env, review.date_effective),
                        year=review.financial_year,
                    )
                )

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "line_ids",
            "previewed_by_id",
            "date_previewed",
            "approved_by_id",
            "date_approved",
            "applied_by_id",
            "date_applied",
        }

    @api.model
    def _get_hcc_immutable_fields(self):
        return super()._get_hcc_immutable_fields() | {"company_id"}

    @api.model
    def _get_hcc_first_step_fields(self):
        """What the round is: set while it is a draft."""
        return super()._get_hcc_first_step_fields() | {
            "name",
            "title",
            "financial_year",
            "date_effective",
            "description",
            "rule_ids",
        }

    @api.model
    def _get_hcc_transitions(self):
        """Finance or the CSO preview a draft (again after a change of its
        rules: back to draft); the County Manager (Contracts) approves what was
        previewed; the CSO applies it; a round not applied may be
        cancelled."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_preview=Transition(
                ("draft", "previewed"), "previewed", _("preview the fee review")
            ),
            action_back_to_draft=Transition(
                ("previewed",), "draft", _("change the rules of the fee review")
            ),
            action_approve=Transition(
                ("previewed",), "approved", _("approve the fee review")
            ),
            action_apply=Transition(
                ("approved",), "applying", _("apply the fee review to the contracts")
            ),
            action_retry_failed=Transition(
                ("applying", "applied"),
                "applying",
                _("apply the failed contracts of the fee review again"),
            ),
            action_cancel=Transition(
                ("draft", "previewed", "approved"),
                "cancelled",
                _("cancel the fee review"),
            ),
        )
        return transitions

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        raise UserError(_("A fee review is kept with its history: cancel it instead."))

    def _check_rules_open(self):
        closed = self.filtered(lambda r: r.state != "draft" and not r.env.su)
        if closed:
            raise UserError(
                _(
                    "Fee review %(ref)s is no longer a draft: set it back to draft "
                    "to change its rules.",
                    ref=closed[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_preview(self):
        """Work out, before anything changes, each contract's new prices, the
        cost in the year and the budget headroom left."""
        self._check_finance_or_cso(_("preview a fee review"))
        for review in self:
            review._hcc_check_transition("action_preview")
            review.check_access("write")
            vals_list = review._preview_vals()
            review.line_ids.sudo().unlink()
            self.env["hcc.fee.review.line"].sudo().create(vals_list)
            review._hcc_transition(
                "action_preview",
                {
                    "previewed_by_id": self.env.uid,
                    "date_previewed": fields.Datetime.now(),
                },
            )
        return True

    def action_back_to_draft(self):
        self._check_finance_or_cso(_("change the rules of a fee review"))
        self._hcc_transition("action_back_to_draft")
        return True

    def action_approve(self):
        check_role(self.env, GROUP_COUNTY_MANAGER, _("approve a fee review"))
        self._hcc_check_transition("action_approve")
        confirmation = self._hcc_confirmation(
            "action_approve",
            _("Approve the new prices of this fee review? The CSO then applies them."),
        )
        if confirmation:
            return confirmation
        self._hcc_transition(
            "action_approve",
            {
                "approved_by_id": self.env.uid,
                "date_approved": fields.Date.context_today(self),
            },
        )
        return True

    def action_apply(self):
        """Apply the round: a first batch of contracts now, the rest by the
        scheduled action, which resumes where it stopped."""
        check_role(
            self.env, GROUP_SUPPORT_OFFICER, _("apply a fee review to the contracts")
        )
        self._hcc_check_transition("action_apply")
        confirmation = self._hcc_confirmation(
            "action_apply",
            _(
                "Apply the new prices? Each contract gets one revision and its "
                "letter to the provider."
            ),
        )
        if confirmation:
            return confirmation
        self._hcc_transition(
            "action_apply",
            {
                "applied_by_id": self.env.uid,
                "date_applied": fields.Date.context_today(self),
            },
        )
        self.env["hcc.fee.review"].sudo()._cron_apply_fee_reviews()
        return True

    def action_retry_failed(self):
        """Once the cause of their failure is fixed, apply the round's failed
        contracts again, as the CSO who asks: they are planned again and the
        scheduled action resumes the round with them."""
        check_role(
            self.env,
            GROUP_SUPPORT_OFFICER,
            _("apply the failed contracts of a fee review again"),
        )
        self._hcc_check_transition("action_retry_failed")
        self.check_access("write")
        for review in self:
            failed = review.line_ids.filtered(lambda line: line.state == "failed")
            if not failed:
                raise UserError(
                    _(
                        "Fee review %(ref)s has no failed contract to apply again.",
                        ref=review.name,
                    )
                )
        for review in self:
            failed = review.line_ids.filtered(lambda line: line.state == "failed")
            failed.sudo().write({"state": "planned", "failure_message": False})
            review.message_post(
                body=_(
                    "%(count)s failed contracts to apply again, by %(user)s.",
                    count=len(failed),
                    user=self.env.user.name,
                )
            )
        self._hcc_transition(
            "action_retry_failed",
            {
                "applied_by_id": self.env.uid,
                "date_applied": fields.Date.context_today(self),
            },
        )
        self.env["hcc.fee.review"].sudo()._cron_apply_fee_reviews()
        return True

    def action_cancel(self):
        self._check_finance_or_cm(_("cancel a fee review"))
        self._hcc_transition("action_cancel")
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hcc_contracts.hcc_fee_review_line_action"
        )
        action["domain"] = [("review_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Preview
    # ------------------------------------------------------------------
    def _covered_contracts(self):
        """The active contracts of the round's company."""
        self.ensure_one()
        return (
            self.env["hcc.contract"]
            .sudo()
            .search([("company_id", "=", self.company_id.id), ("state", "=", "active")])
        )

    def _rule_for(self, contract):
        """The most specific rule covering ``contract``, or None; two rules
        as specific as each other that disagree are refused."""
        rules = self.rule_ids.filtered(lambda rule: rule._matches(contract))
        if not rules:
            return None
        best = max(rules.mapped("specificity"))
        top = rules.filtered(lambda rule: rule.specificity == best)
        if len({rule._new_prices(contract) for rule in top}) > 1:
            raise UserError(
                _(
                    "Contract %(ref)s is covered by rules as specific as each "
                    "other that disagree (%(rules)s): make one of them more "
                    "specific.",
                    ref=contract.name,
                    rules="; ".join(rule._describe() for rule in top),
                )
            )
        return top[0]

    def _preview_vals(self):
        self.ensure_one()
        if not self.rule_ids:
            raise UserError(_("Set at least one rule before previewing the round."))
        start, end = fy.fy_parse(self.financial_year)
        year_days = fy.fy_days(start.year)
        contracts = self._covered_contracts()
        budgets = {
            budget.contract_id.id: budget
            for budget in self.env["hcc.contract.budget"]
            .sudo()
            .search(
                [
                    ("contract_id", "in", contracts.ids),
                    ("financial_year", "=", self.financial_year),
                ]
            )
        }
        blocked = self._blocked_contracts(contracts)
        vals_list = []
        for contract in contracts:
            rule = self._rule_for(contract)
            if not rule:
                continue
            new_price, new_annual = rule._new_prices(contract)
            days = fy.overlap_days(
                contract.date_start, contract.date_end, self.date_effective, end
            )
            cost = (new_annual - contract.annual_value) * days / year_days
            budget = budgets.get(contract.id)
            headroom = (
                budget.budgeted_amount - budget.committed_amount - cost
                if budget
                else -cost
            )
            reason = blocked.get(contract.id)
            if not reason and (new_price, new_annual) == (
                contract.unit_price,
                contract.annual_value,
            ):
                reason = "no_change"
            vals_list.append(
                {
                    "review_id": self.id,
                    "contract_id": contract.id,
                    "rule_id": rule.id,
                    "old_unit_price": contract.unit_price,
                    "new_unit_price": new_price,
                    "old_annual_value": contract.annual_value,
                    "new_annual_value": new_annual,
                    "year_cost": self.currency_id.round(cost),
                    "budget_id": budget.id if budget else False,
                    "headroom": self.currency_id.round(headroom),
                    "state": "skipped" if reason else "planned",
                    "skip_reason": reason or False,
                }
            )
        return vals_list

    def _blocked_contracts(self, contracts):
        """``{contract id: skip reason}`` of the contracts the round must not
        vary: ended before the effective date, under notice or being
        terminated, or already varied for the effective date."""
        self.ensure_one()
        blocked = {}
        for contract in contracts:
            if contract.state != "active":
                blocked[contract.id] = "not_active"
            elif contract.date_end and contract.date_end < self.date_effective:
                blocked[contract.id] = "ended"
        notices = (
            self.env["hcc.contract.notice"]
            .sudo()
            ._read_group(
                [
                    ("contract_id", "in", contracts.ids),
                    ("state", "in", ("served", "escalated")),
                ],
                ["contract_id"],
            )
        )
        cases = (
            self.env["hcc.contract.termination"]
            .sudo()
            ._read_group(
                [("contract_id", "in", contracts.ids), ("state", "in", OPEN_STATES)],
                ["contract_id"],
            )
        )
        for (contract,) in notices + cases:
            blocked.setdefault(contract.id, "notice")
        varied = (
            self.env["hcc.contract.revision.line"]
            .sudo()
            ._read_group(
                [
                    ("contract_id", "in", contracts.ids),
                    ("field_name", "in", PRICE_TERMS),
                    ("revision_id.state", "in", ("approved", "applied")),
                    ("revision_id.date_effective", "=", self.date_effective),
                    ("revision_id.fee_review_id", "!=", self.id),
                ],
                ["contract_id"],
            )
        )
        for (contract,) in varied:
            blocked.setdefault(contract.id, "varied")
        return blocked

    # ------------------------------------------------------------------
    # Apply, in batches the scheduled action resumes
    # ------------------------------------------------------------------
    @api.model
    def _cron_apply_fee_reviews(self):
        """Apply the rounds being applied, a batch of contracts per call: each
        contract's revision and its line's outcome are written in the same
        transaction, so a call stopped anywhere is resumed by the next and a
        contract is never varied twice. A round is applied once none of its
        contracts is left."""
        Line = self.env["hcc.fee.review.line"].sudo()
        Scheduler = self.env["hcc.scheduler"]
        domain = [("state", "=", "planned"), ("review_id.state", "=", "applying")]
        # a contract costs a revision, its letter and the contract's
        # recomputes (benchmark: about 1.2 s with its letter printed alone,
        # as when the batch's printing fails): a smaller batch than the other
        # crons' keeps each call well inside the cron worker's time limit
        size = min(Scheduler._cron_batch_size(), APPLY_BATCH_SIZE)
        lines = Line.search(domain, order="id", limit=size + 1)
        done = len(
            Scheduler._run_batched(
                lines[:size],
                lambda batch: batch._apply(),
                on_error=lambda line, error: line._mark_failed(error),
            )
        )
        remaining = Line.search_count(domain) if len(lines) > size else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        rounds = self.sudo().search([("state", "=", "applying")])
        left = Line._read_group(domain, ["review_id"])
        unfinished = {review.id for (review,) in left}
        finished = rounds.filtered(lambda r: r.id not in unfinished)
        finished._hcc_record_action({"state": "applied"})
        for review in finished:
            if review.failed_count:
                body = _(
                    "Fee review applied with %(failed)s failures: %(applied)s "
                    "contracts varied, %(skipped)s skipped, %(failed)s failed "
                    "(see each failed contract's reason, then apply them again).",
                    applied=review.applied_count,
                    skipped=review.skipped_count,
                    failed=review.failed_count,
                )
            else:
                body = _(
                    "Fee review applied: %(applied)s contracts varied, %(skipped)s "
                    "skipped.",
                    applied=review.applied_count,
                    skipped=review.skipped_count,
                )
            review.message_post(body=body)
        if remaining:
            self.env.ref(APPLY_CRON).sudo()._trigger()
        return done, remaining

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _check_finance_or_cso(self, what):
        if has_role(self.env, GROUP_FINANCE) or has_role(
            self.env, GROUP_SUPPORT_OFFICER
        ):
            return True
        try:
            check_role(self.env, GROUP_FINANCE, what)
        except AccessError:
            check_role(self.env, GROUP_SUPPORT_OFFICER, what)
        return True

    def _check_finance_or_cm(self, what):
        if has_role(self.env, GROUP_FINANCE):
            return True
        return check_role(self.env, GROUP_COUNTY_MANAGER, what)
