from odoo import _, fields, models


class HccContract(models.Model):
    """Early termination (procedure 9.2 to 9.4, 12.5), recorded by the County
    Manager (Contracts) through ``hcc.contract.terminate.wizard``; expiry at
    the end of the term is a distinct outcome."""

    _inherit = "hcc.contract"

    termination_date = fields.Date(readonly=True, copy=False, tracking=True)
    termination_reason = fields.Html(readonly=True, copy=False)
    termination_fundamental_breach = fields.Boolean(
        string="Fundamental Breach", readonly=True, copy=False, tracking=True
    )
    termination_legal_reference = fields.Char(
        string="Legal Services Reference", readonly=True, copy=False, tracking=True
    )
    termination_cso_consulted_id = fields.Many2one(
        "res.users", string="CSO Consulted", readonly=True, copy=False
    )
    termination_date_cso_consulted = fields.Date(
        string="CSO Consulted On", readonly=True, copy=False
    )
    termination_decided_by_id = fields.Many2one(
        "res.users",
        string="Decided By",
        readonly=True,
        copy=False,
        help="The County Manager (Contracts) who confirmed the early termination.",
    )
    termination_service_users_affected = fields.Integer(
        string="Service Users Affected", readonly=True, copy=False
    )
    termination_alternative_arrangements = fields.Html(
        string="Alternative Arrangements", readonly=True, copy=False
    )
    termination_alternative_date = fields.Date(
        string="Alternative Arrangements By", readonly=True, copy=False
    )
    termination_provider_informed_date = fields.Date(
        string="Provider Informed On", readonly=True, copy=False, tracking=True
    )

    def action_open_terminate_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Early Termination"),
            "res_model": "hcc.contract.terminate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_id": self.id},
        }

    def _unremedied_notices(self):
        """Notices that open the way to early termination: served and past
        their remedy date without remedy, or escalated (procedure 9.4)."""
        today = fields.Date.context_today(self)
        return self.notice_ids.filtered(
            lambda n: n.state == "escalated"
            or (n.state == "served" and n.date_remedy_due and n.date_remedy_due < today)
        )
