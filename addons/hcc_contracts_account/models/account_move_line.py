from datetime import datetime
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, format_amount

# the links of a bill line to the contract it pays (checked in the model, so
# that no route, the web client, RPC or an import, bills a return twice)
HCC_LINK_FIELDS = ("hcc_contract_id", "hcc_return_id", "hcc_instalment_date")
# what a line paying a return or an instalment charges: taken from the
# return or the payment schedule, never typed
HCC_FIGURE_FIELDS = ("quantity", "price_unit", "discount", "currency_id")
# the council's day: an instalment is billed once its month is over in England
HCC_TZ = ZoneInfo("Europe/London")


class AccountMoveLine(models.Model):
    """A vendor bill line paying a social care contract: for a contract paid
    for the service delivered, the accepted data return it pays; for a block
    contract, the month of the payment schedule (the instalment)."""

    _inherit = "account.move.line"

    hcc_contract_id = fields.Many2one(
        "hcc.contract",
        string="Social Care Contract",
        index="btree_not_null",
        ondelete="restrict",
        # a refund reversing a bill still counts against the contract
        copy=True,
    )
    hcc_return_id = fields.Many2one(
        "hcc.data.return",
        string="Data Return",
        index="btree_not_null",
        ondelete="restrict",
        copy=False,
        help="The accepted data return this line pays (service delivered).",
    )
    hcc_instalment_date = fields.Date(
        string="Instalment",
        copy=False,
        help="First day of the month of the block contract's payment schedule "
        "this line pays.",
    )

    def init(self):
        res = super().init()
        # a return, or an instalment of a contract, is billed once: the
        # database holds it too, where a race could beat the Python check
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_line_hcc_return_once
                ON account_move_line (hcc_return_id)
             WHERE hcc_return_id IS NOT NULL AND parent_state != 'cancel'
            """
        )
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_line_hcc_instalment_once
                ON account_move_line (hcc_contract_id, hcc_instalment_date)
             WHERE hcc_instalment_date IS NOT NULL AND parent_state != 'cancel'
            """
        )
        return res

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.onchange("hcc_return_id", "hcc_instalment_date")
    def _onchange_hcc_figures(self):
        """The quantity and price of a line paying a return or an instalment
        are the return's and the schedule's (see ``_check_hcc_figures``)."""
        expected = self._hcc_expected_figures()
        if expected:
            self.quantity, self.price_unit = expected
            self.discount = 0.0

    def _check_hcc_figures(self):
        """A line paying a return charges the units of the return at the
        contract's unit price; a line paying an instalment charges the
        instalment of a month that is over. Checked at every write and again
        when the bill is posted (after what the line pays, ``_check_hcc_link``)."""
        for line in self.filtered(
            lambda aml: aml.hcc_return_id or aml.hcc_instalment_date
        ):
            line._check_hcc_instalment_ended()
            quantity, price = line._hcc_expected_figures()
            contract = line.hcc_contract_id
            digits = self.env["decimal.precision"].precision_get("Product Price")
            if (
                line.currency_id != contract.currency_id
                or line.discount
                or float_compare(line.quantity, quantity, precision_digits=4)
                or float_compare(line.price_unit, price, precision_digits=digits)
            ):
                # formatted outside the call: the term extractor reads the
                # call's arguments as literals
                qty = f"{quantity:,.2f}"
                raise ValidationError(
                    _(
                        "Bill line “%(line)s” pays %(what)s: it charges %(qty)s "
                        "at %(price)s with no discount, in %(currency)s, as the "
                        "return or the payment schedule says. A correction goes "
                        "through a credit note or an adjustment.",
                        line=line.name or "",
                        what=line._hcc_paid_label(),
                        qty=qty,
                        price=format_amount(self.env, price, contract.currency_id),
                        currency=contract.currency_id.name,
                    )
                )

    def _hcc_expected_figures(self):
        """(quantity, price) of a line paying a return or an instalment;
        None for any other line."""
        self.ensure_one()
        contract = self.hcc_contract_id
        if self.hcc_return_id:
            ret = self.hcc_return_id
            return ret.units_delivered, ret._unit_price_in_force()
        if self.hcc_instalment_date and contract:
            return 1.0, contract._hcc_instalment_amount(self.hcc_instalment_date)
        return None

    def _hcc_paid_label(self):
        self.ensure_one()
        if self.hcc_return_id:
            return _("data return %(ret)s", ret=self.hcc_return_id.name)
        return _(
            "the instalment of %(month)s of contract %(ref)s",
            month=self.hcc_instalment_date.strftime("%m/%Y"),
            ref=self.hcc_contract_id.name,
        )

    def _check_hcc_instalment_ended(self):
        month = self.hcc_instalment_date
        if not month or self.parent_state == "cancel":
            return
        today = datetime.now(HCC_TZ).date()
        if month + relativedelta(months=1) > today:
            raise ValidationError(
                _(
                    "The instalment of %(month)s of contract %(ref)s cannot be "
                    "billed before the month is over (from %(day)s).",
                    month=month.strftime("%m/%Y"),
                    ref=self.hcc_contract_id.name,
                    day=(month + relativedelta(months=1)).strftime("%d/%m/%Y"),
                )
            )

    @api.constrains(*HCC_LINK_FIELDS, *HCC_FIGURE_FIELDS, "move_id", "parent_state")
    def _check_hcc_links(self):
        for line in self.filtered(lambda aml: aml.hcc_contract_id or aml.hcc_return_id):
            line._check_hcc_link()
            line._check_hcc_figures()

    def _check_hcc_link(self):
        contract, ret = self.hcc_contract_id, self.hcc_return_id
        move = self.move_id
        if ret and contract != ret.contract_id:
            raise ValidationError(
                _(
                    "Data return %(ret)s belongs to contract %(ref)s: a bill line "
                    "paying it must link to that contract.",
                    ret=ret.name,
                    ref=ret.contract_id.name,
                )
            )
        if move.move_type not in ("in_invoice", "in_refund"):
            raise ValidationError(
                _(
                    "Only a vendor bill or refund can be linked to contract %(ref)s.",
                    ref=contract.name,
                )
            )
        if move.company_id != contract.company_id:
            raise ValidationError(
                _(
                    "Contract %(ref)s belongs to %(company)s: bill it from that "
                    "company.",
                    ref=contract.name,
                    company=contract.company_id.name,
                )
            )
        if (
            move.partner_id
            and move.partner_id.commercial_partner_id
            != contract.partner_id.commercial_partner_id
        ):
            raise ValidationError(
                _(
                    "Contract %(ref)s is with %(provider)s: a bill from "
                    "%(partner)s cannot pay it.",
                    ref=contract.name,
                    provider=contract.partner_id.display_name,
                    partner=move.partner_id.display_name,
                )
            )
        if (ret or self.hcc_instalment_date) and move.move_type != "in_invoice":
            raise ValidationError(
                _(
                    "Contract %(ref)s: only a vendor bill pays a return or an "
                    "instalment.",
                    ref=contract.name,
                )
            )
        if ret:
            ret._hcc_check_billable(self)
        if self.hcc_instalment_date:
            self._check_hcc_instalment(contract, self.hcc_instalment_date)

    def _check_hcc_instalment(self, contract, day):
        if contract.payment_basis != "block":
            raise ValidationError(
                _(
                    "Contract %(ref)s is paid for the service delivered: it is "
                    "billed from its accepted returns, not by instalments.",
                    ref=contract.name,
                )
            )
        if day.day != 1 or not contract._hcc_instalment_amount(day):
            raise ValidationError(
                _(
                    "Contract %(ref)s has no instalment for %(month)s: an "
                    "instalment is a month of the contract's term.",
                    ref=contract.name,
                    month=day.strftime("%m/%Y"),
                )
            )
        other = self._hcc_billed_elsewhere(
            [("hcc_contract_id", "=", contract.id), ("hcc_instalment_date", "=", day)],
            self,
        )
        if other and self.parent_state != "cancel":
            raise self._hcc_billed_error(other)

    def _hcc_billed_elsewhere(self, link_domain, exclude):
        """The line, outside ``exclude`` and of a bill not cancelled, that
        already pays what ``link_domain`` names (a return, or a contract's
        instalment), if any."""
        return self.sudo().search(
            [
                *link_domain,
                ("parent_state", "!=", "cancel"),
                ("id", "not in", exclude.ids),
            ],
            limit=1,
        )

    @api.model
    def _hcc_billed_error(self, other):
        """The refusal naming the bill of ``other``, which already pays the
        same return or instalment."""
        if other.hcc_return_id:
            return ValidationError(
                _(
                    "Data return %(ret)s is already billed on %(bill)s: a return "
                    "is billed once (cancel that bill first to bill it again).",
                    ret=other.hcc_return_id.name,
                    bill=other.move_id.display_name,
                )
            )
        return ValidationError(
            _(
                "The instalment of %(month)s of contract %(ref)s is already "
                "billed on %(bill)s.",
                month=other.hcc_instalment_date.strftime("%m/%Y"),
                ref=other.hcc_contract_id.name,
                bill=other.move_id.display_name,
            )
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._hcc_check_not_billed(vals)
        return super().create(vals_list)

    def _hcc_check_not_billed(self, vals, exclude=None):
        """Refuse, with a clear message, a link to a return or an instalment
        already billed before the database's unique index would."""
        exclude = exclude or self.browse()
        links = []
        if vals.get("hcc_return_id"):
            links.append([("hcc_return_id", "=", vals["hcc_return_id"])])
        if vals.get("hcc_instalment_date") and vals.get("hcc_contract_id"):
            links.append(
                [
                    ("hcc_contract_id", "=", vals["hcc_contract_id"]),
                    ("hcc_instalment_date", "=", vals["hcc_instalment_date"]),
                ]
            )
        for link_domain in links:
            other = self._hcc_billed_elsewhere(link_domain, exclude)
            if other:
                raise self._hcc_billed_error(other)

    def write(self, vals):
        if vals.get("hcc_return_id") or vals.get("hcc_instalment_date"):
            for line in self:
                line._hcc_check_not_billed(
                    {
                        "hcc_contract_id": line.hcc_contract_id.id,
                        **{k: v for k, v in vals.items() if k in HCC_LINK_FIELDS},
                    },
                    exclude=self,
                )
        if set(HCC_LINK_FIELDS) & set(vals) and not self.env.su:
            posted = self.filtered(lambda aml: aml.parent_state == "posted")
            if posted:
                raise ValidationError(
                    _(
                        "Bill %(bill)s is posted: what it pays (contract, return, "
                        "instalment) no longer changes. Reset it to draft first.",
                        bill=posted[0].move_id.display_name,
                    )
                )
        return super().write(vals)
