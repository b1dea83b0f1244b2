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
    procurement_count = fields.Integer(
        string="Number of Procurements",
        compute="_compute_contract_counters",
        store=True,
        depends=[
            "procurement_id.awarded_contract_id",
            "procurement_id.active",
            "review_procurement_ids.active",
        ],
    )

    def _get_contract_counters(self):
        # the procurement that awarded the contract, and those started from
        # its review: never the same one (hcc.procurement checks it)
        return super()._get_contract_counters() + [
            ("procurement_count", "hcc.procurement", []),
            ("procurement_count", "hcc.procurement", [], "awarded_contract_id"),
        ]

    def action_view_procurements(self):
        procurements = self.procurement_id | self.review_procurement_ids
        return self._action_view_records(
            "hcc_contracts.hcc_procurement_action",
            domain=[("id", "in", procurements.ids)],
            context={"default_origin": "review"},
            single=procurements,
        )
