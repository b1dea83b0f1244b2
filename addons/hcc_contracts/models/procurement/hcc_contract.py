from odoo import _, fields, models
from odoo.tools import format_date


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

    def action_activate(self):
        """A contract that did not come through a procurement here (an
        imported register, a contract let before this system) says so in its
        chatter, with who activated it: its award and signature are not on
        record in this system."""
        unprocured = self.filtered(lambda c: not c.procurement_id)
        result = super().action_activate()
        today = format_date(self.env, fields.Date.context_today(self))
        for contract in unprocured:
            contract.message_post(
                body=_(
                    "Activated without a procurement record: contract %(ref)s was "
                    "not procured through this system, so its award and "
                    "signature are not on record here. Recorded by %(user)s on "
                    "%(date)s.",
                    ref=contract.name,
                    user=self.env.user.name,
                    date=today,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return result

    def _get_activation_problems(self):
        """A contract awarded by a procurement goes live once the procurement
        records it signed: sent to the provider, countersigned and filed
        (Appendix A, 9)."""
        problems = super()._get_activation_problems()
        # who may activate the contract may know where its procurement stands
        procurement = self.procurement_id.sudo()
        if procurement and procurement.step != "done":
            problems.append(
                _(
                    "Procurement %(ref)s, which awarded this contract, is at the "
                    "step “%(step)s”: the contract is activated once the "
                    "procurement records it signed.",
                    ref=procurement.name,
                    step=procurement._hcc_state_label(procurement.step),
                )
            )
        return problems

    def action_view_procurements(self):
        procurements = self.procurement_id | self.review_procurement_ids
        return self._action_view_records(
            "hcc_contracts.hcc_procurement_action",
            domain=[("id", "in", procurements.ids)],
            context={"default_origin": "review"},
            single=procurements,
        )
