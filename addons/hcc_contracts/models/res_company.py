from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    hcc_county_manager_id = fields.Many2one(
        "res.users",
        string="County Manager (Contracts)",
        domain="[('share', '=', False)]",
        help="Receives escalations of late reviews, meetings and returns, and is "
        "consulted on contentious revisions and early terminations.",
    )
