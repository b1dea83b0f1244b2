from odoo import fields, models

# recorded or not: a blank is "nobody recorded it", never "No"
YES_NO = [("yes", "Yes"), ("no", "No")]


class ResPartner(models.Model):
    """What the Local Government Transparency Code 2015 publishes about a
    supplier besides its name and Companies House number (``company_registry``):
    its charity number and whether it is an SME or a voluntary or community
    sector organisation (VCSE), each Yes, No, or blank while nobody recorded
    it."""

    _inherit = "res.partner"

    hcc_charity_number = fields.Char(
        string="Charity Number",
        help="Number in the register of the Charity Commission (or the Scottish "
        "or Northern Ireland regulator).",
    )
    hcc_is_sme = fields.Selection(
        YES_NO,
        string="SME",
        help="A small or medium-sized enterprise: fewer than 250 staff, and a "
        "turnover of at most €50 million or a balance sheet of at most €43 "
        "million. Left blank while not known: the Transparency Code register "
        "then leaves it blank too.",
    )
    hcc_is_vcse = fields.Selection(
        YES_NO,
        string="VCSE",
        help="A voluntary, community or social enterprise organisation (a "
        "charity, a community interest company, a mutual...). Left blank while "
        "not known: the Transparency Code register then leaves it blank too.",
    )
