from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hcc_contracts.tools import financial_year as fy
from odoo.addons.hcc_contracts.tools.roles import GROUP_FINANCE, check_role

from .hcc_contract_budget import BILL_TYPES


class HccContract(models.Model):
    """Paying the provider (procedure 6.3, 12.6): vendor bills drafted from
    the contract, one per accepted return of a contract paid for the service
    delivered, one per month of a block contract's payment schedule; what was
    billed, paid and is outstanding in the financial year; value for money
    from what the bills charged."""

    _inherit = "hcc.contract"

    hcc_bill_count = fields.Integer(
        string="Vendor Bills", compute="_compute_hcc_bill_summary"
    )
    hcc_billed_amount = fields.Monetary(
        string="Billed This Year",
        compute="_compute_hcc_bill_summary",
        currency_field="currency_id",
        help="Posted vendor bills less refunds dated in the current financial year.",
    )
    hcc_paid_amount = fields.Monetary(
        string="Paid This Year",
        compute="_compute_hcc_bill_summary",
        currency_field="currency_id",
        help="What was paid of the bills dated in the current financial year.",
    )
    hcc_outstanding_amount = fields.Monetary(
        string="Outstanding This Year",
        compute="_compute_hcc_bill_summary",
        currency_field="currency_id",
        help="What is still to be paid of the bills dated in the current "
        "financial year.",
    )
    hcc_vfm_billed_amount = fields.Monetary(
        string="Billed for the Period",
        compute="_compute_hcc_bill_summary",
        currency_field="currency_id",
        help="What the contract's posted vendor bills (less refunds, before "
        "VAT) charged from the start of the financial year to today.",
    )
    hcc_vfm_unit_cost_billed = fields.Monetary(
        string="Billed per Unit Delivered",
        compute="_compute_hcc_bill_summary",
        currency_field="currency_id",
        help="Billed for the period divided by the units delivered in it.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends_context("date", "uid")
    def _compute_hcc_bill_summary(self):
        """This year's billed, paid and outstanding, and value for money from
        what was paid (6.3): what the posted bills charged (before VAT) from
        the start of the financial year to today, per unit delivered in the
        same period. One grouped query for the whole batch."""
        today = fields.Date.context_today(self)
        start, end, label = fy.fy_of(today)
        period_end = min(today, end)
        saved = self.filtered(lambda c: c._origin.id)._origin
        figures = saved._hcc_bill_figures(charged_between=(start, period_end))
        for contract in self:
            key = (contract._origin.id, label)
            billed, outstanding = figures["by_year"].get(key, (0.0, 0.0))
            contract.hcc_bill_count = figures["count"].get(contract._origin.id, 0)
            contract.hcc_billed_amount = billed
            contract.hcc_outstanding_amount = outstanding
            contract.hcc_paid_amount = billed - outstanding
            cost = figures["charged"].get(contract._origin.id, 0.0)
            units = contract.vfm_delivered_units
            contract.hcc_vfm_billed_amount = cost
            contract.hcc_vfm_unit_cost_billed = cost / units if units else 0.0

    def _hcc_bill_figures(self, charged_between=None):
        """The figures of the vendor bills of these contracts, in one grouped
        query, in each contract's currency: ``by_year``, ``{(contract id,
        financial year label): (billed, outstanding)}`` of the posted bills
        less refunds; ``count``, ``{contract id: number of bills}``, drafts
        included; ``charged``, ``{contract id: untaxed amount}`` of the
        posted bills dated within ``charged_between`` (two dates). A bill in
        the contract's currency counts its own amounts; one in another
        currency is converted at the rate of its date (the company's
        currency need not be the contract's). Aggregates only: the
        contract's access rules already decided who sees these figures."""
        result = {"by_year": {}, "count": {}, "charged": {}}
        if not self.ids:
            return result
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("hcc_contract_id", "in", self.ids),
                    ("move_type", "in", BILL_TYPES),
                    ("state", "!=", "cancel"),
                ],
                groupby=[
                    "hcc_contract_id",
                    "state",
                    "move_type",
                    "currency_id",
                    "date:day",
                ],
                aggregates=[
                    "amount_total_in_currency_signed:sum",
                    "amount_residual:sum",
                    "amount_untaxed_in_currency_signed:sum",
                    "__count",
                ],
            )
        )
        by_year = defaultdict(lambda: (0.0, 0.0))
        counts = defaultdict(int)
        charged = defaultdict(float)
        for group in groups:
            contract, state, move_type, currency, day, *amounts = group
            total, residual, untaxed, count = amounts
            counts[contract.id] += count
            if state != "posted":
                continue
            # a vendor bill's signed amounts are negative (money going out);
            # what is left to pay of a bill is owed, of a refund owed back
            if move_type == "in_invoice":
                residual = -residual
            total, residual, untaxed = (
                contract._hcc_in_currency(amount, currency, day)
                for amount in (total, residual, untaxed)
            )
            key = (contract.id, fy.fy_of(day)[2])
            billed, outstanding = by_year[key]
            by_year[key] = (billed - total, outstanding - residual)
            if charged_between and (charged_between[0] <= day <= charged_between[1]):
                charged[contract.id] -= untaxed
        result.update(
            by_year={
                key: tuple(self.browse(key[0]).currency_id.round(v) for v in value)
                for key, value in by_year.items()
            },
            count=dict(counts),
            charged={
                cid: self.browse(cid).currency_id.round(v) for cid, v in charged.items()
            },
        )
        return result

    def _hcc_bill_line_spend(self, date_from, date_to, instalments=True):
        """What the posted vendor bill lines of these contracts charged
        (less refunds, before VAT) between the two dates, as ``{(contract
        id, financial year label): amount}`` in each contract's currency, in
        one grouped query: a line in the contract's currency counts what it
        charged in it, one in another its balance (the company's currency)
        converted at the rate of its date. Without ``instalments``, the
        lines paying an instalment of the payment schedule are left out."""
        domain = [
            ("hcc_contract_id", "in", self.ids),
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", BILL_TYPES),
            ("display_type", "=", "product"),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]
        if not instalments:
            domain.append(("hcc_instalment_date", "=", False))
        # aggregated totals only: the contract's or budget line's own access
        # rules already decided who sees them
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                domain,
                groupby=["hcc_contract_id", "company_id", "currency_id", "date:day"],
                aggregates=["amount_currency:sum", "balance:sum"],
            )
        )
        totals = defaultdict(float)
        for contract, company, currency, day, in_currency, balance in groups:
            if currency == contract.currency_id:
                amount = in_currency
            else:
                amount = contract._hcc_in_currency(balance, company.currency_id, day)
            totals[contract.id, fy.fy_of(day)[2]] += amount
        return totals

    def _hcc_ledger_spend(self, date_from, date_to):
        """The spend on the ledger for this contract between the two dates
        that no instalment bill paid, as ``{financial year label: amount}``
        in the contract's currency: the costs posted by hand on its cost
        centre (as its budget counts them) and its posted bills paying no
        instalment. Block billing reads it as months already paid."""
        self.ensure_one()
        spend = defaultdict(float)
        centre = self.sudo().analytic_account_id
        if centre:
            items = self.env["hcc.contract.budget"]._get_analytic_spend_items(
                centre, self.company_id, date_from, date_to
            )
            for (_centre, _company, label), amounts in items.items():
                spend[label] -= sum(
                    self._hcc_in_currency(amount, currency, day)
                    for currency, day, amount in amounts
                )
        bills = self._hcc_bill_line_spend(date_from, date_to, instalments=False)
        for (_contract, label), amount in bills.items():
            spend[label] += amount
        return {label: self.currency_id.round(v) for label, v in spend.items()}

    # ------------------------------------------------------------------
    # Payment schedule of a block contract
    # ------------------------------------------------------------------
    def _hcc_term_end(self):
        """The last day of the term: the end date, or the day the contract
        was terminated on when that is earlier."""
        self.ensure_one()
        ends = [day for day in (self.date_end, self.termination_date) if day]
        return min(ends) if ends else False

    def _hcc_monthly_instalment(self, month_start=None):
        """A block contract is paid in equal monthly instalments: a twelfth
        of its annual value, the one in force on the first day of the month
        (a fee review effective from 1 April pays April's at the new
        value)."""
        self.ensure_one()
        return self.currency_id.round(
            self._term_in_force("annual_value", month_start) / 12
        )

    def _hcc_instalment_days(self, month_start):
        """(days of the term in the month starting on ``month_start``, days
        of that month)."""
        self.ensure_one()
        month_end = month_start + relativedelta(months=1, days=-1)
        days = fy.overlap_days(
            self.date_start, self._hcc_term_end(), month_start, month_end
        )
        return days, month_end.day

    def _hcc_instalment_amount(self, month_start):
        """The instalment of a block contract for the month starting on
        ``month_start``: a twelfth of the annual value, the same every month
        whatever its length; a month the term covers in part (its first or
        last) pro rata for the days of the term in it; nothing outside the
        term."""
        self.ensure_one()
        days, month_days = self._hcc_instalment_days(month_start)
        if days >= month_days:
            return self._hcc_monthly_instalment(month_start)
        annual_value = self._term_in_force("annual_value", month_start)
        return self.currency_id.round(annual_value / 12 * days / month_days)

    def _hcc_due_instalments(self, today):
        """First days of the months of the term that have ended by ``today``."""
        self.ensure_one()
        if not self.date_start:
            return []
        last = min(today, self._hcc_term_end() or today)
        month = date(self.date_start.year, self.date_start.month, 1)
        months = []
        while month + relativedelta(months=1, days=-1) < today and month <= last:
            months.append(month)
            month += relativedelta(months=1)
        return months

    def _hcc_billed_instalments(self):
        """``{first day of a month: bill}`` of the instalments already billed
        (drafted or posted; a cancelled bill pays nothing)."""
        self.ensure_one()
        lines = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("hcc_contract_id", "=", self.id),
                    ("hcc_instalment_date", "!=", False),
                    ("parent_state", "!=", "cancel"),
                ]
            )
        )
        return {line.hcc_instalment_date: line.move_id for line in lines}

    def _hcc_instalment_schedule(self, today):
        """The months of the payment schedule that have ended by ``today``,
        each a dict: ``month``, ``amount``, ``days`` and ``month_days`` (of
        the term in the month), ``bill`` (the bill already paying it, if
        any), and ``ledger``, what the spend on the ledger that no
        instalment bill paid still held for it: in each financial year that
        spend is taken as paying the year's unbilled months in order, and a
        month it covers in full is not billed again by default."""
        self.ensure_one()
        months = self._hcc_due_instalments(today)
        if not months:
            return []
        billed = self._hcc_billed_instalments()
        ledger = self._hcc_ledger_spend(fy.fy_of(months[0])[0], fy.fy_of(months[-1])[1])
        schedule = []
        for month in months:
            amount = self._hcc_instalment_amount(month)
            if not amount:
                continue
            days, month_days = self._hcc_instalment_days(month)
            label = fy.fy_of(month)[2]
            bill = billed.get(month, self.env["account.move"])
            covered = 0.0
            if not bill and ledger.get(label, 0.0) > 0:
                covered = min(ledger[label], amount)
                ledger[label] = self.currency_id.round(ledger[label] - covered)
            schedule.append(
                {
                    "month": month,
                    "amount": amount,
                    "days": days,
                    "month_days": month_days,
                    "bill": bill,
                    "ledger": covered,
                }
            )
        return schedule

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_draft_vendor_bills(self):
        """Draft the vendor bills due on the contract: one per accepted return
        not billed yet (service delivered); for a block contract, Finance
        chooses the months of the payment schedule to bill in a wizard."""
        check_role(self.env, GROUP_FINANCE, _("draft vendor bills"))
        for contract in self:
            if contract.state not in ("active", "expired", "terminated"):
                raise UserError(
                    _(
                        "Contract %(ref)s is a draft: bills are drafted once it is "
                        "active.",
                        ref=contract.name,
                    )
                )
        block = self.filtered(lambda c: c.payment_basis == "block")
        if block:
            if len(self) > 1:
                raise UserError(
                    _(
                        "Block contracts are billed one at a time, choosing the "
                        "months to bill: open contract %(ref)s to bill it.",
                        ref=block[0].name,
                    )
                )
            return self.env["hcc.block.billing.wizard"]._hcc_open_for(self)
        returns = self.return_ids
        returns = returns.filtered_domain(returns._hcc_billable_domain())
        bills = returns._hcc_draft_bills()
        if not bills:
            raise UserError(_("Nothing to bill: every accepted return is billed."))
        return bills._hcc_open_bills(_("Drafted Vendor Bills"))

    def action_view_vendor_bills(self):
        self.ensure_one()
        bills = self.env["account.move"].search(
            [("hcc_contract_id", "=", self.id), ("move_type", "in", BILL_TYPES)]
        )
        return bills._hcc_open_bills(
            _("Vendor Bills of %(ref)s", ref=self.name), contract=self
        )

    def _hcc_draft_instalment_bills(self, months):
        """One draft vendor bill per month of ``months`` (first days) of the
        payment schedule: each must have ended and not be billed yet."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        due = set(self._hcc_due_instalments(today))
        billed = self._hcc_billed_instalments()
        vals_list = []
        for month in sorted(months):
            amount = self._hcc_instalment_amount(month)
            if month not in due or not amount:
                raise UserError(
                    _(
                        "Contract %(ref)s: the instalment of %(month)s is not due "
                        "(its month is not over, or is outside the term).",
                        ref=self.name,
                        month=month.strftime("%m/%Y"),
                    )
                )
            if month in billed:
                raise UserError(
                    _(
                        "The instalment of %(month)s of contract %(ref)s is already "
                        "billed on %(bill)s.",
                        month=month.strftime("%m/%Y"),
                        ref=self.name,
                        bill=billed[month].display_name,
                    )
                )
            month_end = month + relativedelta(months=1, days=-1)
            line = self._hcc_bill_line_vals(
                _(
                    "%(ref)s %(title)s: block instalment %(month)s",
                    ref=self.name,
                    title=self.title,
                    month=month.strftime("%m/%Y"),
                ),
                1.0,
                amount,
            )
            line["hcc_instalment_date"] = month
            vals_list.append(self._hcc_bill_vals(month_end, [line]))
        return self.env["account.move"].create(vals_list)

    def _hcc_bill_vals(self, day, lines):
        self.ensure_one()
        return {
            "move_type": "in_invoice",
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": day,
            "date": day,
            "ref": self.name,
            "invoice_line_ids": [Command.create(vals) for vals in lines],
        }

    def _hcc_bill_line_vals(self, label, quantity, price):
        self.ensure_one()
        centre = self.sudo().analytic_account_id
        if not centre:
            raise UserError(
                _(
                    "Contract %(ref)s has no cost centre: Finance links it to one "
                    "before bills are drafted.",
                    ref=self.name,
                )
            )
        return {
            "name": label,
            "quantity": quantity,
            "price_unit": price,
            # social care is exempt from VAT: no tax by default
            "tax_ids": [Command.clear()],
            "analytic_distribution": {str(centre.id): 100.0},
            "hcc_contract_id": self.id,
        }
