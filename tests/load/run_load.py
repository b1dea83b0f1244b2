#!/usr/bin/env python3
"""Load and fault test of a county's working day (not part of tests/run.sh).

From the repository root, once the database is seeded (tests/load/seed.py)::

    python3 tests/load/run_load.py --db hcc_load --users 50 --duration 300 \\
        --faults [--restart-postgres]

1. makes every daily cron of the addons due now (they run during the load);
2. starts Odoo in prefork mode (``--workers=4 --max-cron-threads=1``);
3. runs Locust headless (tests/load/locustfile.py, in a virtual environment
   of its own with tests/load/requirements.txt: Locust's dependencies are not
   Odoo's) with ``--users`` users for ``--duration`` seconds;
4. with ``--faults``, mid-run: kills one HTTP worker (SIGKILL), then the cron
   worker, and with ``--restart-postgres`` restarts PostgreSQL
   (``pg_ctlcluster``: every database of the cluster loses its connections,
   so not on a machine others are testing on);
5. waits for the crons to finish, stops Odoo, and prints requests per second,
   p50/p95/p99 per kind of request, errors by kind and by fault window, and a
   reconciliation: every acknowledged submission is in the database exactly
   once, no duplicate activity or return exists, every cron finished.

Exit status 1 when the reconciliation fails.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import psycopg2

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
ODOO_ROOT = Path(os.environ.get("ODOO_ROOT", "/opt/odoo18"))
CRONS = "Social Care Contracts:%"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="hcc_load")
    parser.add_argument("--data", default=str(HERE / "load_data.json"))
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--duration", type=int, default=300, help="seconds")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument("--faults", action="store_true")
    parser.add_argument("--restart-postgres", action="store_true")
    parser.add_argument("--pg-cluster", default="15 main")
    parser.add_argument("--cron-wait", type=int, default=900, help="seconds")
    parser.add_argument(
        "--limit-time-real-cron",
        type=int,
        help="Odoo's watchdog of the cron worker, in seconds (default: Odoo's, "
        "limit_time_real, 120 s); 0 for none",
    )
    parser.add_argument(
        "--report-only",
        metavar="SINCE",
        help="only print the report of the run started at SINCE (UTC, as in "
        "the database) whose output is in --out",
    )
    parser.add_argument("--venv", default="/tmp/hcc_locust_venv")
    parser.add_argument("--out", default="/tmp/hcc_load_out")
    parser.add_argument("--addons-path", default=f"{ODOO_ROOT}/addons,{REPO}/addons")
    return parser.parse_args()


def connect(db):
    for _try in range(60):
        try:
            conn = psycopg2.connect(dbname=db)
            conn.autocommit = True
            return conn
        except psycopg2.OperationalError:
            time.sleep(1)
    raise SystemExit(f"cannot connect to {db}")


def query(db, sql, params=None):
    conn = connect(db)
    try:
        with conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall() if cr.description else []
    finally:
        conn.close()


def locust_bin(venv):
    venv = Path(venv)
    if not (venv / "bin" / "locust").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [
                str(venv / "bin" / "pip"),
                "install",
                "-q",
                "-r",
                str(HERE / "requirements.txt"),
            ],
            check=True,
        )
    return str(venv / "bin" / "locust")


def start_odoo(args, out):
    log = open(out / "odoo.log", "w", encoding="utf-8")  # noqa: SIM115
    process = subprocess.Popen(  # pylint: disable=consider-using-with
        [
            sys.executable,
            str(ODOO_ROOT / "odoo-bin"),
            "-d",
            args.db,
            f"--db-filter=^{args.db}$",
            f"--addons-path={args.addons_path}",
            f"--workers={args.workers}",
            "--max-cron-threads=1",
            f"--http-port={args.port}",
            "--log-level=warn",
            # each cron call's progress, and the jobs left to the next pass
            "--log-handler=odoo.addons.base.models.ir_cron:INFO",
            "--log-handler=odoo.addons.hcc_contracts.models.hcc_scheduler:INFO",
            "--limit-time-real=120",
            *(
                [f"--limit-time-real-cron={args.limit_time_real_cron}"]
                if args.limit_time_real_cron is not None
                else []
            ),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{args.port}/web/login"
    for _try in range(120):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(1)
    process.kill()
    raise SystemExit("Odoo did not start: see odoo.log")


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def listening_inode(port):
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
            return fields[9]
    return None


def workers(master, port):
    """``(http workers, cron workers)``: the cron worker closed the listening
    socket its parent gave it, the HTTP workers keep it."""
    inode = listening_inode(port)
    http, cron = [], []
    for pid in children(master):
        try:
            links = {os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()}
        except OSError:
            continue
        (http if f"socket:[{inode}]" in links else cron).append(pid)
    return http, cron


def faults(args, master, start, events):
    def at(fraction):
        time.sleep(max(0.0, start + args.duration * fraction - time.time()))
        (Path(args.out) / "faults.json").write_text(json.dumps(events))

    at(0.35)
    http, _cron = workers(master.pid, args.port)
    if http:
        os.kill(http[0], signal.SIGKILL)
        events.append(("kill an HTTP worker", time.time(), time.time()))
    at(0.5)
    _http, cron = workers(master.pid, args.port)
    if cron:
        os.kill(cron[0], signal.SIGKILL)
        events.append(("kill the cron worker", time.time(), time.time()))
    if args.restart_postgres:
        at(0.65)
        began = time.time()
        subprocess.run(
            ["pg_ctlcluster", *args.pg_cluster.split(), "restart"], check=False
        )
        events.append(("restart PostgreSQL", began, time.time()))
    (Path(args.out) / "faults.json").write_text(json.dumps(events))


def stop_odoo(master):
    """Stop Odoo as an administrator would: SIGTERM lets the workers finish
    their requests; a second one, a minute later, stops a cron worker still
    busy with a long job (no watchdog with --limit-time-real-cron 0)."""
    for sig in (signal.SIGTERM, signal.SIGTERM, signal.SIGKILL):
        master.send_signal(sig)
        try:
            master.wait(60)
            return
        except subprocess.TimeoutExpired:
            continue


# a cron still has work: not rescheduled for its next day yet, or asked for
# again (a job left to the cron worker's next pass is rescheduled by Odoo and
# triggered for that pass), or its last call reported records remaining
UNFINISHED = """
    SELECT c.id FROM ir_cron c
     WHERE c.cron_name LIKE %(crons)s AND c.active
       AND (c.nextcall <= %(since)s
            OR EXISTS (SELECT 1 FROM ir_cron_trigger t WHERE t.cron_id = c.id)
            OR (SELECT remaining FROM ir_cron_progress p WHERE p.cron_id = c.id
                 ORDER BY p.id DESC LIMIT 1) > 0)
"""


def wait_for_crons(args, since):
    """Every cron of the addons has done the day's work (see UNFINISHED)."""
    deadline = time.time() + args.cron_wait
    while time.time() < deadline:
        if not query(args.db, UNFINISHED, {"crons": CRONS, "since": since}):
            return True
        time.sleep(5)
    return False


def report_locust(out, duration):
    print("\n== Requests (Locust)")
    rows = list(csv.DictReader(open(out / "locust_stats.csv", encoding="utf-8")))
    head = ("count", "fail", "req/s", "p50", "p95", "p99")
    print(f"{'kind':32} " + " ".join(f"{h:>7}" for h in head))
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(
            f"{name[:32]:32} {row['Request Count']:>7} {row['Failure Count']:>7} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>7} {row['95%']:>7} "
            f"{row['99%']:>7}"
        )
    return rows


def report_errors(out, fault_events):
    print("\n== Errors by kind")
    path = out / "errors.jsonl"
    errors = [json.loads(line) for line in open(path)] if path.exists() else []
    by_kind = {}
    for error in errors:
        key = (error["name"], error["status"], error["error"][:80])
        by_kind[key] = by_kind.get(key, 0) + 1
    for (name, status, text), count in sorted(by_kind.items(), key=lambda i: -i[1]):
        print(f"{count:6}  {name}  HTTP {status}  {text}")
    print("\n== Errors around each fault (from 2 s before to 30 s after)")
    claimed = set()
    for label, began, ended in fault_events:
        window = [i for i, e in enumerate(errors) if began - 2 <= e["t"] <= ended + 30]
        claimed.update(window)
        statuses = {}
        for i in window:
            statuses[errors[i]["status"]] = statuses.get(errors[i]["status"], 0) + 1
        print(
            f"{label} at {time.strftime('%H:%M:%S', time.localtime(began))}"
            f" ({ended - began:.1f} s): {len(window)} errors {statuses}"
        )
    outside = [e for i, e in enumerate(errors) if i not in claimed]
    server = [e for e in outside if e["status"] >= 500 or e["status"] == 0]
    print(
        f"outside the fault windows: {len(outside)} errors, {len(server)} 5xx or "
        "connection errors"
    )
    return outside, server


def reconcile(args, out, since, crons_done):
    print("\n== Reconciliation")
    path = out / "acks.jsonl"
    acks = [json.loads(line) for line in open(path)] if path.exists() else []
    ok = True
    for kind, model, table, text in (
        (
            "return",
            "hcc.data.return",
            "hcc_data_return",
            "%submitted through the portal%",
        ),
        (
            "survey",
            "hcc.satisfaction.survey",
            "hcc_satisfaction_survey",
            "%Survey results submitted through the portal%",
        ),
    ):
        ids = [a["id"] for a in acks if a["kind"] == kind]
        dupes = len(ids) - len(set(ids))
        rows = dict(
            query(
                args.db,
                "SELECT res_id, count(*) FROM mail_message WHERE model = %s"
                " AND res_id = ANY(%s) AND body LIKE %s GROUP BY res_id",
                [model, ids, text],
            )
        )
        states = dict(
            query(args.db, f"SELECT id, state FROM {table} WHERE id = ANY(%s)", [ids])  # noqa: S608
        )
        missing = [
            i
            for i in set(ids)
            if rows.get(i) != 1 or states.get(i) in (None, "expected", "due")
        ]
        print(
            f"{kind}s acknowledged: {len(ids)} ({dupes} acknowledged twice); "
            f"not in the database exactly once: {len(missing)}"
        )
        ok &= not missing and not dupes
        if not ids:
            # providers ran: a kind never acknowledged means the script's
            # data or the portal refused every submission
            print(f"  no {kind} was acknowledged: the submissions did not get through")
            ok = False
    checks = {
        "duplicate open activities": """
            SELECT count(*) FROM (SELECT 1 FROM mail_activity
             GROUP BY res_model, res_id, activity_type_id, user_id
            HAVING count(*) > 1) d""",
        "duplicate returns (contract, period)": """
            SELECT count(*) FROM (SELECT 1 FROM hcc_data_return
             GROUP BY contract_id, date_from HAVING count(*) > 1) d""",
        "duplicate surveys (contract, year)": """
            SELECT count(*) FROM (SELECT 1 FROM hcc_satisfaction_survey
             GROUP BY contract_id, survey_year HAVING count(*) > 1) d""",
        "contracts with two open reviews": """
            SELECT count(*) FROM (SELECT 1 FROM hcc_contract_review
             WHERE state NOT IN ('done', 'cancelled')
             GROUP BY contract_id HAVING count(*) > 1) d""",
    }
    for label, sql in checks.items():
        count = query(args.db, sql)[0][0]
        print(f"{label}: {count}")
        ok &= count == 0
    print("crons (nextcall, failures, last progress done/remaining):")
    unfinished = {
        row[0] for row in query(args.db, UNFINISHED, {"crons": CRONS, "since": since})
    }
    for cron_id, name, nextcall, failures, done, remaining in query(
        args.db,
        """
        SELECT c.id, c.cron_name, c.nextcall, c.failure_count, p.done, p.remaining
          FROM ir_cron c
          LEFT JOIN LATERAL (SELECT done, remaining FROM ir_cron_progress
                              WHERE cron_id = c.id ORDER BY id DESC LIMIT 1) p ON true
         WHERE c.cron_name LIKE %s ORDER BY c.id
        """,
        [CRONS],
    ):
        # the day's work done, not after failures (Odoo reschedules a failed
        # job for its next day too)
        finished = cron_id not in unfinished and not failures
        print(
            f"  {'ok ' if finished else 'NOT FINISHED'} {name[23:]:<70} next "
            f"{nextcall:%d/%m %H:%M}, failures {failures}, last call {done}/{remaining}"
        )
        ok &= finished
    log = (out / "odoo.log").read_text(encoding="utf-8", errors="replace")
    kills = sum(
        "WorkerCron (" in line and "timeout after" in line for line in log.splitlines()
    )
    deferred = log.count("to the next pass of the cron worker")
    print(f"cron worker killed by its watchdog: {kills}")
    print(f"jobs left to the worker's next pass: {deferred}")
    print(f"every cron finished: {crons_done}")
    return ok and crons_done


def main():
    args = parse_args()
    out = Path(args.out)
    if args.report_only:
        path = out / "faults.json"
        fault_events = json.loads(path.read_text()) if path.exists() else []
        report_locust(out, args.duration)
        report_errors(out, fault_events)
        since = query(args.db, "SELECT %s::timestamp", [args.report_only])[0][0]
        ok = reconcile(args, out, since, wait_for_crons(args, since))
        print("\nRECONCILIATION:", "PASS" if ok else "FAIL")
        sys.exit(0 if ok else 1)
    out.mkdir(parents=True, exist_ok=True)
    (out / "faults.json").unlink(missing_ok=True)
    for name in ("acks.jsonl", "errors.jsonl"):
        (out / name).unlink(missing_ok=True)
    locust = locust_bin(args.venv)
    since = query(args.db, "SELECT now() AT TIME ZONE 'UTC'")[0][0]
    query(
        args.db,
        "UPDATE ir_cron SET nextcall = %s WHERE cron_name LIKE %s",
        [since, CRONS],
    )
    master = start_odoo(args, out)
    fault_events = []
    try:
        start = time.time()
        if args.faults:
            threading.Thread(
                target=faults, args=(args, master, start, fault_events), daemon=True
            ).start()
        env = dict(
            os.environ,
            HCC_LOAD_DATA=args.data,
            HCC_LOAD_DB=args.db,
            HCC_LOAD_ACKS=str(out / "acks.jsonl"),
            HCC_LOAD_ERRORS=str(out / "errors.jsonl"),
        )
        subprocess.run(
            [
                locust,
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.duration}s",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(out / "locust"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            check=False,
        )
        crons_done = wait_for_crons(args, since)
    finally:
        stop_odoo(master)
    print(
        f"\nOdoo prefork: --workers={args.workers} --max-cron-threads=1; "
        f"{args.users} users for {args.duration} s; faults: {fault_events or 'none'}"
    )
    report_locust(out, args.duration)
    report_errors(out, fault_events)
    ok = reconcile(args, out, since, crons_done)
    print("\nRECONCILIATION:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
