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
    hcc_review_lead_months = fields.Integer(
        string="Create Reviews (Months Ahead)",
        default=3,
        help="How many months before its due date a contract review is created "
        "and the lead officer reminded. The review itself is due twelve months "
        "before the contract ends (procedure 10.1).",
    )

    @api.constrains("hcc_review_lead_months")
    def _check_hcc_review_lead_months(self):
        for company in self:
            if not 1 <= company.hcc_review_lead_months <= 24:
                raise ValidationError(
                    _(
                        "%(company)s: reviews must be created between 1 and 24 "
                        "months before they are due.",
                        company=company.name,
                    )
                )
