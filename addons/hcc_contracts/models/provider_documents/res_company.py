from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    hcc_document_reminder_days = fields.Integer(
        string="Remind of Expiring Provider Documents (Days Ahead)",
        default=30,
        help="How many days before a provider's compliance document expires (or "
        "falls due for review) the Contract Support Officers of its contracts "
        "are reminded.",
    )

    @api.constrains("hcc_document_reminder_days")
    def _check_hcc_document_reminder_days(self):
        for company in self:
            if not 0 <= company.hcc_document_reminder_days <= 366:
                raise ValidationError(
                    _(
                        "The reminder of expiring provider documents is given 0 to "
                        "366 days ahead."
                    )
                )
