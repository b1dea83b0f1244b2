from odoo import fields, models


class HccContract(models.Model):
    _inherit = "hcc.contract"

    procurement_id = fields.Many2one(
        "hcc.procurement",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The procurement whose award created this contract (Appendix A, 9).",
    )
    review_procurement_ids = fields.One2many(
        "hcc.procurement",
        "contract_id",
        string="Procurements after Review",
        help="Procurements started from the review of this contract (A2).",
    )
    procurement_count = fields.Integer(compute="_compute_procurement_count")

    def _compute_procurement_count(self):
        for contract in self:
            contract.procurement_count = len(
                contract.procurement_id | contract.review_procurement_ids
            )

    def action_view_procurements(self):
        self.ensure_one()
        procurements = self.procurement_id | self.review_procurement_ids
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hcc_contracts.hcc_procurement_action"
        )
        action["domain"] = [("id", "in", procurements.ids)]
        action["context"] = {
            "default_origin": "review",
            "default_contract_id": self.id,
        }
        if len(procurements) == 1:
            action.update(
                view_mode="form", views=[(False, "form")], res_id=procurements.id
            )
        return action
