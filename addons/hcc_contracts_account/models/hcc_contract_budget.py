from odoo import api, fields, models

BILL_TYPES = ("in_invoice", "in_refund")


class HccContractBudget(models.Model):
    """With Odoo Invoicing, the actual spend of a contract's budget line is
    what the contract's posted vendor bills (less refunds) charge in that
    financial year, and Finance sees what was billed, paid and is still
    outstanding."""

    _inherit = "hcc.contract.budget"

    billed_amount = fields.Monetary(
        string="Billed",
        compute="_compute_bill_figures",
        currency_field="currency_id",
        help="Total of the contract's posted vendor bills less refunds dated in "
        "this financial year. The actual spend counts them before VAT, with "
        "any spend posted by hand on the cost centre (not from a bill).",
    )
    paid_amount = fields.Monetary(
        string="Paid",
        compute="_compute_bill_figures",
        currency_field="currency_id",
        help="What was paid of those bills.",
    )
    outstanding_amount = fields.Monetary(
        string="Outstanding",
        compute="_compute_bill_figures",
        currency_field="currency_id",
        help="What is still to be paid of those bills.",
    )

    @api.depends_context("uid")
    @api.depends("contract_id", "date_from", "date_to")
    def _compute_bill_figures(self):
        figures = self.contract_id._origin._hcc_bill_figures()["by_year"]
        for line in self:
            billed, outstanding = figures.get(
                (line.contract_id._origin.id, line.financial_year), (0.0, 0.0)
            )
            line.billed_amount = billed
            line.outstanding_amount = outstanding
            line.paid_amount = billed - outstanding

    @api.model
    def _get_spend_analytic_domain(self):
        """The analytic lines of a journal item are left to the bills below:
        a bill counts on the contract it pays, not on every contract sharing
        its cost centre. Lines posted by hand still count."""
        return [*super()._get_spend_analytic_domain(), ("move_line_id", "=", False)]

    def _get_actual_spend(self):
        """The spend posted by hand on the cost centre, plus the contract's
        posted vendor bill lines (less refunds, before VAT), in one more
        grouped query whatever the number of lines: summed by contract and
        day, each day assigned to its financial year, in the contract's
        currency (converted at the rate of the day when the line is in
        another)."""
        spend = super()._get_actual_spend()
        lines = self.filtered(lambda line: line.date_from and line.analytic_account_id)
        if not lines:
            return spend
        totals = lines.contract_id._hcc_bill_line_spend(
            min(lines.mapped("date_from")), max(lines.mapped("date_to"))
        )
        for line in lines:
            billed = totals.get((line.contract_id.id, line.financial_year), 0.0)
            spend[line.id] = line.currency_id.round(spend.get(line.id, 0.0) + billed)
        return spend

    @api.model
    def _refresh_contract_spend(self, contracts, dates):
        """Recompute the actual spend of these contracts' budget lines for the
        financial years holding these dates, after bills were posted, reset
        or cancelled."""
        self._refresh_spend("contract_id", contracts, dates)
