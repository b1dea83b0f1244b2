from odoo import fields, models

from ..tools.cqc_client import DEFAULT_CQC_API_URL


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # the CQC public API, read by the nightly refresh of the ratings
    hcc_cqc_api_url = fields.Char(
        string="CQC API URL",
        config_parameter="hcc_contracts_cqc.api_url",
        default=DEFAULT_CQC_API_URL,
    )
    hcc_cqc_subscription_key = fields.Char(
        string="CQC Subscription Key",
        config_parameter="hcc_contracts_cqc.subscription_key",
    )
