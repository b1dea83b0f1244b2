from odoo import fields, models

# the department of a row of the Transparency Code register: the care group's,
# else the locality's, else the council's (see hcc.transparency.export)


class HccCareGroup(models.Model):
    _inherit = "hcc.care.group"

    hcc_transparency_department = fields.Char(
        string="Department (Transparency Code)",
        help="The council department responsible for the contracts and "
        "invitations to tender of this care group, as the Transparency Code "
        "register names it, e.g. “Adults' Health and Care”. Left empty, the "
        "locality's is used, else the council's (Settings).",
    )


class HccLocality(models.Model):
    _inherit = "hcc.locality"

    hcc_transparency_department = fields.Char(
        string="Department (Transparency Code)",
        help="The council department named in the Transparency Code register "
        "for the contracts of this locality whose care group names none. Left "
        "empty, the council's is used (Settings).",
    )


class ResCompany(models.Model):
    _inherit = "res.company"

    hcc_transparency_department = fields.Char(
        string="Department (Transparency Code)",
        help="The council department named in the Transparency Code register "
        "where neither the care group nor the locality names one, e.g. “Adults' "
        "Health and Care”.",
    )
