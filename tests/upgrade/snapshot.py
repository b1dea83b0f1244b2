"""The figures a council reads, as one JSON file: run inside ``odoo-bin shell``
before an upgrade and after it, then compared by ``compare.py``.

    odoo-bin shell -d DB --no-http < tests/upgrade/snapshot.py

The output path is read from HCC_SNAPSHOT. Written for every release since
the first one: a field or model that a release does not have is left out,
never an error, so the same script reads the old code and the new.
"""

import hashlib
import json
import os

# env is given by odoo-bin shell
env = env  # noqa: F821, PLW0127  (the shell's global)

CONTRACT_FIGURES = [
    # signed terms and the values worked out from them
    "state",
    "date_start",
    "date_end",
    "annual_value",
    "total_value",
    "unit_price",
    "commissioned_volume",
    # RAG (procedure 12)
    "rag_status",
    # value for money of the financial year to date (6.3)
    "vfm_period_cost",
    "vfm_data_cost",
    "vfm_expected_units",
    "vfm_delivered_units",
    "vfm_utilisation",
    "vfm_unit_cost_delivered",
    # bills (hcc_contracts_account)
    "hcc_bill_count",
    "hcc_billed_amount",
    "hcc_paid_amount",
    "hcc_outstanding_amount",
]
COMPLIANCE_FIGURES = [
    "state",
    "supervision_sessions",
    "supervision_expected",
    "meetings_documented",
    "meetings_expected",
    "budget_assessed",
    "standards_met",
    "standards_count",
    "compliance_rate",
]


def plain(value):
    if hasattr(value, "_name"):  # a record: its display name
        return value.display_name or False
    if isinstance(value, float):
        return round(value, 2)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def figures(records, names):
    present = [name for name in names if name in records._fields]
    return {
        f"{record._name},{record.display_name}": {
            name: plain(record[name]) for name in present
        }
        for record in records
    }


def rows():
    """Rows per table of the addons' models, archived ones included."""
    counts = {}
    for name, model in env.registry.items():
        if not (name.startswith("hcc.") or name in ("account.move", "ir.attachment")):
            continue
        if model._abstract or model._transient or not model._auto:
            continue
        counts[name] = env[name].sudo().with_context(active_test=False).search_count([])
    counts["mail.message on hcc records"] = (
        env["mail.message"].sudo().search_count([("model", "=like", "hcc.%")])
    )
    return counts


def documents():
    """Every file on a record of the addons (letters, filed documents,
    evidence), by id, with the SHA-1 of what the filestore returns: a file
    lost or changed shows."""
    attachments = (
        env["ir.attachment"]
        .sudo()
        .with_context(active_test=False)
        .search([("res_model", "=like", "hcc.%")])
    )
    return {
        f"{att.id} {att.res_model},{att.res_id} {att.name}": hashlib.sha1(
            att.raw or b""
        ).hexdigest()
        for att in attachments
    }


def evidence():
    """The evidence trail of each contract (9.1): how many entries."""
    if "hcc.contract.evidence" not in env:
        return {}
    groups = (
        env["hcc.contract.evidence"]
        .sudo()
        ._read_group([], ["contract_id"], ["__count"])
    )
    return {contract.display_name: count for contract, count in groups}


contracts = env["hcc.contract"].sudo().with_context(active_test=False).search([])
modules = (
    env["ir.module.module"]
    .sudo()
    .search([("name", "=like", "hcc_contracts%"), ("state", "=", "installed")])
)
snapshot = {
    "versions": {module.name: module.latest_version for module in modules},
    "rows": rows(),
    "contracts": figures(contracts, CONTRACT_FIGURES),
    "documents": documents(),
    "evidence": evidence(),
}
if "hcc.compliance.report" in env:
    snapshot["compliance"] = figures(
        env["hcc.compliance.report"].sudo().search([]), COMPLIANCE_FIGURES
    )
with open(os.environ["HCC_SNAPSHOT"], "w", encoding="utf-8") as out:
    json.dump(snapshot, out, indent=1, sort_keys=True)
print("snapshot written:", os.environ["HCC_SNAPSHOT"], len(contracts), "contracts")
