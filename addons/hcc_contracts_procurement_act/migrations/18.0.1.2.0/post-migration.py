from odoo import SUPERUSER_ID, api

WITHDRAWN_REASON = (
    "Find a Tender has no separate notice for the copy of a contract: it is the "
    "signed-contract document of the contract details notice (UK7)."
)


def migrate(cr, version):
    """Notices as Find a Tender publishes them (issue 38): the "publication of
    the contract" notices still to publish are closed as not required, with
    the reason, and their reminders marked done (the published ones stay as
    the record of what was published); the setting of an ocid prefix under
    Find a Tender's own goes, since Find a Tender assigns the ocid."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    withdraw_publication_notices(env)
    env["ir.config_parameter"].search(
        [("key", "=", "hcc_contracts_procurement_act.ocds_ocid_prefix")]
    ).unlink()


def withdraw_publication_notices(env):
    notices = env["hcc.statutory.notice"].search(
        [
            ("notice_kind", "=", "contract_publication"),
            ("state", "in", ("due", "prepared")),
        ]
    )
    notices.write({"state": "not_required", "not_required_reason": WITHDRAWN_REASON})
    notices._close_due_activities(WITHDRAWN_REASON)
    return notices
