from odoo import _, api, fields, models

from ...tools.roles import (
    GROUP_ADMINISTRATOR,
    GROUP_COUNTY_MANAGER,
    GROUP_FINANCE,
    GROUP_LEGAL_SERVICES,
    GROUP_SERVICE_MANAGER,
    GROUP_SUPPORT_OFFICER,
    GROUP_VIEWER,
    ROLES,
    check_role,
)

# fields of the user form through which a role is given (the groups, or the
# role drop-downs and check boxes Odoo builds from them)
ROLE_FIELD_PREFIXES = ("groups_id", "sel_groups_", "in_group_")


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
        users = super().create(vals_list)
        users._hcc_apply_home_action()
        return users

    def write(self, vals):
        roles_before = None
        if any(key.startswith(ROLE_FIELD_PREFIXES) for key in vals):
            roles_before = {user.id: user._hcc_strongest_role() for user in self}
        if "hcc_locality_ids" in vals:
            self._check_hcc_locality_admin()
        if set(vals) == {"hcc_locality_ids"} and not self.env.su:
            # An Administrator of Social Care Contracts is not necessarily an
            # administrator of users (res.users is writable by Access Rights
            # managers only): the role was checked just above and only this
            # field is written, so the superuser does exactly that and nothing
            # else.
            result = super(ResUsers, self.sudo()).write(vals)
        else:
            result = super().write(vals)
        if roles_before is not None:
            # the home goes with the role: another app's group written on a
            # user (Invoicing's on the administrator, say) changes no home
            self.filtered(
                lambda user: user._hcc_strongest_role() != roles_before[user.id]
            )._hcc_apply_home_action()
        return result

    def _hcc_strongest_role(self):
        """The XML id of the strongest role of the user (``self``, one
        record) that has a home screen, or None."""
        return next(
            (
                group
                for group, _xmlid in self._hcc_home_actions()
                if self._has_group(group)
            ),
            None,
        )

    # ------------------------------------------------------------------
    # Home action of each role
    # ------------------------------------------------------------------
    @api.model
    def _hcc_home_actions(self):
        """The screen each role opens on, the strongest role first, as
        (group XML id, action XML id). An addon gives a role another screen by
        overriding this method (the reports addon gives the County Manager the
        compliance dashboard) and calling ``_hcc_reset_home_actions`` from its
        data."""
        return [
            (GROUP_COUNTY_MANAGER, "hcc_contracts.hcc_contract_action_home_county"),
            (GROUP_SUPPORT_OFFICER, "hcc_contracts.hcc_contract_action_home_cso"),
            (GROUP_SERVICE_MANAGER, "hcc_contracts.hcc_contract_action_home_lead"),
            (GROUP_FINANCE, "hcc_contracts.hcc_contract_budget_action"),
            (GROUP_VIEWER, "hcc_contracts.hcc_contract_action_all"),
            # Legal Services work from the cases referred to them
            (GROUP_LEGAL_SERVICES, "hcc_contracts.hcc_contract_termination_action"),
        ]

    @api.model
    def _hcc_former_home_actions(self):
        """XML ids of actions that were a role's home and are no longer (an
        addon replaced them): a user who has one is moved to the new home."""
        return []

    def _hcc_role_homes(self):
        """(group XML id, action) of each role's home, the strongest first,
        and the ids of every action that is or was a role's home."""
        homes = []
        for group, xmlid in self._hcc_home_actions():
            action = self.env.ref(xmlid, raise_if_not_found=False)
            if action:
                homes.append((group, action.sudo()))
        ours = {action.id for _group, action in homes}
        for xmlid in self._hcc_former_home_actions():
            former = self.env.ref(xmlid, raise_if_not_found=False)
            if former:
                ours.add(former.id)
        return homes, ours

    def _hcc_apply_home_action(self):
        """Give each internal user the home action of their strongest role, so
        that a contracts officer opens on her work rather than on an empty
        Discuss inbox. A home action chosen by hand (one that is not a role's)
        is kept; a user who loses every role loses the role's home action."""
        homes, ours = self._hcc_role_homes()
        for user in self.sudo().filtered(lambda u: not u.share):
            if user.action_id and user.action_id.id not in ours:
                continue
            action = next((a for group, a in homes if user._has_group(group)), None)
            home = action.id if action else False
            if user.action_id.id != home:
                # the role was given by someone allowed to (or by data): the
                # superuser only records the screen that goes with it
                user.write({"action_id": home})

    @api.model
    def _hcc_reset_home_actions(self):
        """Move the users who open on a role's home to the home their role has
        now (on install and update, from data: an addon may give a role
        another screen). A home is given when a role is given to a user
        (create and write above), not to every user of the database on
        install: the administrator keeps Odoo's own home)."""
        self.sudo().with_context(active_test=False).search(
            [("share", "=", False), ("action_id", "!=", False)]
        )._hcc_apply_home_action()

    def _check_hcc_locality_admin(self):
        """Localities decide which contracts a person sees: only an
        Administrator of Social Care Contracts assigns them."""
        check_role(
            self.env, GROUP_ADMINISTRATOR, _("change the localities a person covers")
        )
