from odoo import api, fields, models

from odoo.addons.hcc_contracts.models.providers.res_partner import (
    PROVIDER_PAGE_GROUPS,
)


class ResPartner(models.Model):
    """The provider's page adds what the council's bills say across the
    provider's contracts the reader may see: billed this financial year and
    what is still to be paid of it."""

    _inherit = "res.partner"

    hcc_provider_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_hcc_provider_bills",
        groups=PROVIDER_PAGE_GROUPS,
    )
    hcc_provider_billed_amount = fields.Monetary(
        string="Billed This Year",
        compute="_compute_hcc_provider_bills",
        currency_field="hcc_provider_currency_id",
        groups=PROVIDER_PAGE_GROUPS,
        help="Posted vendor bills less refunds dated in the current financial "
        "year, across the provider's contracts you may see.",
    )
    hcc_provider_outstanding_amount = fields.Monetary(
        string="Outstanding This Year",
        compute="_compute_hcc_provider_bills",
        currency_field="hcc_provider_currency_id",
        groups=PROVIDER_PAGE_GROUPS,
        help="What is still to be paid of those bills.",
    )

    @api.depends_context("uid", "company")
    def _compute_hcc_provider_bills(self):
        contracts = self.env["hcc.contract"].search([("partner_id", "in", self.ids)])
        currency = self.env.company.currency_id
        for partner in self:
            mine = contracts.filtered(
                lambda c, partner=partner: c.partner_id == partner
            )
            partner.hcc_provider_currency_id = currency
            partner.hcc_provider_billed_amount = sum(
                contract.currency_id._convert(
                    contract.hcc_billed_amount, currency, self.env.company
                )
                for contract in mine
            )
            partner.hcc_provider_outstanding_amount = sum(
                contract.currency_id._convert(
                    contract.hcc_outstanding_amount, currency, self.env.company
                )
                for contract in mine
            )
