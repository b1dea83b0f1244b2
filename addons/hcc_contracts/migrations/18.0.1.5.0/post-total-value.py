from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The annual value over the term counts whole years and months as such
    (leap days no longer add to it): recompute it for every contract."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    contracts = env["hcc.contract"].with_context(active_test=False).search([])
    env.add_to_compute(contracts._fields["total_value"], contracts)
    contracts.flush_recordset(["total_value"])
