from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # how Find a Tender names the council, and the VAT of the gross values
    hcc_ppon = fields.Char(related="company_id.hcc_ppon", readonly=False)
    hcc_ocds_vat_rate = fields.Float(
        related="company_id.hcc_ocds_vat_rate", readonly=False
    )

    hcc_transparency_department = fields.Char(
        related="company_id.hcc_transparency_department",
        readonly=False,
    )
