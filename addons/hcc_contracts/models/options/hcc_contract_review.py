from odoo import fields, models


class HccContractReview(models.Model):
    """The review of 10.1 decides whether to renew or extend: it shows the
    contract's extension options and what is left of them."""

    _inherit = "hcc.contract.review"

    contract_option_ids = fields.One2many(
        related="contract_id.option_ids", string="Extension Options"
    )
    contract_options_summary = fields.Char(
        related="contract_id.options_summary", string="Extension Options Left"
    )
    contract_date_end_max = fields.Date(
        related="contract_id.date_end_max", string="Maximum Term Ends"
    )
