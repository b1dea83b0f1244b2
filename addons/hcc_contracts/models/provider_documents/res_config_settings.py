from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hcc_document_reminder_days = fields.Integer(
        related="company_id.hcc_document_reminder_days", readonly=False
    )
