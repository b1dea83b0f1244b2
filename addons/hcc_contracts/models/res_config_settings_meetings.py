from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hcc_case_retention_months = fields.Integer(
        related="company_id.hcc_case_retention_months", readonly=False
    )
