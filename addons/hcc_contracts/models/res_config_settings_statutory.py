from odoo import fields, models

from .hcc_cqc_client import DEFAULT_CQC_API_URL
from .hcc_statutory_notice import DEFAULT_OCID_PREFIX


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hcc_cqc_api_url = fields.Char(
        string="CQC API URL",
        config_parameter="hcc_contracts.cqc_api_url",
        default=DEFAULT_CQC_API_URL,
    )
    hcc_cqc_subscription_key = fields.Char(
        string="CQC Subscription Key",
        config_parameter="hcc_contracts.cqc_subscription_key",
    )
    hcc_ocds_ocid_prefix = fields.Char(
        string="OCDS Prefix",
        config_parameter="hcc_contracts.ocds_ocid_prefix",
        default=DEFAULT_OCID_PREFIX,
    )
