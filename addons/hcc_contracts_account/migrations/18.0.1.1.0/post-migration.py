from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Issue 37: where Invoicing was installed after Social Care Contracts,
    Odoo's "Default Access Rights" gave every member of staff Invoicing's
    administrator group: the holders of a role keep only the accounting
    rights of their role (``res.users._hcc_keep_accounting_to_roles``)."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.users"]._hcc_keep_accounting_to_roles()
