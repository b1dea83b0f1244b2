from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hcc_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Council Currency"
    )
    hcc_option_approval_threshold = fields.Monetary(
        related="company_id.hcc_option_approval_threshold",
        currency_field="hcc_company_currency_id",
        readonly=False,
    )
