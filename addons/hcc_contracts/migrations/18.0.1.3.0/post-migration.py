from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """A person's rights are those of their role: Odoo's "Default Access
    Rights" is turned off, as on a new installation (see
    ``security/hcc_contracts_groups.xml``), so that an app installed later
    gives its rights to nobody."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ir.config_parameter"].set_param("base_setup.default_user_rights", False)
