#!/usr/bin/env python3
"""County-scale benchmark of the social care contracts addons against Odoo's
own ``project.task``.

One command, from the repository root::

    python3 tests/benchmark/bench.py --contracts 20000

It (re)creates the database (``--db``, default ``hcc_bench``), installs
``hcc_contracts``, ``hcc_contracts_reports``, ``hcc_contracts_procurement_act``,
``hcc_contracts_cqc`` and ``project`` without demo data,
seeds contracts with 5 monitoring meetings, 5 corrective actions and 12 data
returns each (and as many ``project.task``) with ``INSERT ... SELECT
generate_series``, then prints one table: list and form as the web client
asks for them, the daily scheduled actions at a quarter of the size and at
full size (a first run with work to do and a second with nothing left), the
compliance analysis by locality, and the list as a Service Manager.

It is not part of the pass/fail suite (pytest never collects it: its name
does not start with ``test_``); the query counts are pinned by
``addons/hcc_contracts/tests/test_query_counts.py``.
"""

import argparse
import gc
import importlib.util
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def find_odoo_root():
    """The source checkout holding odoo-bin, found as tests/run.sh finds it:
    next to the importable ``odoo`` package; ODOO_ROOT overrides it."""
    if os.environ.get("ODOO_ROOT"):
        return Path(os.environ["ODOO_ROOT"])
    spec = importlib.util.find_spec("odoo")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("Odoo 18 is not importable: install it, or set ODOO_ROOT")
    package = Path(next(iter(spec.submodule_search_locations))).resolve()
    if not (package.parent / "odoo-bin").is_file():
        sys.exit(f"no odoo-bin next to {package}: set ODOO_ROOT to the checkout")
    return package.parent


ODOO_ROOT = find_odoo_root()
MODULES = (
    "hcc_contracts,hcc_contracts_reports,hcc_contracts_procurement_act,"
    "hcc_contracts_cqc,project"
)
MEETINGS_PER_CONTRACT = 5
ACTIONS_PER_CONTRACT = 5
RETURNS_PER_CONTRACT = 12
LOCALITIES = 8
PROVIDERS = 400
OFFICERS = 40
SEED_BATCH = 5000
# re-reads the evidence of every active contract each day, whatever changed
SWEEPS = ("_cron_update_rag",)
# a cron's run in the benchmark stops with an error after so many calls, and
# the scheduler's passes after so many passes
MAX_CALLS = 2000
# items of work of a contract that has some (``--work-every``)
WORK_ITEMS = 5
MAX_PASSES = 200
# a line of progress every so many calls of the fee review round (a call
# varies 25 contracts)
FEE_REVIEW_REPORT_EVERY = 40


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="hcc_bench")
    parser.add_argument("--contracts", type=int, default=20000)
    parser.add_argument(
        "--runs",
        type=int,
        default=31,
        help="median of N runs of each web call (milliseconds each; with fewer, "
        "the load of the machine moves the ratios by up to 20 %%)",
    )
    parser.add_argument(
        "--addons-path",
        default=",".join(
            [
                str(ODOO_ROOT / "addons"),
                str(ODOO_ROOT / "odoo" / "addons"),
                str(REPO / "addons"),
            ]
        ),
    )
    parser.add_argument(
        "--work-every",
        type=int,
        default=50,
        help="one contract in N has a return, a meeting and an action falling "
        "due: the daily crons' work",
    )
    parser.add_argument(
        "--data-dir",
        default=None,
        help="Odoo's data directory (filestore), else Odoo's default",
    )
    parser.add_argument(
        "--no-install",
        action="store_true",
        help="reuse the database as it is (already installed, not seeded)",
    )
    parser.add_argument(
        "--fee-review-only",
        action="store_true",
        help="seed the full size at once and measure only the fee review "
        "round (its preview and its application), without the web calls and "
        "the daily crons",
    )
    return parser.parse_args()


def install(args):
    subprocess.run(["dropdb", "--if-exists", args.db], check=True)
    subprocess.run(
        [
            sys.executable,
            str(ODOO_ROOT / "odoo-bin"),
            "-d",
            args.db,
            "-i",
            MODULES,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            f"--addons-path={args.addons_path}",
            *([f"--data-dir={args.data_dir}"] if args.data_dir else []),
        ],
        check=True,
    )


# ----------------------------------------------------------------------------
# Seeding
# ----------------------------------------------------------------------------
class Seeder:
    """Master data through the ORM (a few hundred records), volumes with SQL
    ``INSERT ... SELECT generate_series`` in batches, then the stored computed
    fields of the contracts recomputed by the ORM so that they are what the
    application itself would have stored."""

    def __init__(self, env, work_every):
        self.env = env
        self.work_every = work_every
        self.cr = env.cr
        self.today = date.today()
        self.seeded = 0

    def masters(self):
        env = self.env
        company = env.company
        self.company_id = company.id
        self.currency_id = env.ref("base.GBP").id
        self.localities = env["hcc.locality"].create(
            [{"name": f"Bench Locality {i}"} for i in range(LOCALITIES)]
        )
        self.care_group = env["hcc.care.group"].create({"name": "Bench Older People"})
        self.service_type = env["hcc.service.type"].create({"name": "Bench Day Care"})
        self.providers = env["res.partner"].create(
            [
                # English (UK), as a council sets its providers: their
                # letters print dates as 31/03/2027
                {"name": f"Bench Provider {i} Ltd", "is_company": True, "lang": "en_GB"}
                for i in range(PROVIDERS)
            ]
        )
        groups = env.ref("hcc_contracts.group_service_manager") | env.ref(
            "base.group_user"
        )
        self.officers = (
            env["res.users"]
            .with_context(no_reset_password=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "name": f"Bench Officer {i}",
                        "login": f"bench_officer_{i}",
                        "groups_id": [(6, 0, groups.ids)],
                        "hcc_locality_ids": [(6, 0, self.localities[i % 8].ids)],
                    }
                    for i in range(OFFICERS)
                ]
            )
        )
        # the Service Manager of the comparison covers one locality in eight
        self.service_manager = self.officers[0]
        self.project = env["project.project"].create(
            {
                "name": "Bench Project",
                "type_ids": [
                    (0, 0, {"name": "To Do", "sequence": 1}),
                    (0, 0, {"name": "Done", "sequence": 2}),
                ],
            }
        )
        self.tag = env["project.tags"].create({"name": "Bench"})
        env.flush_all()

    def seed(self, upto):
        """Seed contracts (and tasks) until there are ``upto``, in batches."""
        while self.seeded < upto:
            count = min(SEED_BATCH, upto - self.seeded)
            self._seed_batch(self.seeded + 1, self.seeded + count)
            self.seeded += count
        self.cr.execute("ANALYZE")

    def _seed_batch(self, first, last):
        cr = self.cr
        params = {
            "first": first,
            "last": last,
            "company": self.company_id,
            "currency": self.currency_id,
            "localities": self.localities.ids,
            "providers": self.providers.ids,
            "officers": self.officers.ids,
            "care_group": self.care_group.id,
            "service_type": self.service_type.id,
            "today": self.today,
            "every": self.work_every,
            "n_providers": len(self.providers),
            "n_localities": len(self.localities),
            "n_officers": len(self.officers),
        }
        # Active contracts started 1 to 3 years ago. One in --work-every
        # (the day's work of the crons) ends in a year and a fortnight, so
        # its review is created; the others end in 2 to 4 years.
        # One in --work-every started twelve months before this month (its
        # twelve returns are all its past periods) and has this month's return
        # period started (work for the returns cron); none has its survey year
        # started. The RAG re-check date is what the application stores: today
        # for a contract whose return fell late yesterday, the due date of its
        # expected return for the others.
        cr.execute(
            """
            INSERT INTO hcc_contract (
                name, title, company_id, partner_id, locality_id, care_group_id,
                service_type_id, lead_officer_id, representative_id,
                support_officer_id, currency_id, state, rag_status,
                rag_recheck_date, payment_basis,
                data_return_frequency, volume_unit, date_start, date_end,
                annual_value, commissioned_volume, unit_price,
                meeting_interval_months, requires_satisfaction_survey,
                requires_activity_information, activity_source, active,
                return_next_date,
                survey_next_date, spec_scope, create_uid, write_uid,
                create_date, write_date)
            SELECT 'BENCH/' || lpad(g::text, 6, '0'),
                   'Day care block contract ' || g,
                   %(company)s,
                   (%(providers)s::int[])[1 + g %% %(n_providers)s],
                   (%(localities)s::int[])[1 + g %% %(n_localities)s],
                   %(care_group)s, %(service_type)s,
                   (%(officers)s::int[])[1 + g %% %(n_officers)s],
                   (%(officers)s::int[])[1 + g %% %(n_officers)s],
                   (%(officers)s::int[])[1 + (g + 1) %% %(n_officers)s],
                   %(currency)s, 'active', 'green',
                   CASE WHEN g %% %(every)s = 0 THEN %(today)s::date
                        ELSE %(today)s::date + 10 END,
                   CASE WHEN g %% 2 = 0 THEN 'block' ELSE 'delivered' END,
                   'monthly', 'hour',
                   CASE WHEN g %% %(every)s = 0
                        THEN (date_trunc('month', %(today)s::date)
                              - interval '12 months')::date
                        ELSE %(today)s::date - (365 + g %% 730) END,
                   CASE WHEN g %% %(every)s = 0 THEN %(today)s::date + 380
                        ELSE %(today)s::date + 800 + g %% 700 END,
                   60000 + (g %% 50) * 1000, 3000, 20, 6, true, true,
                   'provider_returns', true,
                   CASE WHEN g %% %(every)s = 0
                        THEN date_trunc('month', %(today)s::date)::date
                        ELSE (date_trunc('month', %(today)s::date)
                              + interval '1 month')::date END,
                   %(today)s::date + 30 + g %% 300,
                   '<p>Day care.</p>', 1, 1, now(), now()
              FROM generate_series(%(first)s, %(last)s) g
            """,
            params,
        )
        cr.execute(
            """
            UPDATE hcc_contract
               SET review_due_date = (date_end - interval '12 months')::date,
                   -- as _compute_total_value: whole years and months, then days
                   total_value = annual_value * (
                       extract(year FROM age(date_end + 1, date_start))
                       + extract(month FROM age(date_end + 1, date_start)) / 12.0
                       + extract(day FROM age(date_end + 1, date_start)) / 365.0),
                   unit_cost_commissioned = annual_value / commissioned_volume
             WHERE name BETWEEN 'BENCH/' || lpad(%(first)s::text, 6, '0')
                            AND 'BENCH/' || lpad(%(last)s::text, 6, '0')
            RETURNING id
            """,
            params,
        )
        ids = [row[0] for row in cr.fetchall()]
        params["ids"] = ids
        # Meetings every six months with minutes circulated, the last one
        # one to three months ago (one in --work-every: seven months ago, so
        # late); the next is due more than the reminder period away
        cr.execute(
            """
            INSERT INTO hcc_contract_meeting (
                contract_id, company_id, officer_id, name, meeting_type, state,
                date, date_minutes_circulated, fully_documented, duration,
                create_uid, write_uid, create_date, write_date)
            SELECT c.id, c.company_id, c.lead_officer_id,
                   'Monitoring meeting ' || c.name || ' #' || n, 'scheduled',
                   'minutes_circulated', m.when_, m.when_ + interval '7 days', true,
                   1.5,
                   1, 1, now(), now()
              FROM hcc_contract c
              CROSS JOIN generate_series(0, %(meetings)s - 1) n
              CROSS JOIN LATERAL (
                  SELECT (%(today)s::date - (CASE WHEN c.id %% %(every)s = 0 THEN 210
                                                  ELSE 30 + c.id %% 60 END)
                          - n * 182)::timestamp + interval '10 hours' AS when_
              ) m
             WHERE c.id = ANY(%(ids)s)
            """,
            dict(params, meetings=MEETINGS_PER_CONTRACT),
        )
        # Actions: resolved ones, one open due in the future; one contract
        # in --work-every has an open action now overdue and not flagged yet
        cr.execute(
            """
            INSERT INTO hcc_contract_action (
                contract_id, company_id, user_id, name, responsible, state, origin,
                date_notified, date_due, date_done, is_overdue, resolved_on_time,
                create_uid, write_uid, create_date, write_date)
            SELECT c.id, c.company_id, c.lead_officer_id,
                   'Issue ' || n || ' of ' || c.name, 'provider',
                   CASE WHEN n = 0 THEN 'open' ELSE 'done' END, 'officer',
                   %(today)s::date - n * 90 - 30,
                   CASE WHEN n = 0 AND c.id %% %(every)s = 0 THEN %(today)s::date - 3
                        ELSE %(today)s::date - n * 90 + 30 END,
                   CASE WHEN n = 0 THEN NULL ELSE %(today)s::date - n * 90 END,
                   false, n > 0,
                   1, 1, now(), now()
              FROM hcc_contract c
              CROSS JOIN generate_series(0, %(actions)s - 1) n
             WHERE c.id = ANY(%(ids)s)
            """,
            dict(params, actions=ACTIONS_PER_CONTRACT),
        )
        # Monthly returns of the last twelve months: accepted, except the
        # last one, still expected and due in ten days (one in --work-every:
        # due yesterday, so late)
        cr.execute(
            """
            INSERT INTO hcc_data_return (
                contract_id, company_id, partner_id, locality_id, name,
                period_name, state, source, date_from, date_to, date_due,
                date_received,
                is_late, received_late, units_delivered, commissioned_units,
                value_commissioned, utilisation, unit_cost_delivered,
                underuse_value, people_served, create_uid, write_uid,
                create_date, write_date)
            SELECT c.id, c.company_id, c.partner_id, c.locality_id,
                   c.name || ' – ' || to_char(p.start_, 'FMMonth YYYY'),
                   to_char(p.start_, 'FMMonth YYYY'),
                   CASE WHEN n = 1 THEN 'expected' ELSE 'accepted' END,
                   'provider',
                   p.start_, (p.start_ + interval '1 month - 1 day')::date,
                   CASE WHEN n > 1 THEN (p.start_ + interval '1 month 20 days')::date
                        WHEN c.id %% %(every)s = 0 THEN %(today)s::date - 1
                        ELSE %(today)s::date + 10 END,
                   CASE WHEN n = 1 THEN NULL
                        ELSE (p.start_ + interval '1 month 10 days')::date END,
                   false, false, 230, 250, c.annual_value / 12, 92,
                   c.annual_value / 12 / 230, c.annual_value / 12 * 0.08, 40,
                   1, 1, now(), now()
              FROM hcc_contract c
              CROSS JOIN generate_series(1, %(returns)s) n
              CROSS JOIN LATERAL (
                  SELECT (date_trunc('month', %(today)s::date)
                          - n * interval '1 month')::date AS start_
              ) p
             WHERE c.id = ANY(%(ids)s)
            """,
            dict(params, returns=RETURNS_PER_CONTRACT),
        )
        self._seed_tasks(params)
        self._recompute_contracts(ids)

    def _seed_tasks(self, params):
        cr = self.cr
        stage = self.project.type_ids[0]
        cr.execute(
            """
            INSERT INTO project_task (
                name, project_id, stage_id, company_id, state, priority, sequence,
                active, display_in_project, date_deadline, date_last_stage_update,
                create_uid, write_uid, create_date, write_date)
            SELECT 'Bench task ' || g, %(project)s, %(stage)s, %(company)s,
                   '01_in_progress', '0', 10, true, true,
                   %(today)s::date + g %% 300, now(), 1, 1, now(), now()
              FROM generate_series(%(first)s, %(last)s) g
            RETURNING id
            """,
            dict(params, project=self.project.id, stage=stage.id),
        )
        task_ids = [row[0] for row in cr.fetchall()]
        cr.execute(
            """
            INSERT INTO project_task_user_rel (task_id, user_id)
            SELECT t, (%(officers)s::int[])[1 + t %% %(n_officers)s]
              FROM unnest(%(tasks)s::int[]) t
            """,
            dict(params, tasks=task_ids),
        )
        cr.execute(
            """
            INSERT INTO project_tags_project_task_rel (project_task_id, project_tags_id)
            SELECT t, %(tag)s FROM unnest(%(tasks)s::int[]) t
            """,
            dict(params, tasks=task_ids, tag=self.tag.id),
        )

    def _recompute_contracts(self, ids):
        env = self.env
        contracts = env["hcc.contract"].browse(ids)
        Contract = env["hcc.contract"]
        for name in (
            "last_documented_meeting_date",
            "next_meeting_due_date",
            "meeting_reminder_state",
            "current_review_id",
            "review_state",
            "activity_commissioned",
            "meeting_count",
        ):
            env.add_to_compute(Contract._fields[name], contracts)
        env.flush_all()
        env.invalidate_all()
        env.cr.commit()


# ----------------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------------
def _once(env, func):
    env.invalidate_all()
    cr = env.cr
    count = cr.sql_log_count
    start = time.perf_counter()
    func()
    env.flush_all()
    return (time.perf_counter() - start) * 1000, cr.sql_log_count - count


def measure(env, func, runs):
    """Median time (ms) and query count of ``func()`` over ``runs`` runs,
    with the record cache emptied before each run (as in a new request)."""
    results = [_once(env, func) for _index in range(runs)]
    return _median(results)


def measure_pair(ours, theirs, runs):
    """Measure two ``(env, func)`` alternately, after one warm-up call each,
    so that the load of a shared machine weighs on both sides alike."""
    _once(*ours)
    _once(*theirs)
    results = ([], [])
    for _index in range(runs):
        results[0].append(_once(*ours))
        results[1].append(_once(*theirs))
    return _median(results[0]), _median(results[1])


def _median(results):
    return (
        statistics.median(r[0] for r in results),
        int(statistics.median(r[1] for r in results)),
    )


def _view_spec_module():
    """The specification builder of the query-count tests, loaded from its
    file: importing the addon's ``tests`` package would import Odoo's test
    framework, which logs an error outside a test run."""
    path = REPO / "addons" / "hcc_contracts" / "tests" / "view_spec.py"
    spec = importlib.util.spec_from_file_location("hcc_view_spec", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Bench:
    def __init__(self, registry, args):
        self.registry = registry
        self.args = args
        self.rows = []

    def row(self, label, ours, theirs=None, note=""):
        self.rows.append((label, ours, theirs, note))
        self._print_row(label, ours, theirs, note)

    @staticmethod
    def _print_row(label, ours, theirs, note):
        left = f"{ours[0]:9.1f} ms {ours[1]:6d} q"
        right = f"{theirs[0]:9.1f} ms {theirs[1]:6d} q" if theirs else " " * 21
        ratio = f"{ours[0] / theirs[0]:5.2f}x" if theirs and theirs[0] else "     "
        print(f"| {label:<46} | {left} | {right} | {ratio} | {note}", flush=True)

    def header(self, title):
        print(f"\n### {title}\n", flush=True)
        print(
            f"| {'measure':<46} | {'ours':>21} | {'reference':>21} | ratio | note",
            flush=True,
        )
        print(f"|{'-' * 48}|{'-' * 23}|{'-' * 23}|-------|------", flush=True)

    def web(self, env, seeder, size):
        runs = self.args.runs
        # what the web client sends with every call
        env = env(
            context={
                "lang": "en_US",
                "tz": "Europe/London",
                "uid": env.uid,
                "allowed_company_ids": [env.company.id],
                "bin_size": True,
            }
        )
        view_specification = _view_spec_module().view_specification
        contract_list = view_specification(env, "hcc.contract", "list")
        task_list = view_specification(env, "project.task", "list")
        Contract = env["hcc.contract"]
        Task = env["project.task"].with_context(default_project_id=seeder.project.id)
        task_domain = [("project_id", "=", seeder.project.id)]

        def contract_list_call(model=Contract):
            return model.web_search_read([], contract_list, limit=80, count_limit=10001)

        def task_list_call():
            return Task.web_search_read(
                task_domain, task_list, limit=80, count_limit=10001
            )

        self.header(f"Web client at {size} contracts / {size} tasks")
        self.row(
            f"list web_search_read 80 rows ({len(contract_list)} vs "
            f"{len(task_list)} fields)",
            *measure_pair((env, contract_list_call), (env, task_list_call), runs),
            "vs project.task list",
        )
        contract_form = view_specification(env, "hcc.contract", "form")
        task_form = view_specification(env, "project.task", "form")
        contract = Contract.search([], limit=1, order="id desc")
        task = Task.search(task_domain, limit=1, order="id desc")
        self.row(
            f"form web_read ({len(contract_form)} vs {len(task_form)} fields)",
            *measure_pair(
                (env, lambda: contract.web_read(contract_form)),
                (env, lambda: task.web_read(task_form)),
                runs,
            ),
            "vs project.task form; meetings, returns, reviews on buttons",
        )
        sm_env = env(
            user=seeder.service_manager.id,
            su=False,
            context=dict(env.context, uid=seeder.service_manager.id),
        )
        sm_model = sm_env["hcc.contract"]
        # the administrator as the web client has them: user admin, with
        # access rights and record rules (a Contract Management Administrator)
        admin = env.ref("base.user_admin")
        admin_env = env(
            user=admin.id, su=False, context=dict(env.context, uid=admin.id)
        )
        admin_model = admin_env["hcc.contract"]
        self.row(
            "list as a Service Manager (record rules)",
            *measure_pair(
                (sm_env, lambda: contract_list_call(sm_model)),
                (admin_env, lambda: contract_list_call(admin_model)),
                runs,
            ),
            "vs the same list as the administrator (user admin)",
        )
        self.row(
            "list as a Service Manager (record rules)",
            *measure_pair(
                (sm_env, lambda: contract_list_call(sm_model)),
                (env, contract_list_call),
                runs,
            ),
            "vs the same list in superuser mode (no access checks)",
        )
        # the compliance analysis lives in hcc_contracts_reports (another
        # issue); measure it when it is there
        if "hcc.compliance.report" in env:
            Report = env["hcc.compliance.report"]
            self.row(
                "compliance analysis grouped by locality",
                measure(
                    env,
                    lambda: Report.web_read_group(
                        [], ["__count"], ["locality_id"], lazy=False
                    ),
                    runs,
                ),
            )
        else:
            print(
                "| compliance analysis grouped by locality        | skipped: "
                "hcc.compliance.report is not installed on this branch",
                flush=True,
            )

    @staticmethod
    def _cron_run(env, cron, commit=False, report_every=0):
        """A function running ``cron`` as Odoo's scheduler calls it, one
        batch a call with a progress record, until it reports nothing left;
        it notes its number of calls and longest call. The calls run in this
        transaction, or, with ``commit``, each call is committed and the next
        starts from an empty record cache, as the scheduler's calls do. With
        ``report_every``, a line of progress every so many calls."""
        method = cron.code.strip().removeprefix("model.").removesuffix("()")
        stats = {"calls": 0, "longest": 0.0}

        def run():
            stats["calls"] = 0
            stats["longest"] = 0.0
            began = time.perf_counter()
            for _call in range(MAX_CALLS):
                _cron, progress = cron._add_progress()
                model = env[cron.model_id.model].with_context(
                    ir_cron_progress_id=progress.id
                )
                start = time.perf_counter()
                getattr(model, method)()
                if commit:
                    env.flush_all()
                    env.cr.commit()
                    env.invalidate_all()
                stats["calls"] += 1
                stats["longest"] = max(stats["longest"], time.perf_counter() - start)
                if report_every and not stats["calls"] % report_every:
                    print(
                        f"|   {stats['calls']} calls, {progress.done} done in the "
                        f"last, {progress.remaining} left, "
                        f"{time.perf_counter() - began:.0f} s, longest call "
                        f"{stats['longest']:.1f} s",
                        flush=True,
                    )
                if not progress.remaining:
                    return
            raise RuntimeError(f"{cron.name}: work left after {MAX_CALLS} calls")

        return method, run, stats

    def crons(self, env, size):
        """Each daily cron of the addon twice in a row: the first run does
        the day's work, the second must find nothing left to do. A run is
        every call the scheduler makes until the cron reports nothing left."""
        crons = env["ir.cron"].search(
            [("ir_actions_server_id.model_id.model", "=like", "hcc.%")], order="id"
        )
        self.header(f"Daily scheduled actions at {size} contracts")
        totals = {"first": [0.0, 0], "second": [0.0, 0], "idle": [0.0, 0]}
        for cron in crons:
            method, run, stats = self._cron_run(env, cron)
            first = measure(env, run, 1)
            calls, longest = stats["calls"], stats["longest"]
            # the next day's run finds the statistics that autovacuum refreshes
            # after a run has rewritten many rows (without them, the planner
            # still believes what it saw before the first run)
            env.cr.execute("ANALYZE")
            second = measure(env, run, 1)
            self.row(
                f"{cron.model_id.model}.{method}",
                first,
                second,
                f"1st run ({calls} call{'s' * (calls != 1)}, longest "
                f"{longest * 1000:.0f} ms) vs 2nd",
            )
            pairs = [("first", first), ("second", second)]
            if method not in SWEEPS:
                pairs.append(("idle", second))
            for key, value in pairs:
                totals[key][0] += value[0]
                totals[key][1] += value[1]
        first, second = tuple(totals["first"]), tuple(totals["second"])
        self.row("all daily crons", first, second, "1st run vs 2nd run")
        # a contract with work has five items: a late return, a new period,
        # an overdue action, a late meeting and a review to create
        items = WORK_ITEMS * (size // self.args.work_every)
        print(
            f"| work of the 1st run: {items} items, "
            f"{first[1] / max(items, 1):.1f} queries and "
            f"{first[0] / max(items, 1):.1f} ms per item",
            flush=True,
        )
        idle = tuple(totals["idle"])
        self.row("2nd run of all but the RAG refresh", idle, None, "nothing to do")
        # once, the day after an upgrade that changed the evidence: every
        # contract's status is read again (no re-check date stored)
        env.cr.execute("UPDATE hcc_contract SET rag_recheck_date = NULL")
        env.invalidate_all()
        rag = env.ref("hcc_contracts.ir_cron_hcc_contract_update_rag")
        _method, run, stats = self._cron_run(env, rag)
        every = measure(env, run, 1)
        self.row(
            "RAG refresh of every contract (once)",
            every,
            None,
            f"{stats['calls']} calls, longest {stats['longest'] * 1000:.0f} ms",
        )
        return first, second, idle

    def fee_review(self, env, size):
        """A fee review round across every active contract (issue 41): its
        preview, then its application as the scheduler makes it, one batch a
        call, each call a commit-sized step that must stay well inside the
        cron worker's time limit; prints the queries per contract varied."""
        self.header(f"Fee review round at {size} contracts")
        print(f"| letters printed by {_wkhtmltopdf_version()}", flush=True)
        review = env["hcc.fee.review"].create(
            {
                "title": "Bench fee review",
                "financial_year": "2027/28",
                "date_effective": "2027-04-01",
                "rule_ids": [(0, 0, {"method": "percent", "percent": 5.0})],
            }
        )
        preview = measure(env, review.action_preview, 1)
        lines = len(review.line_ids)
        self.row("preview (new prices, cost, budgets)", preview, None, f"{lines} lines")
        review.action_approve()
        review._hcc_record_action(
            {
                "state": "applying",
                "applied_by_id": env.uid,
                "date_applied": date.today(),
            }
        )
        cron = env.ref("hcc_contracts.ir_cron_hcc_fee_review_apply")
        # each call committed, as the scheduler does: a round of 20,000
        # contracts is 800 calls, not one transaction
        env.cr.commit()
        _method, run, stats = self._cron_run(
            env, cron, commit=True, report_every=FEE_REVIEW_REPORT_EVERY
        )
        applied = measure(env, run, 1)
        varied = max(review.applied_count, 1)
        self.row(
            "apply, every call until done",
            applied,
            None,
            f"{stats['calls']} calls, longest {stats['longest'] * 1000:.0f} ms",
        )
        print(
            f"| {review.applied_count} contracts varied, {review.skipped_count} "
            f"skipped: {applied[1] / varied:.1f} queries and "
            f"{applied[0] / varied:.1f} ms per contract varied",
            flush=True,
        )
        again = measure(env, run, 1)
        self.row("apply again", again, None, "nothing left: never twice")


def _wkhtmltopdf_version():
    """The wkhtmltopdf Odoo finds (on the PATH) and its version: a build
    with the patched Qt prints a batch's letters in one call, Debian's each
    letter in a call of its own."""
    from odoo.addons.base.models.ir_actions_report import (  # noqa: PLC0415
        _get_wkhtmltopdf_bin,
    )

    try:
        binary = _get_wkhtmltopdf_bin()
        version = subprocess.run(
            [binary, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError as error:
        return f"no wkhtmltopdf ({error})"
    return f"{binary}: {version}"


def scheduler_passes(registry, env):
    """The day's first run of every cron as Odoo's cron worker makes it:
    every due job in one pass (``ir.cron._process_jobs``), under one watchdog
    (``limit_time_real_cron``, by default ``limit_time_real``: 120 s), each job
    up to ten calls, then the next pass, until none of the addon's crons is
    due. Each pass commits. Prints each pass's time: none may reach the
    watchdog's limit, which would kill the worker."""
    from odoo.tools import config  # noqa: PLC0415

    from odoo.addons.base.models.ir_cron import ir_cron  # noqa: PLC0415

    limit = config["limit_time_real_cron"]
    if limit < 0:
        limit = config["limit_time_real"]
    cr = env.cr
    cr.execute(
        """UPDATE ir_cron c SET nextcall = now() at time zone 'UTC'
             FROM ir_act_server a JOIN ir_model m ON m.id = a.model_id
            WHERE a.id = c.ir_actions_server_id AND m.model LIKE 'hcc.%%'
              AND c.active"""
    )
    cr.commit()
    print(
        f"\n### The first run through Odoo's scheduler (watchdog: {limit} s)\n",
        flush=True,
    )
    passes = []
    while len(passes) < MAX_PASSES:
        cr.execute(
            """SELECT count(*) FILTER (WHERE c.nextcall <= now() at time zone 'UTC'
                                          OR t.call_at <= now() at time zone 'UTC'),
                      max(t.call_at) - now() at time zone 'UTC'
                 FROM ir_cron c
                 JOIN ir_act_server a ON a.id = c.ir_actions_server_id
                 JOIN ir_model m ON m.id = a.model_id
            LEFT JOIN ir_cron_trigger t ON t.cron_id = c.id
                WHERE m.model LIKE 'hcc.%%' AND c.active"""
        )
        due, wait = cr.fetchone()
        cr.commit()
        if not due:
            if wait is None or wait.total_seconds() <= 0:
                break
            # a job left to the next pass asked for it a second ahead; the
            # worker itself would sleep up to a minute
            time.sleep(wait.total_seconds() + 0.1)
            continue
        start = time.perf_counter()
        ir_cron._process_jobs(registry.db_name)
        passes.append(time.perf_counter() - start)
        print(f"| pass {len(passes):>2} | {passes[-1]:8.1f} s |", flush=True)
    print(
        f"| {len(passes)} passes, longest {max(passes, default=0):.1f} s "
        f"(limit {limit} s), all passes {sum(passes):.1f} s",
        flush=True,
    )
    return passes


def main():
    args = parse_args()
    if not args.no_install:
        print(f"Installing {MODULES} in a fresh database {args.db}...", flush=True)
        install(args)
    sys.path.insert(0, str(ODOO_ROOT))
    import odoo  # noqa: PLC0415 (Odoo is importable only once the path is set)
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        [
            f"--addons-path={args.addons_path}",
            "--log-level=warn",
            "-d",
            args.db,
            *([f"--data-dir={args.data_dir}"] if args.data_dir else []),
        ]
    )
    registry = Registry(args.db)
    bench = Bench(registry, args)
    quarter = max(args.contracts // 4, 1)
    with registry.cursor() as cr:
        env = odoo.api.Environment(
            cr,
            odoo.SUPERUSER_ID,
            {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True},
        )
        seeder = Seeder(env, args.work_every)
        seeder.masters()
        cr.commit()
        env = env(context={})
        if args.fee_review_only:
            start = time.perf_counter()
            seeder.seed(args.contracts)
            cr.commit()
            print(
                f"Seeded {args.contracts} contracts in "
                f"{time.perf_counter() - start:.0f} s"
            )
            bench.fee_review(env, args.contracts)
            return
        start = time.perf_counter()
        seeder.seed(quarter)
        cr.commit()
        print(f"Seeded {quarter} contracts in {time.perf_counter() - start:.0f} s")
        small = bench.crons(env, quarter)
        # forget the crons' work: the full-size run must do four times as much
        cr.rollback()
        env.invalidate_all()
        start = time.perf_counter()
        seeder.seed(args.contracts)
        cr.commit()
        print(
            f"Seeded {args.contracts} contracts, "
            f"{args.contracts * MEETINGS_PER_CONTRACT} meetings, "
            f"{args.contracts * ACTIONS_PER_CONTRACT} actions, "
            f"{args.contracts * RETURNS_PER_CONTRACT} returns, "
            f"{args.contracts} tasks in {time.perf_counter() - start:.0f} s"
        )
        # a server worker does not carry the seeding's millions of objects:
        # keep them out of the garbage collector's way while measuring
        gc.collect()
        gc.freeze()
        bench.web(env, seeder, args.contracts)
        gc.unfreeze()
        large = bench.crons(env, args.contracts)
        bench.header(f"Crons: {args.contracts} against {quarter} contracts")
        bench.row(
            "all crons, 1st run (work to do)", large[0], small[0], "ratio of work: 4"
        )
        bench.row("all crons, 2nd run (RAG refresh included)", large[1], small[1], "")
        bench.row("2nd run of all but the RAG refresh", large[2], small[2], "idle")
        bench.fee_review(env, args.contracts)
        cr.rollback()
        env.invalidate_all()
        scheduler_passes(registry, env)


if __name__ == "__main__":
    main()
