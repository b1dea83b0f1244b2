from odoo import api, fields, models

from ..providers.res_partner import PROVIDER_PAGE_GROUPS


class ResPartner(models.Model):
    """The provider's compliance documents on its page."""

    _inherit = "res.partner"

    hcc_document_ids = fields.One2many(
        "hcc.provider.document",
        "partner_id",
        string="Compliance Documents",
        readonly=True,
        domain=[("state", "in", ("draft", "current"))],
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_expired_document_count = fields.Integer(
        string="Documents Expired",
        compute="_compute_hcc_document_counts",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_document_count = fields.Integer(
        string="Documents",
        compute="_compute_hcc_document_counts",
        groups=PROVIDER_PAGE_GROUPS,
    )

    @api.depends_context("uid", "company")
    def _compute_hcc_document_counts(self):
        Document = self.env["hcc.provider.document"]
        current = dict(
            Document._read_group(
                [("partner_id", "in", self.ids), ("state", "in", ("draft", "current"))],
                ["partner_id"],
                ["__count"],
            )
        )
        expired = dict(
            Document._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("state", "=", "current"),
                    ("expiry_status", "=", "expired"),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.hcc_document_count = current.get(partner, 0)
            partner.hcc_expired_document_count = expired.get(partner, 0)

    def action_hcc_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "hcc_contracts.hcc_provider_document_action"
        )
        action.update(
            {
                "domain": [("partner_id", "=", self.id)],
                "context": {"default_partner_id": self.id},
            }
        )
        return action
