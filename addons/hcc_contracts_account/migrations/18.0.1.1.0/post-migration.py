import logging

from odoo import SUPERUSER_ID, Command, api

from odoo.addons.hcc_contracts.tools.roles import GROUP_FINANCE, ROLES

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    """Issue 37: where Invoicing was installed after Social Care Contracts,
    Odoo's "Default Access Rights" gave every member of staff Invoicing's
    administrator group (and with it the right to draft and post bills). A
    person's rights are those of their role (Appendix A): the holders of a
    role who are not Settings administrators lose the administrator group,
    and the Invoicing group unless their role is Finance; the template of
    new users loses both."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    manager = env.ref("account.group_account_manager")
    invoice = env.ref("account.group_account_invoice")
    template = env.ref("base.default_user", raise_if_not_found=False)
    if template:
        template.write(
            {"groups_id": [Command.unlink(manager.id), Command.unlink(invoice.id)]}
        )
    roles = env["res.groups"].browse([env.ref(xmlid).id for xmlid in ROLES])
    users = (
        env["res.users"]
        .with_context(active_test=False)
        .search(
            [
                ("share", "=", False),
                ("groups_id", "in", roles.ids),
                ("groups_id", "not in", env.ref("base.group_system").ids),
                ("groups_id", "in", (manager | invoice).ids),
            ]
        )
    )
    for user in users:
        revoke = manager if user._has_group(GROUP_FINANCE) else manager | invoice
        user.write({"groups_id": [Command.unlink(group.id) for group in revoke]})
        _logger.info(
            "Social Care Contracts: %s no longer holds %s (rights of their role)",
            user.login,
            ", ".join(revoke.mapped("full_name")),
        )
