from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    hcc_option_approval_threshold = fields.Monetary(
        string="Options Approved by the County Manager From",
        currency_field="currency_id",
        default=250000.0,
        help="A decision on an extension option worth this much or more (the "
        "contract's annual value for the length of the extension) is approved "
        "by the County Manager (Contracts).",
    )
