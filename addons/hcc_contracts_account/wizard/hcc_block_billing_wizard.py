from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount, format_date

from odoo.addons.hcc_contracts.tools.roles import GROUP_FINANCE, check_role


class HccBlockBillingWizard(models.TransientModel):
    """Which months of a block contract's payment schedule to bill: the
    months that have ended, each with its instalment (a twelfth of the
    annual value, a part month pro rata by days); those billed already, or
    paid by spend already on the ledger, are not ticked, with the reason.
    Finance confirms the months to bill."""

    _name = "hcc.block.billing.wizard"
    _description = "Bill the Instalments of a Block Contract"

    contract_id = fields.Many2one("hcc.contract", required=True, readonly=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    annual_value = fields.Monetary(related="contract_id.annual_value")
    monthly_amount = fields.Monetary(
        string="Monthly Instalment",
        readonly=True,
        help="A twelfth of the annual value, the same every month whatever its length.",
    )
    line_ids = fields.One2many(
        "hcc.block.billing.wizard.line", "wizard_id", string="Months"
    )
    to_bill_amount = fields.Monetary(
        string="To Bill", compute="_compute_to_bill", help="The months ticked."
    )
    to_bill_count = fields.Integer(compute="_compute_to_bill")

    @api.depends("line_ids.to_bill", "line_ids.amount")
    def _compute_to_bill(self):
        for wizard in self:
            lines = wizard.line_ids.filtered("to_bill")
            wizard.to_bill_amount = sum(lines.mapped("amount"))
            wizard.to_bill_count = len(lines)

    # ------------------------------------------------------------------
    # Opening
    # ------------------------------------------------------------------
    @api.model
    def _hcc_open_for(self, contract):
        """The wizard for ``contract``, filled with the months that have
        ended; refused, with the reason, when there is nothing to choose."""
        check_role(self.env, GROUP_FINANCE, _("draft vendor bills"))
        if not contract.sudo().analytic_account_id:
            raise UserError(
                _(
                    "Contract %(ref)s has no cost centre: Finance links it to one "
                    "before bills are drafted.",
                    ref=contract.name,
                )
            )
        if not contract.annual_value or not contract.date_start:
            raise UserError(
                _(
                    "Contract %(ref)s has no annual value or start date: its "
                    "payment schedule cannot be worked out.",
                    ref=contract.name,
                )
            )
        today = fields.Date.context_today(self)
        schedule = contract._hcc_instalment_schedule(today)
        if not schedule:
            raise UserError(
                _(
                    "Nothing to bill: no month of the term of contract %(ref)s "
                    "has ended yet (an instalment is billed once its month is "
                    "over).",
                    ref=contract.name,
                )
            )
        if all(item["bill"] for item in schedule):
            raise UserError(
                _(
                    "Nothing to bill: every month of contract %(ref)s that has "
                    "ended is billed.",
                    ref=contract.name,
                )
            )
        wizard = self.create(
            {
                "contract_id": contract.id,
                "monthly_amount": contract._hcc_monthly_instalment(),
                "line_ids": [
                    Command.create(self._hcc_line_vals(contract, item))
                    for item in schedule
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Bill the Instalments of %(ref)s", ref=contract.name),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    @api.model
    def _hcc_line_vals(self, contract, item):
        """The wizard line of one month of the schedule (see
        ``hcc.contract._hcc_instalment_schedule``), with why it is or is not
        ticked."""
        currency = contract.currency_id
        notes = []
        if item["days"] < item["month_days"]:
            notes.append(
                _(
                    "Part month: %(days)s of %(month_days)s days in the term, "
                    "billed pro rata.",
                    days=item["days"],
                    month_days=item["month_days"],
                )
            )
        if item["bill"]:
            status = "billed"
            notes.append(
                _("Already billed on %(bill)s.", bill=item["bill"].display_name)
            )
        elif currency.compare_amounts(item["ledger"], item["amount"]) >= 0:
            status = "ledger"
            notes.append(
                _(
                    "Already on the ledger: the spend of the financial year not "
                    "billed by instalments pays this month. Tick it to bill it "
                    "all the same."
                )
            )
        else:
            status = "due"
            if item["ledger"]:
                notes.append(
                    _(
                        "%(amount)s of it is already on the ledger: check before "
                        "billing it in full.",
                        amount=format_amount(self.env, item["ledger"], currency),
                    )
                )
        return {
            "month": item["month"],
            "amount": item["amount"],
            "status": status,
            "to_bill": status == "due",
            "note": " ".join(notes),
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_confirm(self):
        """Draft one bill per month ticked, at the instalment of the
        schedule (not a figure typed in the wizard)."""
        self.ensure_one()
        check_role(self.env, GROUP_FINANCE, _("draft vendor bills"))
        lines = self.line_ids.filtered("to_bill")
        if not lines:
            raise UserError(_("Tick the months to bill."))
        billed = lines.filtered(lambda line: line.status == "billed")
        if billed:
            raise ValidationError(
                _(
                    "The instalment of %(month)s is already billed: untick it.",
                    month=billed[0].month_name,
                )
            )
        bills = self.contract_id._hcc_draft_instalment_bills(lines.mapped("month"))
        return bills._hcc_open_bills(_("Drafted Vendor Bills"))


class HccBlockBillingWizardLine(models.TransientModel):
    _name = "hcc.block.billing.wizard.line"
    _description = "Month of a Block Contract's Payment Schedule"
    _order = "month"

    wizard_id = fields.Many2one(
        "hcc.block.billing.wizard", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    month = fields.Date(string="First Day", required=True, readonly=True)
    month_name = fields.Char(string="Month", compute="_compute_month_name")
    amount = fields.Monetary(string="Instalment", readonly=True)
    status = fields.Selection(
        [("due", "To Bill"), ("billed", "Billed"), ("ledger", "On the Ledger")],
        readonly=True,
    )
    to_bill = fields.Boolean(string="Bill")
    note = fields.Char(string="Why", readonly=True)

    @api.depends("month")
    def _compute_month_name(self):
        for line in self:
            line.month_name = (
                format_date(line.env, line.month, date_format="MMMM y")
                if line.month
                else False
            )
