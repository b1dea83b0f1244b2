#!/usr/bin/env python3
"""Two Odoo servers on one PostgreSQL database and one shared data directory,
as the README's "more than one machine" describes, tested with real HTTP.

    python3 tests/two_servers.py --db DB --addons-path PATH --data-dir DIR \\
        [--user LOGIN ...] -- python3 /path/to/odoo-bin

On a database with the demo data (its officers log in with their login as
password), it starts two servers (threaded, one cron thread each) and shows:

1. sessions survive moving from one server to the other: each officer logs in
   on the first and goes on working on the second, with the same session;
2. a file uploaded through one server (a document filed on a contract) is
   served, byte for byte, by the other;
3. the daily crons of the addons, made due and both servers woken, each run
   to completion exactly once between the two ("Job ... completed" in one
   server's log only), none failed, and neither server logged an error.

Exit status 1 when any of these fails. Used by tests/run.sh (step 8c).
"""

import argparse
import base64
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg2
import requests

CRONS = "Social Care Contracts:%"
USERS = ["sarah.mitchell", "david.okafor", "helen.carter"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--logs", default=".", help="folder for the servers' logs")
    parser.add_argument("--user", action="append", help="logins (default: 3 officers)")
    parser.add_argument("--cron-wait", type=int, default=600, help="seconds")
    parser.add_argument(
        "odoo", nargs=argparse.REMAINDER, help="after --: the command that runs Odoo"
    )
    args = parser.parse_args()
    args.odoo = [part for part in args.odoo if part != "--"] or ["odoo"]
    return args


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args, name):
    port = free_port()
    log = Path(args.logs) / f"server_{name}.log"
    command = [
        *args.odoo,
        f"--addons-path={args.addons_path}",
        f"--data-dir={args.data_dir}",
        "-d",
        args.db,
        f"--db-filter=^{re.escape(args.db)}$",
        f"--http-port={port}",
        f"--gevent-port={free_port()}",
        "--workers=0",
        "--max-cron-threads=1",
        "--log-level=info",
        f"--logfile={log}",
    ]
    for var in ("db_host", "db_port", "db_user", "db_password"):
        value = os.environ.get(f"PG{var[3:].upper()}")
        if value:
            command.append(f"--{var}={value}")
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    for _try in range(120):
        try:
            if requests.get(f"{url}/web/health", timeout=30).status_code == 200:
                return process, url, log
        except requests.RequestException:
            pass
        if process.poll() is not None:
            break
        time.sleep(1)
    process.kill()
    process.wait()
    raise SystemExit(f"server {name} did not start: see {log}")


def rpc(session, url, route, params):
    response = session.post(
        f"{url}{route}",
        json={"jsonrpc": "2.0", "method": "call", "params": params},
        timeout=120,
    )
    response.raise_for_status()
    body = response.json()
    if "error" in body:
        raise RuntimeError(f"{route}: {body['error']['data']['message']}")
    return body["result"]


def call_kw(session, url, model, method, args, kwargs=None):
    return rpc(
        session,
        url,
        "/web/dataset/call_kw",
        {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
    )


def check_sessions_and_files(args, url_a, url_b):
    problems = []
    for number, login in enumerate(args.user or USERS):
        first, second = (url_a, url_b) if number % 2 == 0 else (url_b, url_a)
        session = requests.Session()
        info = rpc(
            session,
            first,
            "/web/session/authenticate",
            {"db": args.db, "login": login, "password": login},
        )
        moved = rpc(session, second, "/web/session/get_session_info", {})
        contracts = call_kw(
            session, second, "hcc.contract", "search_read", [[]], {"fields": ["name"]}
        )
        print(
            f"{login}: logged in on {first}, uid {info['uid']}; on {second} the "
            f"same session is uid {moved['uid']} and reads {len(contracts)} contracts"
        )
        if moved["uid"] != info["uid"] or not contracts:
            problems.append(f"{login}: the session did not survive the move")
            continue
        content = f"Minutes filed by {login} through {first}\n".encode() * 50
        attachment_id = call_kw(
            session,
            first,
            "ir.attachment",
            "create",
            [
                {
                    "name": f"Minutes from {login}.txt",
                    "datas": base64.b64encode(content).decode(),
                    "res_model": "hcc.contract",
                    "res_id": contracts[0]["id"],
                    "mimetype": "text/plain",
                }
            ],
        )
        served = session.get(
            f"{second}/web/content/{attachment_id}?download=true", timeout=60
        )
        same = served.status_code == 200 and served.content == content
        print(
            f"  file {attachment_id} ({len(content)} bytes) uploaded through {first}, "
            f"served by {second}: HTTP {served.status_code}, "
            f"{'the same bytes' if same else 'NOT the same bytes'}"
        )
        if not same:
            problems.append(f"{login}: file {attachment_id} not served by {second}")
    return problems


def run_crons_once(args, logs):
    problems = []
    with psycopg2.connect(dbname=args.db) as conn, conn.cursor() as cr:
        cr.execute(
            "UPDATE ir_cron SET nextcall = (now() at time zone 'UTC') - interval "
            "'1 minute' WHERE cron_name LIKE %s AND active RETURNING id, cron_name",
            [CRONS],
        )
        due = dict(cr.fetchall())
    with psycopg2.connect(dbname="postgres") as conn, conn.cursor() as cr:
        cr.execute("SELECT pg_notify('cron_trigger', %s)", [args.db])
    print(f"{len(due)} daily crons made due; both servers' cron threads woken")
    deadline = time.monotonic() + args.cron_wait
    completed = {}
    while time.monotonic() < deadline:
        completed = {}
        for name, log in logs.items():
            for job_id in re.findall(r"Job '.*' \((\d+)\) completed", log.read_text()):
                completed.setdefault(int(job_id), []).append(name)
        if all(job_id in completed for job_id in due):
            break
        time.sleep(2)
    for name, log in logs.items():
        for line in log.read_text().splitlines():
            if re.match(r"\S+ \S+ \d+ (ERROR|CRITICAL) ", line):
                problems.append(f"server {name}: {line}")
    for job_id, cron_name in sorted(due.items()):
        servers = completed.get(job_id, [])
        print(f"  {cron_name}: completed on {', '.join(servers) or 'no server'}")
        if len(servers) != 1:
            problems.append(f"cron {cron_name} completed {len(servers)} times")
    with psycopg2.connect(dbname=args.db) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT cron_name FROM ir_cron WHERE id IN %s AND failure_count > 0",
            [tuple(due)],
        )
        problems += [f"cron {name} failed" for (name,) in cr.fetchall()]
    return problems


def main():
    args = parse_args()
    Path(args.logs).mkdir(parents=True, exist_ok=True)
    servers = {}
    try:
        for name in ("A", "B"):
            servers[name] = start_server(args, name)
        url_a, url_b = servers["A"][1], servers["B"][1]
        print(f"server A on {url_a}, server B on {url_b}: one database, one data dir")
        problems = check_sessions_and_files(args, url_a, url_b)
        problems += run_crons_once(args, {name: s[2] for name, s in servers.items()})
    finally:
        for process, _url, _log in servers.values():
            process.terminate()
        for process, _url, _log in servers.values():
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
    for line in problems:
        print("FAIL:", line)
    print("two servers:", "PASS" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
