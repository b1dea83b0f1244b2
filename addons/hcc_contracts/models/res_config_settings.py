from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hcc_county_manager_id = fields.Many2one(
        related="company_id.hcc_county_manager_id", readonly=False
    )
    hcc_case_retention_months = fields.Integer(
        related="company_id.hcc_case_retention_months", readonly=False
    )
