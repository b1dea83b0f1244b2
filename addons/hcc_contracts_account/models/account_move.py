from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AccountMove(models.Model):
    """Vendor bills of the social care contracts: the contract a bill pays,
    the cost centre its lines must carry, and the contract's spend kept in
    step when a bill is posted, reset to draft or cancelled."""

    _inherit = "account.move"

    hcc_contract_id = fields.Many2one(
        "hcc.contract",
        string="Social Care Contract",
        compute="_compute_hcc_contract_id",
        store=True,
        index="btree_not_null",
        help="The contract the lines of this vendor bill pay.",
    )

    @api.depends("line_ids.hcc_contract_id")
    def _compute_hcc_contract_id(self):
        for move in self:
            move.hcc_contract_id = move.line_ids.hcc_contract_id[:1]

    @api.constrains("line_ids")
    def _check_hcc_one_contract(self):
        for move in self:
            if len(move.line_ids.hcc_contract_id) > 1:
                raise ValidationError(
                    _(
                        "Bill %(bill)s: a vendor bill pays one contract; bill "
                        "%(refs)s separately.",
                        bill=move.display_name,
                        refs=", ".join(move.line_ids.hcc_contract_id.mapped("name")),
                    )
                )

    def _post(self, soft=True):
        self._check_hcc_cost_centres()
        # what the lines charge, checked again as the bill is posted
        self.line_ids.filtered("hcc_contract_id")._check_hcc_figures()
        posted = super()._post(soft=soft)
        posted._hcc_refresh_spend()
        return posted

    def button_draft(self):
        moves = self.filtered("hcc_contract_id")
        # a cancelled bill brought back must not bill a return a second time
        cancelled = moves.filtered(lambda m: m.state == "cancel")
        for line in cancelled.line_ids.filtered("hcc_contract_id"):
            line._hcc_check_not_billed(
                {
                    "hcc_contract_id": line.hcc_contract_id.id,
                    "hcc_return_id": line.hcc_return_id.id,
                    "hcc_instalment_date": line.hcc_instalment_date,
                },
                exclude=cancelled.line_ids,
            )
        result = super().button_draft()
        moves._hcc_refresh_spend()
        return result

    def button_cancel(self):
        moves = self.filtered("hcc_contract_id")
        result = super().button_cancel()
        moves._hcc_refresh_spend()
        return result

    def _check_hcc_cost_centres(self):
        """Every line paying a contract carries the contract's cost centre,
        all of it: that is how the spend reaches the budget of 12.6."""
        for line in self.line_ids.filtered("hcc_contract_id"):
            contract = line.hcc_contract_id
            centre = contract.sudo().analytic_account_id
            if not centre:
                raise UserError(
                    _(
                        "Contract %(ref)s has no cost centre: Finance links it to "
                        "one before its bills are posted.",
                        ref=contract.name,
                    )
                )
            distribution = line.analytic_distribution or {}
            share = sum(
                float(value)
                for key, value in distribution.items()
                if str(centre.id) in key.split(",")
            )
            if round(share, 2) != 100.0:
                raise UserError(
                    _(
                        "Bill %(bill)s: the line “%(line)s” pays contract %(ref)s "
                        "and must be charged in full to its cost centre %(centre)s.",
                        bill=line.move_id.display_name,
                        line=line.name or "",
                        ref=contract.name,
                        centre=centre.display_name,
                    )
                )

    def _hcc_refresh_spend(self):
        """Recompute the actual spend of the budget lines these bills count in."""
        moves = self.filtered("hcc_contract_id").sudo()
        if moves:
            self.env["hcc.contract.budget"]._refresh_contract_spend(
                moves.hcc_contract_id, set(moves.mapped("date"))
            )

    def _hcc_open_bills(self, name, contract=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        action.update(
            {
                "name": name,
                "domain": [("hcc_contract_id", "=", contract.id)]
                if contract
                else [("id", "in", self.ids)],
                "context": {
                    "default_move_type": "in_invoice",
                    "create": False,
                },
            }
        )
        if len(self) == 1 and not contract:
            action.update(
                {"view_mode": "form", "views": [(False, "form")], "res_id": self.id}
            )
        return action
