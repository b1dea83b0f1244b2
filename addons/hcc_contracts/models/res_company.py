from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    hcc_county_manager_id = fields.Many2one(
        "res.users",
        string="County Manager (Contracts)",
        domain="[('share', '=', False)]",
        help="Receives escalations of late reviews, meetings and returns, and is "
        "consulted on contentious revisions and early terminations.",
    )
    hcc_case_retention_months = fields.Integer(
        string="Keep Case Details (Months)",
        default=24,
        help="Personal details of specific cases considered at monitoring "
        "meetings are erased after this many months.",
    )

    @api.constrains("hcc_case_retention_months")
    def _check_hcc_case_retention_months(self):
        for company in self:
            if company.hcc_case_retention_months < 1:
                raise ValidationError(
                    _(
                        "%(company)s: case details must be kept for at least one "
                        "month.",
                        company=company.name,
                    )
                )
