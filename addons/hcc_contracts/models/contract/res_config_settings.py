from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hcc_county_manager_id = fields.Many2one(
        related="company_id.hcc_county_manager_id", readonly=False
    )
    hcc_supervision_interval_months = fields.Integer(
        related="company_id.hcc_supervision_interval_months", readonly=False
    )
    hcc_review_lead_months = fields.Integer(
        related="company_id.hcc_review_lead_months", readonly=False
    )

    hcc_return_due_days = fields.Integer(
        related="company_id.hcc_return_due_days", readonly=False
    )
    hcc_utilisation_amber = fields.Float(
        related="company_id.hcc_utilisation_amber", readonly=False
    )
    hcc_utilisation_red = fields.Float(
        related="company_id.hcc_utilisation_red", readonly=False
    )
    hcc_indicator_tolerance = fields.Float(
        related="company_id.hcc_indicator_tolerance", readonly=False
    )
    hcc_case_retention_months = fields.Integer(
        related="company_id.hcc_case_retention_months", readonly=False
    )
