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
        query: ``by_year``, ``{(contract id, financial year label): (billed,
        outstanding)}`` of the posted bills less refunds; ``count``,
        ``{contract id: number of bills}``, drafts included; ``charged``,
        ``{contract id: untaxed amount}`` of the posted bills dated within
        ``charged_between`` (two dates). Aggregates only: the contract's
        access rules already decided who sees these figures."""
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
                groupby=["hcc_contract_id", "state", "date:day"],
                aggregates=[
                    "amount_total_signed:sum",
                    "amount_residual_signed:sum",
                    "amount_untaxed_signed:sum",
                    "__count",
                ],
            )
        )
        by_year = defaultdict(lambda: (0.0, 0.0))
        counts = defaultdict(int)
        charged = defaultdict(float)
        for contract, state, day, total, residual, untaxed, count in groups:
            counts[contract.id] += count
            if state != "posted":
                continue
            # a vendor bill's signed amounts are negative (money going out)
            key = (contract.id, fy.fy_of(day)[2])
            billed, outstanding = by_year[key]
            by_year[key] = (billed - total, outstanding - residual)
            if charged_between and (charged_between[0] <= day <= charged_between[1]):
                charged[contract.id] -= untaxed
        result.update(by_year=dict(by_year), count=dict(counts), charged=dict(charged))
        return result

    # ------------------------------------------------------------------
    # Payment schedule of a block contract
    # ------------------------------------------------------------------
    def _hcc_instalment_amount(self, month_start):
        """The instalment of a block contract for the month starting on
        ``month_start``: the annual value pro rata for the days of the month
        within the term (a year's instalments add up to the annual value)."""
        self.ensure_one()
        month_end = month_start + relativedelta(months=1, days=-1)
        days = fy.overlap_days(self.date_start, self.date_end, month_start, month_end)
        year_days = fy.fy_days(fy.fy_start_year(month_start))
        return self.currency_id.round(self.annual_value * days / year_days)

    def _hcc_due_instalments(self, today):
        """First days of the months of the term that have ended by ``today``."""
        self.ensure_one()
        if not self.date_start:
            return []
        last = min(today, self.termination_date or self.date_end or today)
        month = date(self.date_start.year, self.date_start.month, 1)
        months = []
        while month + relativedelta(months=1, days=-1) < today and month <= last:
            months.append(month)
            month += relativedelta(months=1)
        return months

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_draft_vendor_bills(self):
        """Draft the vendor bills due on the contract: one per accepted return
        not billed yet (service delivered), or one per month of the payment
        schedule that has ended and is not billed yet (block)."""
        check_role(self.env, GROUP_FINANCE, _("draft vendor bills"))
        bills = self.env["account.move"]
        for contract in self:
            if contract.state not in ("active", "expired", "terminated"):
                raise UserError(
                    _(
                        "Contract %(ref)s is a draft: bills are drafted once it is "
                        "active.",
                        ref=contract.name,
                    )
                )
            if contract.payment_basis == "delivered":
                returns = contract.return_ids
                returns = returns.filtered_domain(returns._hcc_billable_domain())
                bills |= returns._hcc_draft_bills()
            else:
                bills |= contract._hcc_draft_instalment_bills()
        if not bills:
            raise UserError(
                _("Nothing to bill: every accepted return or instalment is billed.")
            )
        return bills._hcc_open_bills(_("Drafted Vendor Bills"))

    def action_view_vendor_bills(self):
        self.ensure_one()
        bills = self.env["account.move"].search(
            [("hcc_contract_id", "=", self.id), ("move_type", "in", BILL_TYPES)]
        )
        return bills._hcc_open_bills(
            _("Vendor Bills of %(ref)s", ref=self.name), contract=self
        )

    def _hcc_draft_instalment_bills(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        billed = set(
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("hcc_contract_id", "=", self.id),
                    ("hcc_instalment_date", "!=", False),
                    ("parent_state", "!=", "cancel"),
                ]
            )
            .mapped("hcc_instalment_date")
        )
        vals_list = []
        for month in self._hcc_due_instalments(today):
            amount = self._hcc_instalment_amount(month)
            if month in billed or not amount:
                continue
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
