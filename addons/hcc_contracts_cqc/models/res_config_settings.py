from odoo import _, fields, models
from odoo.exceptions import UserError

from ..tools.cqc_client import DEFAULT_CQC_API_URL, url_problem


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

    def set_values(self):
        # the subscription key travels with every request: never in clear
        for settings in self:
            if settings.hcc_cqc_api_url and url_problem(settings.hcc_cqc_api_url):
                raise UserError(
                    _(
                        "The CQC API address must start with https:// "
                        "(%(url)s): the subscription key is sent with every "
                        "request.",
                        url=settings.hcc_cqc_api_url,
                    )
                )
        return super().set_values()
