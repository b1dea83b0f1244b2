from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    hcc_locality_ids = fields.Many2many(
        "hcc.locality",
        "hcc_locality_res_users_rel",
        "user_id",
        "locality_id",
        string="Contract Localities",
        help="Localities whose social care contracts this person works on. "
        "Record rules use them: a Service Manager reads the contracts of these "
        "localities, a Contract Support Officer reads and writes them.",
    )
