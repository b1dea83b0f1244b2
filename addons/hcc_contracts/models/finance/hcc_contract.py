from odoo import _, api, fields, models
from odoo.tools.misc import format_amount

from ...tools import financial_year as fy
from ...tools.roles import GROUP_FINANCE, check_role, has_role


class HccContract(models.Model):
    """Budgets, spend and value for money of a contract (procedure 6.3, 12.6):
    lead officers must ensure effective budget management, Finance links the
    contract to a cost centre and enters the budget of each financial year."""

    _inherit = "hcc.contract"

    budget_ids = fields.One2many(
        "hcc.contract.budget", "contract_id", string="Budgets", copy=False
    )
    can_edit_budget = fields.Boolean(compute="_compute_can_edit_budget")

    # budget summary of the current financial year
    budget_financial_year = fields.Char(
        string="Financial Year", compute="_compute_budget_summary"
    )
    no_cost_centre = fields.Boolean(
        compute="_compute_budget_summary",
        help="Without a cost centre the actual spend cannot be known.",
    )
    budget_amount = fields.Monetary(
        string="Budget This Year",
        compute="_compute_budget_summary",
        currency_field="currency_id",
    )
    budget_committed_amount = fields.Monetary(
        string="Committed This Year",
        compute="_compute_budget_summary",
        currency_field="currency_id",
    )
    budget_actual_amount = fields.Monetary(
        string="Ledger Spend This Year",
        compute="_compute_budget_summary",
        currency_field="currency_id",
        help="What was posted to the contract's cost centre in the ledger in "
        "the current financial year, shown as a positive amount. It is money "
        "actually spent, not the contract value due to date.",
    )
    budget_remaining_amount = fields.Monetary(
        string="Budget Remaining",
        compute="_compute_budget_summary",
        currency_field="currency_id",
    )
    budget_variance_amount = fields.Monetary(
        string="Budget Variance",
        compute="_compute_budget_summary",
        currency_field="currency_id",
        help="Budget less committed for the current financial year.",
    )
    budget_spend_percent = fields.Float(
        string="Spend against Budget (%)", compute="_compute_budget_summary"
    )
    budget_message = fields.Char(
        string="Budget Status", compute="_compute_budget_summary"
    )

    # value for money of the current financial year (6.3): what the
    # contract is worth to date, then delivery against the commissioned
    # volume over the same days, those with accepted data
    vfm_period = fields.Char(
        string="Financial Year to Date",
        compute="_compute_value_for_money",
        help="From the start of the financial year, or of the contract, to today.",
    )
    vfm_period_cost = fields.Monetary(
        string="Contract Value Due to Date",
        compute="_compute_value_for_money",
        currency_field="currency_id",
        help="The annual value pro rata for the days of the financial year to "
        "date: what the contract is worth so far, whatever has been paid. The "
        "ledger spend is what was actually posted to the cost centre.",
    )
    vfm_data_period = fields.Char(
        string="Months with Accepted Data",
        compute="_compute_value_for_money",
        help="The delivery figures below compare like with like: the volume "
        "commissioned and the value of these days only, up to the end of the "
        "last period whose activity data has been accepted.",
    )
    vfm_data_cost = fields.Monetary(
        string="Contract Value of Those Months",
        compute="_compute_value_for_money",
        currency_field="currency_id",
        help="The annual value pro rata for the months with accepted data.",
    )
    vfm_expected_units = fields.Float(
        string="Commissioned in Those Months",
        compute="_compute_value_for_money",
        help="Commissioned volume pro rata for the months with accepted data.",
    )
    vfm_has_delivery_data = fields.Boolean(
        string="Delivery Data Received", compute="_compute_value_for_money"
    )
    vfm_delivered_units = fields.Float(
        string="Delivered in Those Months", compute="_compute_value_for_money"
    )
    vfm_utilisation = fields.Float(
        string="Utilisation in Those Months (%)",
        compute="_compute_value_for_money",
    )
    vfm_unit_cost_delivered = fields.Monetary(
        string="Cost per Unit Delivered",
        compute="_compute_value_for_money",
        currency_field="currency_id",
    )
    vfm_undelivered_share = fields.Float(
        string="Paid for but Not Delivered (%)",
        compute="_compute_value_for_money",
        help="For a block contract: the share of the volume commissioned in "
        "the months with accepted data that was paid for but not delivered.",
    )
    vfm_undelivered_value = fields.Monetary(
        string="Value Not Delivered",
        compute="_compute_value_for_money",
        currency_field="currency_id",
    )
    vfm_message = fields.Char(
        string="Value for Money Status", compute="_compute_value_for_money"
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends_context("uid")
    def _compute_can_edit_budget(self):
        allowed = has_role(self.env, GROUP_FINANCE)
        for contract in self:
            contract.can_edit_budget = allowed

    @api.depends_context("date")
    @api.depends(
        "analytic_account_id",
        "budget_ids.financial_year",
        "budget_ids.budgeted_amount",
        "budget_ids.committed_amount",
        "budget_ids.actual_amount",
        "budget_ids.active",
    )
    def _compute_budget_summary(self):
        label = fy.fy_of(fields.Date.context_today(self))[2]
        # budget_ids is fetched for all contracts of the prefetch set at once
        for contract in self:
            line = contract.budget_ids.filtered(
                lambda b, label=label: b.financial_year == label
            )[:1]
            budget, actual = line.budgeted_amount, line.actual_amount
            contract.budget_financial_year = label
            contract.no_cost_centre = not contract.analytic_account_id
            contract.budget_amount = budget
            contract.budget_committed_amount = line.committed_amount
            contract.budget_actual_amount = actual
            contract.budget_remaining_amount = line.remaining_amount
            contract.budget_variance_amount = line.variance_amount
            contract.budget_spend_percent = actual / budget * 100 if budget else 0.0
            contract.budget_message = contract._budget_message(line, label)

    def _budget_message(self, line, label):
        if not self.analytic_account_id:
            return _("No cost centre: spend against budget cannot be shown.")
        if not line:
            return _("No budget for %(year)s.", year=label)
        if line.budgeted_amount and line.actual_amount > line.budgeted_amount:
            return _("Spend is over budget.")
        if line.budgeted_amount and line.committed_amount > line.budgeted_amount:
            return _("Committed over budget.")
        return _("Within budget.")

    @api.depends_context("date")
    @api.depends(
        "annual_value",
        "revision_ids.state",
        "revision_ids.date_effective",
        "commissioned_volume",
        "date_start",
        "date_end",
        "payment_basis",
    )
    def _compute_value_for_money(self):
        today = fields.Date.context_today(self)
        start, end, _label = fy.fy_of(today)
        period_end = min(today, end)
        year_days = fy.fy_days(start.year)
        saved = self.filtered(lambda c: c._origin.id)
        delivered = saved._origin._get_delivered_units(start, period_end)
        for contract in self:
            days = fy.overlap_days(
                contract.date_start, contract.date_end, start, period_end
            )
            contract.vfm_period = contract._vfm_dates(start, period_end, days)
            contract.vfm_period_cost = (
                contract._cost_between(start, period_end) / year_days
            )
            units, through = delivered.get(contract._origin.id, (None, None))
            data_days = (
                fy.overlap_days(contract.date_start, contract.date_end, start, through)
                if through
                else 0
            )
            cost = (
                contract._cost_between(start, through) / year_days if through else 0.0
            )
            expected = contract.commissioned_volume * data_days / year_days
            figures = fy.value_for_money(
                cost, expected, units, contract.payment_basis == "block"
            )
            contract.vfm_data_period = (
                contract._vfm_dates(start, through, data_days) if through else False
            )
            contract.vfm_data_cost = cost
            contract.vfm_expected_units = expected
            contract.vfm_has_delivery_data = units is not None
            contract.vfm_delivered_units = units or 0.0
            contract.vfm_utilisation = (
                units / expected * 100 if units and expected else 0.0
            )
            contract.vfm_unit_cost_delivered = figures["unit_cost_delivered"] or 0.0
            share = figures["undelivered_share"]
            contract.vfm_undelivered_share = share * 100 if share is not None else 0.0
            contract.vfm_undelivered_value = figures["undelivered_value"] or 0.0
            contract.vfm_message = contract._vfm_message(days, units)

    def _cost_between(self, start, end):
        """The annual value times the days of the term from ``start`` to
        ``end``, each day at the annual value in force on it (a fee review
        effective mid-year costs the new value only from its effective
        date); divided by the days of the year, the cost of the period."""
        self.ensure_one()
        if not self._origin.id:
            days = fy.overlap_days(self.date_start, self.date_end, start, end)
            return self.annual_value * days
        return sum(
            value * fy.overlap_days(self.date_start, self.date_end, first, last)
            for first, last, value in self._origin._term_periods(
                "annual_value", start, end
            )
        )

    def _vfm_dates(self, start, end, days):
        """ "dd/mm/yyyy to dd/mm/yyyy" of the days of the contract's term
        between the two dates, or False when it has none."""
        if not days:
            return False
        first = max(start, self.date_start) if self.date_start else start
        last = min(end, self.date_end or end)
        return _(
            "%(first)s to %(last)s",
            first=first.strftime("%d/%m/%Y"),
            last=last.strftime("%d/%m/%Y"),
        )

    def _vfm_message(self, days, units):
        if not days:
            return _("The contract has not run in this financial year yet.")
        if units is None:
            return _(
                "No delivery data yet: the cost per unit delivered and the share "
                "paid for but not delivered show once activity data is accepted."
            )
        if not units:
            return _("No service delivered in the months with accepted data.")
        return False

    def _hcc_in_currency(self, amount, currency, day):
        """``amount`` in ``currency`` as an amount of the contract's currency
        (pounds): as it is when it is in that currency, else converted with
        Odoo's rates of ``day`` for the contract's company. Ledgers, bills
        and analytic lines are in their company's or their own currency,
        which need not be the contract's."""
        self.ensure_one()
        if not currency or currency == self.currency_id:
            return amount
        return currency._convert(
            amount, self.currency_id, self.company_id, day, round=False
        )

    @api.model
    def _get_hcc_finance_fields(self):
        # the budget lines are edited from the contract form by Finance
        return super()._get_hcc_finance_fields() | {"budget_ids"}

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # changes are guarded by _check_hcc_field_duties (roles); a new
        # contract may be linked to a cost centre by Finance only as well
        if any(vals.get("analytic_account_id") for vals in vals_list):
            check_role(self.env, GROUP_FINANCE, _("link a contract to a cost centre"))
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_value_for_money(self):
        """The value for money of the year to date, in a window of its own:
        worked out from the accepted returns when asked for, not each time
        the contract is opened."""
        self.ensure_one()
        self.check_access("read")
        view = self.env.ref("hcc_contracts.hcc_contract_view_form_value_for_money")
        return {
            "type": "ir.actions.act_window",
            "name": _("Value for Money: %(ref)s", ref=self.name),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(view.id, "form")],
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_rag_evidence(self):
        """Spend over budget in the current financial year is red; a contract
        committing more than the year's budget is amber."""
        evidence = super()._get_rag_evidence()
        if not self._rag_source_enabled("budget"):
            return evidence
        label = fy.fy_of(fields.Date.context_today(self))[2]
        # the whole evidence, whoever refreshes the status
        lines = (
            self.env["hcc.contract.budget"]
            .sudo()
            .search(
                [
                    ("contract_id", "in", self.ids),
                    ("financial_year", "=", label),
                    ("budgeted_amount", ">", 0),
                ]
            )
        )
        for line in lines:
            values = {
                "year": label,
                "budget": format_amount(
                    self.env, line.budgeted_amount, line.currency_id
                ),
            }
            reasons = evidence.setdefault(line.contract_id.id, [])
            if line.actual_amount > line.budgeted_amount:
                reasons.append(
                    (
                        "red",
                        _(
                            "Spend of %(spend)s in %(year)s is over the budget of "
                            "%(budget)s.",
                            spend=format_amount(
                                self.env, line.actual_amount, line.currency_id
                            ),
                            **values,
                        ),
                    )
                )
            if line.committed_amount > line.budgeted_amount:
                reasons.append(
                    (
                        "amber",
                        _(
                            "The contract commits %(committed)s in %(year)s, over "
                            "the budget of %(budget)s.",
                            committed=format_amount(
                                self.env, line.committed_amount, line.currency_id
                            ),
                            **values,
                        ),
                    )
                )
        return evidence

    def _get_rag_recheck_dates(self):
        """The first day of the next financial year, whose budget then counts."""
        dates = super()._get_rag_recheck_dates()
        if not self._rag_source_enabled("budget"):
            return dates
        year_end = fy.fy_of(fields.Date.context_today(self))[1]
        for contract in self:
            self._rag_recheck_before(
                dates, contract.id, fields.Date.add(year_end, days=1)
            )
        return dates
