from . import models
from . import wizard


def post_init_hook(env):
    """Installing Invoicing changes nobody's role (res_users.py)."""
    env["res.users"]._hcc_keep_accounting_to_roles()
