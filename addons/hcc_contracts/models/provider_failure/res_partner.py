from odoo import api, fields, models

from ..providers.res_partner import PROVIDER_PAGE_GROUPS


class ResPartner(models.Model):
    """The provider's open failures on its page."""

    _inherit = "res.partner"

    hcc_open_failure_ids = fields.One2many(
        "hcc.provider.failure",
        "partner_id",
        string="Open Failures",
        readonly=True,
        domain=[("state", "=", "declared")],
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_open_failure_count = fields.Integer(
        string="Failures Open",
        compute="_compute_hcc_open_failure_count",
        groups=PROVIDER_PAGE_GROUPS,
    )

    @api.depends_context("uid", "company")
    def _compute_hcc_open_failure_count(self):
        counts = dict(
            self.env["hcc.provider.failure"]._read_group(
                [("partner_id", "in", self.ids), ("state", "=", "declared")],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.hcc_open_failure_count = counts.get(partner, 0)

    def action_hcc_view_failures(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hcc_contracts.hcc_provider_failure_action"
        )
        action.update(
            {
                "domain": [("partner_id", "=", self.id)],
                "context": {"default_partner_id": self.id},
            }
        )
        return action
