from odoo import fields, models


class ResPartner(models.Model):
    """What the Local Government Transparency Code 2015 publishes about a
    supplier besides its name and Companies House number (``company_registry``):
    its charity number and whether it is an SME or a voluntary or community
    sector organisation (VCSE)."""

    _inherit = "res.partner"

    hcc_charity_number = fields.Char(
        string="Charity Number",
        help="Number in the register of the Charity Commission (or the Scottish "
        "or Northern Ireland regulator).",
    )
    hcc_is_sme = fields.Boolean(
        string="SME",
        help="A small or medium-sized enterprise: fewer than 250 staff, and a "
        "turnover of at most €50 million or a balance sheet of at most €43 "
        "million.",
    )
    hcc_is_vcse = fields.Boolean(
        string="VCSE",
        help="A voluntary, community or social enterprise organisation.",
    )
