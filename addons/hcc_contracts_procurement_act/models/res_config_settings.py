from odoo import fields, models

from .hcc_statutory_notice import DEFAULT_OCID_PREFIX


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # the prefix of the OCDS identifiers of the notices exported
    hcc_ocds_ocid_prefix = fields.Char(
        string="OCDS Prefix",
        config_parameter="hcc_contracts_procurement_act.ocds_ocid_prefix",
        default=DEFAULT_OCID_PREFIX,
    )

    hcc_transparency_department = fields.Char(
        related="company_id.hcc_transparency_department",
        readonly=False,
    )
