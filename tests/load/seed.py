"""Seed a county-scale database for the load test (tests/load/run_load.py).

Installs the addons (portal included) in a fresh database and reuses the
benchmark's seeding (tests/benchmark/bench.py: contracts with meetings,
actions and twelve monthly returns, one in ``--work-every`` with work for the
daily crons), then adds what the load needs: a password for the Service
Managers the benchmark created, Contract Support Officers, a County Manager,
Finance officers, one portal user per provider with an expected return and a
due survey per contract, and writes the logins and record ids to a JSON file
the Locust users read.
"""

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmark"))

import bench  # noqa: E402 (the benchmark's seeding, next to this folder)

PASSWORD = "load-test"  # noqa: S105 (a throwaway database on this machine)
MODULES = bench.MODULES + ",hcc_contracts_portal"


def install(db, addons_path):
    subprocess.run(["dropdb", "--if-exists", db], check=True)
    subprocess.run(
        [
            sys.executable,
            str(bench.ODOO_ROOT / "odoo-bin"),
            "-d",
            db,
            "-i",
            MODULES,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            f"--addons-path={addons_path}",
        ],
        check=True,
    )


def _users(env, prefix, count, groups, **vals):
    return (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True)
        .create(
            [
                {
                    "name": f"Load {prefix} {i}",
                    "login": f"load_{prefix}_{i}",
                    "groups_id": [(6, 0, groups.ids)],
                    **vals,
                }
                for i in range(count)
            ]
        )
    )


def people(env, seeder, providers):
    """Users of each role, all with the same password (hashed once)."""
    ref = env.ref
    user = ref("base.group_user")
    localities = seeder.localities
    csos = _users(
        env,
        "cso",
        4,
        user | ref("hcc_contracts.group_support_officer"),
        hcc_locality_ids=[(6, 0, localities.ids)],
    )
    cms = _users(env, "cm", 1, user | ref("hcc_contracts.group_county_manager"))
    finance = _users(env, "finance", 2, user | ref("hcc_contracts.group_finance"))
    company = env.company
    company.hcc_county_manager_id = cms
    portal = ref("base.group_portal")
    portal_users = env["res.users"]
    for i, provider in enumerate(providers):
        contact = env["res.partner"].create(
            {"name": f"Load Contact {i}", "parent_id": provider.id, "type": "contact"}
        )
        portal_users |= (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": f"load_provider_{i}",
                    "partner_id": contact.id,
                    "groups_id": [(6, 0, portal.ids)],
                }
            )
        )
    everyone = seeder.officers | csos | cms | finance | portal_users
    seeder.officers[0].password = PASSWORD
    env.flush_all()
    env.cr.execute(
        "UPDATE res_users SET password = (SELECT password FROM res_users WHERE id = %s)"
        " WHERE id = ANY(%s)",
        [seeder.officers[0].id, everyone.ids],
    )
    return {
        "service_manager": seeder.officers.mapped("login"),
        "support_officer": csos.mapped("login"),
        "county_manager": cms.mapped("login"),
        "finance": finance.mapped("login"),
        "provider": portal_users.mapped("login"),
    }


def provider_work(env, providers):
    """Per provider login: its expected returns and a due survey per contract."""
    Survey = env["hcc.satisfaction.survey"]
    work = {}
    for i, provider in enumerate(providers):
        contracts = env["hcc.contract"].search([("partner_id", "=", provider.id)])
        surveys = Survey.create(
            [Survey._prepare_survey_vals(contract, 1) for contract in contracts]
        )
        returns = env["hcc.data.return"].search(
            [("contract_id", "in", contracts.ids), ("state", "=", "expected")]
        )
        work[f"load_provider_{i}"] = {
            "returns": returns.ids,
            "surveys": surveys.ids,
            "contracts": contracts.ids,
        }
    return work


def main():
    import argparse  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="hcc_load")
    parser.add_argument("--contracts", type=int, default=5000)
    parser.add_argument("--providers", type=int, default=200)
    parser.add_argument("--work-every", type=int, default=50)
    parser.add_argument("--out", default=str(HERE / "load_data.json"))
    parser.add_argument(
        "--addons-path",
        default=f"{bench.ODOO_ROOT}/addons,{bench.REPO}/addons",
    )
    args = parser.parse_args()
    install(args.db, args.addons_path)
    sys.path.insert(0, str(bench.ODOO_ROOT))
    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        [f"--addons-path={args.addons_path}", "--log-level=warn", "-d", args.db]
    )
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(
            cr,
            odoo.SUPERUSER_ID,
            {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True},
        )
        seeder = bench.Seeder(env, args.work_every)
        seeder.masters()
        seeder.seed(args.contracts)
        env = env(context={"tracking_disable": True})
        providers = seeder.providers[: args.providers]
        data = {"password": PASSWORD, "logins": people(env, seeder, providers)}
        data["work"] = provider_work(env, providers)
        data["locality_ids"] = seeder.localities.ids
        # a working day, not the first day: the RAG status of the contracts
        # was checked recently, except one in --work-every (the day's work)
        cr.execute(
            "UPDATE hcc_contract SET rag_recheck_date = current_date + 1 + id %% 28"
            " WHERE id %% %s != 0",
            [args.work_every],
        )
        cr.commit()
    Path(args.out).write_text(json.dumps(data))
    print(f"Seeded {args.db}: {args.contracts} contracts; users in {args.out}")


if __name__ == "__main__":
    main()
