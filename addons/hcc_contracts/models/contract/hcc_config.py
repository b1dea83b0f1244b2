from odoo import fields, models


class HccConfigMixin(models.AbstractModel):
    """Shared shape of the small configuration lists (localities, care groups,
    service types): a name, an order, an archive flag and an optional company.
    A record without company is shared by every company of the database."""

    _name = "hcc.config.mixin"
    _description = "Social care contracts configuration list"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used on reports and in references.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text()
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty to share this entry between all companies.",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "This name is already used.",
        ),
    ]


class HccLocality(models.Model):
    _name = "hcc.locality"
    _inherit = ["hcc.config.mixin"]
    _description = "Locality"


class HccCareGroup(models.Model):
    _name = "hcc.care.group"
    _inherit = ["hcc.config.mixin"]
    _description = "Care group"


class HccServiceType(models.Model):
    _name = "hcc.service.type"
    _inherit = ["hcc.config.mixin"]
    _description = "Service type"
