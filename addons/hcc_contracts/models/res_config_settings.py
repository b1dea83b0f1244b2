from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hcc_county_manager_id = fields.Many2one(
        related="company_id.hcc_county_manager_id", readonly=False
    )
    hcc_review_lead_months = fields.Integer(
        related="company_id.hcc_review_lead_months", readonly=False
    )
