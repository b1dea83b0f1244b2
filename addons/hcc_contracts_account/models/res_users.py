import logging

from odoo import Command, api, models

from odoo.addons.hcc_contracts.tools.roles import GROUP_FINANCE, ROLES

_logger = logging.getLogger(__name__)

INVOICING = "account.group_account_invoice"
# Invoicing's groups above Finance's (the administrator implies the others,
# and Odoo links implied groups to the user: each is taken off on its own)
ACCOUNTING_ABOVE_ROLES = (
    "account.group_account_manager",
    "account.group_account_user",
    "account.group_account_basic",
    "account.group_account_readonly",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _hcc_keep_accounting_to_roles(self):
        """A person's rights are those of their role (Appendix A). Odoo's
        Invoicing puts its administrator group on the template of new users
        and, with *Default Access Rights* on (Odoo's default), on every
        employee when it is installed. The template loses Invoicing's groups,
        and the holders of a role who are not Settings administrators lose
        Invoicing's groups, but the Invoicing group itself when their role is
        Finance. Run when this addon is installed and by its migration."""
        above = self.env["res.groups"].browse(
            [self.env.ref(xmlid).id for xmlid in ACCOUNTING_ABOVE_ROLES]
        )
        invoice = self.env.ref(INVOICING)
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if template:
            template.sudo().write(
                {"groups_id": [Command.unlink(g.id) for g in above | invoice]}
            )
        roles = self.env["res.groups"].browse(
            [self.env.ref(xmlid).id for xmlid in ROLES]
        )
        users = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("share", "=", False),
                    ("groups_id", "in", roles.ids),
                    ("groups_id", "not in", self.env.ref("base.group_system").ids),
                    ("groups_id", "in", (above | invoice).ids),
                ]
            )
        )
        for user in users:
            revoke = above if user._has_group(GROUP_FINANCE) else above | invoice
            user.write({"groups_id": [Command.unlink(group.id) for group in revoke]})
            _logger.info(
                "Social Care Contracts: %s no longer holds %s (rights of their role)",
                user.login,
                ", ".join(revoke.mapped("full_name")),
            )
