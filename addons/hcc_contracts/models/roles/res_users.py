from odoo import _, api, fields, models

from ...tools.roles import GROUP_ADMINISTRATOR, ROLES, check_role


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

    hcc_role = fields.Char(
        string="Contracts Role",
        compute="_compute_hcc_role",
        help="The highest role of this person in social care contracts; set in "
        "the Access Rights tab.",
    )

    @api.depends("groups_id")
    def _compute_hcc_role(self):
        groups = {xmlid: self.env.ref(xmlid) for xmlid in ROLES}
        for user in self:
            role = next((g for x, g in groups.items() if user._has_group(x)), None)
            user.hcc_role = role.name if role else False

    @api.model_create_multi
    def create(self, vals_list):
        if any("hcc_locality_ids" in vals for vals in vals_list):
            self._check_hcc_locality_admin()
        return super().create(vals_list)

    def write(self, vals):
        if "hcc_locality_ids" not in vals:
            return super().write(vals)
        self._check_hcc_locality_admin()
        if set(vals) == {"hcc_locality_ids"} and not self.env.su:
            # An Administrator of Social Care Contracts is not necessarily an
            # administrator of users (res.users is writable by Access Rights
            # managers only): the role was checked just above and only this
            # field is written, so the superuser does exactly that and nothing
            # else.
            return super(ResUsers, self.sudo()).write(vals)
        return super().write(vals)

    def _check_hcc_locality_admin(self):
        """Localities decide which contracts a person sees: only an
        Administrator of Social Care Contracts assigns them."""
        check_role(
            self.env, GROUP_ADMINISTRATOR, _("change the localities a person covers")
        )
