from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.hcc_contracts.tools.roles import GROUP_FINANCE, check_role


class HccDataReturn(models.Model):
    """An accepted return of a contract paid for the service delivered is
    billed once: units delivered times the contract's unit price, dated on
    the last day of the return's period. Which returns a bill may pay is
    ``_hcc_billable_domain()``, checked with its reasons by
    ``_hcc_check_billable()``."""

    _inherit = "hcc.data.return"

    hcc_bill_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        compute="_compute_hcc_bill_id",
        search="_search_hcc_bill_id",
        help="The vendor bill paying this return (a cancelled bill does not count).",
    )
    hcc_bill_state = fields.Selection(
        [("draft", "Drafted"), ("posted", "Posted"), ("paid", "Paid")],
        string="Billing",
        compute="_compute_hcc_bill_id",
    )
    hcc_billable = fields.Boolean(
        string="Billable",
        compute="_compute_hcc_billable",
        search="_search_hcc_billable",
        help="An accepted return of a contract paid for the service delivered, "
        "not billed yet.",
    )

    @api.depends_context("uid")
    def _compute_hcc_bill_id(self):
        # who may see the return may know whether it was billed
        lines = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("hcc_return_id", "in", self._origin.ids),
                    ("parent_state", "!=", "cancel"),
                ]
            )
        )
        by_return = {line.hcc_return_id.id: line.move_id for line in lines}
        for ret in self:
            bill = by_return.get(ret._origin.id)
            ret.hcc_bill_id = bill.with_env(self.env) if bill else False
            if not bill:
                ret.hcc_bill_state = False
            elif bill.state == "draft":
                ret.hcc_bill_state = "draft"
            elif bill.payment_state in ("paid", "in_payment", "reversed"):
                ret.hcc_bill_state = "paid"
            else:
                ret.hcc_bill_state = "posted"

    def _search_hcc_bill_id(self, operator, value):
        """``("hcc_bill_id", "=", False)``: the returns no bill pays (a
        cancelled one does not count); any other condition is one on the
        bill paying the return."""
        # who may see the return may know whether it was billed
        Line = self.env["account.move.line"].sudo()
        paying = [("hcc_return_id", "!=", False), ("parent_state", "!=", "cancel")]
        if operator in ("=", "!=") and not value:
            lines = Line._search(paying)
            operator = "not in" if operator == "=" else "in"
        else:
            lines = Line._search([*paying, ("move_id", operator, value)])
            operator = "in"
        return [
            (
                "id",
                operator,
                lines.subselect(SQL.identifier(lines.table, "hcc_return_id")),
            )
        ]

    @api.depends_context("uid")
    def _compute_hcc_billable(self):
        billable = self.filtered_domain(self._hcc_billable_domain())
        for ret in self:
            ret.hcc_billable = ret in billable

    def _search_hcc_billable(self, operator, value):
        if operator not in ("=", "!="):
            # a programming error, not a user's: the field is a yes or no
            raise NotImplementedError(f"hcc_billable {operator} {value!r}")
        billable = expression.normalize_domain(self._hcc_billable_domain())
        if (operator == "=") == bool(value):
            return billable
        return ["!", *billable]

    @api.model
    def _hcc_billable_domain(self):
        """The returns a bill may pay: accepted, of a contract paid for the
        service delivered (a block contract is billed by its instalments),
        and paid by no bill yet (a cancelled one does not count). The draft
        actions list them with it; ``_hcc_check_billable`` says why a
        return is not one of them."""
        return [
            ("state", "=", "accepted"),
            ("payment_basis", "=", "delivered"),
            ("hcc_bill_id", "=", False),
        ]

    def _hcc_check_billable(self, lines=None):
        """Refuse, with the reason, a return of ``self`` a bill may not pay
        (``_hcc_billable_domain``). ``lines`` are the bill lines that would
        pay the returns, left out of the bills already paying them; a line
        of a cancelled bill pays nothing, so for it only the return itself
        is checked."""
        Line = self.env["account.move.line"]
        lines = lines if lines is not None else Line
        paying = not lines or any(line.parent_state != "cancel" for line in lines)
        for ret in self:
            if ret.payment_basis != "delivered":
                raise ValidationError(
                    _(
                        "Contract %(ref)s is a block contract: it is billed by the "
                        "instalments of its payment schedule, not by its returns.",
                        ref=ret.contract_id.name,
                    )
                )
            if ret.state != "accepted":
                raise ValidationError(
                    _(
                        "Data return %(ret)s is %(state)s: only an accepted return "
                        "can be billed.",
                        ret=ret.name,
                        state=ret._hcc_state_label(ret.state).lower(),
                    )
                )
            if paying:
                other = Line._hcc_billed_elsewhere(
                    [("hcc_return_id", "=", ret.id)], lines
                )
                if other:
                    raise Line._hcc_billed_error(other)

    def _hcc_is_billed(self):
        # a bill drafted or posted pays the return; a cancelled one does not
        return super()._hcc_is_billed() or bool(
            self.env["account.move.line"]
            .sudo()
            .search_count(
                [("hcc_return_id", "in", self.ids), ("parent_state", "!=", "cancel")],
                limit=1,
            )
        )

    def action_draft_vendor_bill(self):
        check_role(self.env, GROUP_FINANCE, _("draft vendor bills"))
        bills = self._hcc_draft_bills()
        return bills._hcc_open_bills(_("Drafted Vendor Bills"))

    def _hcc_draft_bills(self):
        """One draft vendor bill per return, once each is billable
        (``_hcc_check_billable``)."""
        self._hcc_check_billable()
        vals_list = []
        for ret in self:
            contract = ret.contract_id
            line = contract._hcc_bill_line_vals(
                _(
                    "%(ref)s %(title)s: %(period)s",
                    ref=contract.name,
                    title=contract.title,
                    period=ret.period_name or ret.name,
                ),
                ret.units_delivered,
                ret._unit_price_in_force(),
            )
            line["hcc_return_id"] = ret.id
            vals_list.append(contract._hcc_bill_vals(ret.date_to, [line]))
        bills = self.env["account.move"].create(vals_list)
        # billed now: what was read of their bills is stale
        self.invalidate_recordset(["hcc_bill_id", "hcc_bill_state", "hcc_billable"])
        return bills
