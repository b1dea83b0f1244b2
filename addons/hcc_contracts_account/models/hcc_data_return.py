from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hcc_contracts.tools.roles import GROUP_FINANCE, check_role


class HccDataReturn(models.Model):
    """An accepted return of a contract paid for the service delivered is
    billed once: units delivered times the contract's unit price, dated on
    the last day of the return's period."""

    _inherit = "hcc.data.return"

    hcc_bill_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        compute="_compute_hcc_bill_id",
        help="The vendor bill paying this return (a cancelled bill does not count).",
    )
    hcc_bill_state = fields.Selection(
        [("draft", "Drafted"), ("posted", "Posted"), ("paid", "Paid")],
        string="Billing",
        compute="_compute_hcc_bill_id",
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
        """One draft vendor bill per return; the line's links make the model
        refuse a return that is not accepted or already billed."""
        vals_list = []
        self.invalidate_recordset(["hcc_bill_id", "hcc_bill_state"])
        for ret in self:
            contract = ret.contract_id
            if ret.state != "accepted" or ret.hcc_bill_id:
                raise UserError(
                    _(
                        "Data return %(ret)s cannot be billed: only an accepted "
                        "return not billed yet can be.",
                        ret=ret.name,
                    )
                )
            line = contract._hcc_bill_line_vals(
                _(
                    "%(ref)s %(title)s: %(period)s",
                    ref=contract.name,
                    title=contract.title,
                    period=ret.period_name or ret.name,
                ),
                ret.units_delivered,
                contract.unit_price,
            )
            line["hcc_return_id"] = ret.id
            vals_list.append(contract._hcc_bill_vals(ret.date_to, [line]))
        return self.env["account.move"].create(vals_list)
