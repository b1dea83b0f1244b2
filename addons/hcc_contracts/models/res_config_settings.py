from odoo import fields, models

from .hcc_cqc_client import DEFAULT_CQC_API_URL
from .hcc_statutory_notice import DEFAULT_OCID_PREFIX


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hcc_county_manager_id = fields.Many2one(
        related="company_id.hcc_county_manager_id", readonly=False
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

    # statutory duties: the CQC public API and the OCDS export
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
