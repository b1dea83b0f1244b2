from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ...tools import financial_year as fy


class HccContractBudget(models.Model):
    """One budget line per contract and UK financial year (procedure 6.3,
    12.6): what Finance budgeted, what the contract commits the council to
    in that year, and what was actually spent on its cost centre."""

    _name = "hcc.contract.budget"
    _description = "Contract budget for a financial year"
    _hcc_state_path = False
    _inherit = ["hcc.contract.record.mixin"]
    _order = "date_from desc, id desc"
    _rec_name = "financial_year"
    _check_company_auto = True

    currency_id = fields.Many2one(related="contract_id.currency_id", store=True)
    active = fields.Boolean(default=True)
    financial_year = fields.Char(
        required=True,
        default=lambda self: self._default_financial_year(),
        help="UK financial year, 1 April to 31 March, written like 2026/27.",
    )
    date_from = fields.Date(compute="_compute_dates", store=True, index=True)
    date_to = fields.Date(compute="_compute_dates", store=True)
    is_current_year = fields.Boolean(
        compute="_compute_is_current_year", search="_search_is_current_year"
    )
    # what the budget is grouped by in the Finance analysis
    analytic_account_id = fields.Many2one(
        related="contract_id.analytic_account_id", string="Cost Centre", store=True
    )
    locality_id = fields.Many2one(related="contract_id.locality_id", store=True)
    care_group_id = fields.Many2one(related="contract_id.care_group_id", store=True)
    partner_id = fields.Many2one(store=True)
    contract_state = fields.Selection(related="contract_id.state")
    no_cost_centre = fields.Boolean(
        compute="_compute_no_cost_centre",
        store=True,
        help="The contract is not linked to a cost centre: its actual spend "
        "cannot be known, which is not the same as nothing spent.",
    )
    budgeted_amount = fields.Monetary(
        string="Budget",
        currency_field="currency_id",
        help="Entered by Finance for this financial year.",
    )
    committed_amount = fields.Monetary(
        string="Committed",
        compute="_compute_committed_amount",
        store=True,
        currency_field="currency_id",
        help="The contract's annual value pro rata for the days it runs in this "
        "financial year (inclusive days divided by the days of the year).",
    )
    actual_amount = fields.Monetary(
        string="Ledger Spend",
        compute="_compute_actual_amount",
        store=True,
        currency_field="currency_id",
        help="Spend recorded on the contract's cost centre in this financial "
        "year, from the analytic lines posted by the council's accounting. "
        "Odoo records costs as negative analytic amounts: they are shown here "
        "as a positive spend, and refunds or income reduce it.",
    )
    remaining_amount = fields.Monetary(
        string="Remaining",
        compute="_compute_remaining_amount",
        store=True,
        currency_field="currency_id",
        help="Budget less actual spend: negative when spend is over budget.",
    )
    variance_amount = fields.Monetary(
        string="Variance",
        compute="_compute_remaining_amount",
        store=True,
        currency_field="currency_id",
        help="Budget less committed: negative when the contract commits more "
        "than was budgeted for the year.",
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "contract_year_uniq",
            "unique(contract_id, financial_year)",
            "A contract has one budget line per financial year.",
        ),
    ]

    def _default_financial_year(self):
        return fy.fy_of(fields.Date.context_today(self))[2]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_first_step_fields(self):
        """A budget line has no workflow: Finance keeps it."""
        return super()._get_hcc_first_step_fields() | {
            "active",
            "budgeted_amount",
            "financial_year",
            "note",
        }

    @api.depends("financial_year")
    def _compute_dates(self):
        for line in self:
            bounds = fy.fy_parse(line.financial_year)
            line.date_from, line.date_to = bounds or (False, False)

    @api.depends_context("date")
    @api.depends("date_from", "date_to")
    def _compute_is_current_year(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.is_current_year = bool(
                line.date_from and line.date_from <= today <= line.date_to
            )

    def _search_is_current_year(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on “Current Year”."))
        start, _end, label = fy.fy_of(fields.Date.context_today(self))
        positive = (operator == "=") == value
        return [("financial_year", "=" if positive else "!=", label)]

    @api.depends("contract_id.analytic_account_id")
    def _compute_no_cost_centre(self):
        for line in self:
            line.no_cost_centre = not line.contract_id.analytic_account_id

    @api.depends(
        "date_from",
        "contract_id.annual_value",
        "contract_id.date_start",
        "contract_id.date_end",
    )
    def _compute_committed_amount(self):
        for line in self:
            contract = line.contract_id
            if not line.date_from or not contract:
                line.committed_amount = 0.0
                continue
            amount = fy.pro_rata_amount(
                contract.annual_value,
                contract.date_start,
                contract.date_end,
                line.date_from.year,
            )
            line.committed_amount = line.currency_id.round(amount)

    @api.depends("date_from", "date_to", "contract_id.analytic_account_id")
    def _compute_actual_amount(self):
        spend = self._get_actual_spend()
        for line in self:
            line.actual_amount = spend.get(line.id, 0.0)

    @api.depends("budgeted_amount", "committed_amount", "actual_amount")
    def _compute_remaining_amount(self):
        for line in self:
            line.remaining_amount = line.budgeted_amount - line.actual_amount
            line.variance_amount = line.budgeted_amount - line.committed_amount

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("financial_year", "budgeted_amount")
    def _check_financial_year(self):
        for line in self:
            if not line.date_from:
                raise ValidationError(
                    _(
                        "Contract %(ref)s: “%(year)s” is not a financial year. Write "
                        "it like 2026/27 (1 April 2026 to 31 March 2027).",
                        ref=line.contract_id.name,
                        year=line.financial_year,
                    )
                )
            if line.budgeted_amount < 0:
                raise ValidationError(
                    _(
                        "Contract %(ref)s: the budget for %(year)s cannot be negative.",
                        ref=line.contract_id.name,
                        year=line.financial_year,
                    )
                )

    @api.constrains("financial_year", "contract_id")
    def _check_within_term(self):
        for line in self:
            contract = line.contract_id
            if line.date_from and not fy.overlap_days(
                contract.date_start or line.date_from,
                contract.date_end,
                line.date_from,
                line.date_to,
            ):
                raise ValidationError(
                    _(
                        "Contract %(ref)s runs from %(start)s to %(end)s: the "
                        "financial year %(year)s is outside its term.",
                        ref=contract.name,
                        start=contract.date_start or "-",
                        end=contract.date_end or "-",
                        year=line.financial_year,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        result = super().write(vals)
        if {"budgeted_amount", "financial_year", "active"} & set(vals):
            self._refresh_contract_rag()
        return result

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._refresh_contract_rag()
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started_year(self):
        today = fields.Date.context_today(self)
        started = self.filtered(lambda line: line.date_from <= today)
        if started:
            raise ValidationError(
                _(
                    "The %(year)s budget of contract %(ref)s belongs to a financial "
                    "year that has started and cannot be deleted: archive it "
                    "instead.",
                    year=started[0].financial_year,
                    ref=started[0].contract_id.name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_analytic_lines(self):
        """Open the analytic lines behind the actual spend of this year."""
        self.ensure_one()
        account = self.analytic_account_id
        column = account.root_plan_id._column_name() if account else "account_id"
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "Spend on %(centre)s in %(year)s",
                centre=account.display_name or _("no cost centre"),
                year=self.financial_year,
            ),
            "res_model": "account.analytic.line",
            "view_mode": "list,form",
            "domain": [
                (column, "=", account.id),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
                ("company_id", "=", self.company_id.id),
            ],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Private helpers
    # ------------------------------------------------------------------
    def _get_actual_spend(self):
        """Actual spend of each budget line of ``self``, as ``{line id:
        amount}``, positive for costs, in the line's currency. One grouped
        query per analytic plan column (a single one in most databases),
        whatever the number of lines: amounts are summed by cost centre,
        company, currency and day, and each day is assigned to its financial
        year."""
        lines = self.filtered(lambda line: line.date_from and line.analytic_account_id)
        if not lines:
            return {}
        totals = self._get_analytic_spend_items(
            lines.analytic_account_id,
            lines.company_id,
            min(lines.mapped("date_from")),
            max(lines.mapped("date_to")),
        )
        return {
            line.id: line.currency_id.round(
                -sum(
                    line._hcc_in_currency(amount, currency, day)
                    for currency, day, amount in totals.get(
                        (
                            line.analytic_account_id.id,
                            line.company_id.id,
                            line.financial_year,
                        ),
                        (),
                    )
                )
            )
            for line in lines
        }

    @api.model
    def _get_analytic_spend_items(self, accounts, companies, date_from, date_to):
        """The analytic amounts counted as spend on these cost centres, as
        ``{(account id, company id, financial year label): [(currency, day,
        amount)]}``, costs negative as Odoo records them, each in its own
        currency (its company's), to be converted to the contract's."""
        # aggregated totals only: the budget line's or contract's own access
        # rules already decided who sees these figures
        AnalyticLine = self.env["account.analytic.line"].sudo()
        by_column = defaultdict(lambda: self.env["account.analytic.account"])
        for account in accounts.sudo():
            by_column[account.root_plan_id._column_name()] |= account
        totals = defaultdict(list)
        for column, column_accounts in by_column.items():
            groups = AnalyticLine._read_group(
                [
                    (column, "in", column_accounts.ids),
                    ("company_id", "in", companies.ids),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    *self._get_spend_analytic_domain(),
                ],
                groupby=[column, "company_id", "currency_id", "date:day"],
                aggregates=["amount:sum"],
            )
            for account, company, currency, day, amount in groups:
                label = fy.fy_of(day)[2]
                totals[account.id, company.id, label].append((currency, day, amount))
        return totals

    def _hcc_in_currency(self, amount, currency, day):
        """``amount`` in ``currency`` as an amount of the budget line's
        currency (the contract's): as it is in that currency, else converted
        at the rate of ``day`` (an analytic line is in its company's
        currency, which need not be the contract's)."""
        self.ensure_one()
        return self.contract_id._hcc_in_currency(amount, currency, day)

    @api.model
    def _get_spend_analytic_domain(self):
        """Which analytic lines of the cost centre count as spend, beyond the
        cost centre, company and dates: all of them here. A hook for an addon
        that reads part of the spend from elsewhere (vendor bills)."""
        return []

    @api.model
    def _refresh_actuals(self, accounts, dates):
        """Recompute the actual spend of the budget lines of these cost
        centres for the financial years holding these dates, after analytic
        lines were posted, changed or removed."""
        self._refresh_spend("analytic_account_id", accounts, dates)

    @api.model
    def _refresh_spend(self, field_name, records, dates):
        """Recompute the actual spend of the budget lines whose ``field_name``
        is one of ``records`` (cost centres, contracts), for the financial
        years holding ``dates``; the contracts whose spend changed re-read
        their RAG status."""
        labels = {fy.fy_of(day)[2] for day in dates if day}
        if not records or not labels:
            return
        lines = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    (field_name, "in", records.ids),
                    ("financial_year", "in", list(labels)),
                ]
            )
        )
        spend = lines._get_actual_spend()
        changed = lines.browse()
        for line in lines:
            amount = spend.get(line.id, 0.0)
            if line.currency_id.compare_amounts(amount, line.actual_amount):
                line.actual_amount = amount
                changed |= line
        changed._refresh_contract_rag()
