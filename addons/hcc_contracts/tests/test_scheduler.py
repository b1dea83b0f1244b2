import select
import threading
import time
from datetime import timedelta
from unittest.mock import patch

import psycopg2
from freezegun import freeze_time
from psycopg2 import errors as pg_errors

from odoo import fields, sql_db
from odoo.tests import tagged
from odoo.tools import config

from .common import HccContractsCase


class KilledError(Exception):
    """Stands for a worker killed at its time limit in the middle of a call."""


@tagged("post_install", "-at_install")
class TestScheduler(HccContractsCase):
    """The shared machinery of the scheduled actions."""

    def test_activities_are_not_duplicated(self):
        contract = self._create_contract()
        todo = self.env.ref("mail.mail_activity_data_todo")
        request = {
            "record": contract,
            "activity_type": todo,
            "user": self.user_sm,
            "summary": "Check the contract",
            "date_deadline": "2027-01-31",
        }
        scheduler = self.env["hcc.scheduler"]
        created = scheduler._schedule_activities([request, dict(request)])
        self.assertEqual(len(created), 1)
        self.assertEqual(created.user_id, self.user_sm)
        self.assertEqual(str(created.date_deadline), "2027-01-31")
        self.assertFalse(scheduler._schedule_activities([request]))
        other_user = dict(request, user=self.user_cso)
        self.assertEqual(len(scheduler._schedule_activities([other_user])), 1)
        self.assertEqual(len(contract.activity_ids), 2)

    def test_one_failing_record_does_not_stop_the_rest(self):
        contracts = (
            self._create_contract() | self._create_contract() | self._create_contract()
        )
        bad = contracts[1]

        def callback(batch):
            batch.title = "Processed"
            if bad in batch:
                raise ValueError("broken data")

        with self.assertLogs("odoo.addons.hcc_contracts.models.hcc_scheduler", "ERROR"):
            done = self.env["hcc.scheduler"]._run_batched(
                contracts, callback, batch_size=2
            )
        self.assertEqual(done, contracts - bad)
        self.assertEqual((contracts - bad).mapped("title"), ["Processed", "Processed"])
        bad.invalidate_recordset()
        self.assertEqual(bad.title, "Day care block contract", "rolled back")

    def test_escalation_order(self):
        self.company.hcc_county_manager_id = self.user_cm
        contract = self._create_contract()
        self.assertEqual(
            self.env["hcc.scheduler"]._escalation_users(contract),
            [self.user_sm, self.user_cso, self.user_cm],
        )

    # ------------------------------------------------------------------
    # Runs in batches, as the scheduler calls them
    # ------------------------------------------------------------------
    def _call(self, cron):
        """One call of the cron as ``ir.cron._run_job`` makes it: a progress
        record in the context, the server action's code run once."""
        _cron, progress = cron._add_progress()
        model = self.env[cron.model_id.model].with_context(
            ir_cron_progress_id=progress.id
        )
        method = cron.code.strip().removeprefix("model.").removesuffix("()")
        getattr(model, method)()
        return progress

    def _run(self, cron, max_calls=20):
        """Call the cron until it reports nothing remaining, as the scheduler
        does; the number of calls made."""
        for calls in range(1, max_calls + 1):
            if not self._call(cron).remaining:
                return calls
        self.fail(f"{cron.name} still had work after {max_calls} calls")

    def _run_steps_as_cron(self, cron, steps, max_calls=10):
        """Run ``steps`` call after call as ``cron`` (a progress record each)
        until nothing remains; the ``(done, remaining)`` of each call."""
        scheduler = self.env["hcc.scheduler"]
        calls = []
        for _call in range(max_calls):
            _cron, progress = cron._add_progress()
            scheduler = scheduler.with_context(ir_cron_progress_id=progress.id)
            calls.append(scheduler._run_steps(steps))
            if not progress.remaining:
                break
        return calls

    def _late_activities(self, returns):
        late_type = self.env.ref("hcc_contracts.mail_activity_type_data_return_late")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hcc.data.return"),
                ("res_id", "in", returns.ids),
                ("activity_type_id", "=", late_type.id),
            ]
        )

    def test_cron_stopped_after_a_batch_resumes_without_duplicates(self):
        cron = self.env.ref("hcc_contracts.ir_cron_hcc_contract_data_returns")
        with freeze_time("2026-03-20"):
            contracts = self.env["hcc.contract"].create(
                [self._contract_vals(title=f"Contract {i}") for i in range(5)]
            )
            contracts.action_activate()
        with freeze_time("2026-05-10"):
            self.assertEqual(self._run(cron), 1, "50 a batch: one call")
        Return = self.env["hcc.data.return"]
        domain = [("contract_id", "in", contracts.ids)]
        self.assertEqual(Return.search_count(domain), 10, "April and May")
        self.env["ir.config_parameter"].set_param("hcc_contracts.cron_batch_size", "2")
        with freeze_time("2026-07-15"):
            # the first call does one batch of each step, and says what is left
            first = self._call(cron)
            self.assertEqual(first.done, 4)
            self.assertEqual(first.remaining, 3 + 8, "contracts, late returns")
            self.assertEqual(Return.search_count(domain), 10 + 2 * 2)
            self.assertEqual(len(self._late_activities(Return.search(domain))), 2)
            # the next call is stopped at its time limit: all it did is undone
            with self.assertRaises(KilledError), self.env.cr.savepoint():
                self._call(cron)
                raise KilledError
            self.env.invalidate_all()
            # the next run carries on after the first batch and finishes
            self.assertEqual(self._run(cron), 4, "8 late returns left, 2 a call")
            returns = Return.search(domain)
            self.assertEqual(len(returns), 5 * 4, "April to July, once each")
            for contract in contracts:
                periods = returns.filtered(lambda r, c=contract: r.contract_id == c)
                self.assertEqual(len(set(periods.mapped("date_from"))), 4)
            late = returns.filtered("is_late")
            self.assertEqual(len(late), 5 * 2, "April and May are late")
            activities = self._late_activities(returns)
            self.assertEqual(sorted(activities.mapped("res_id")), sorted(late.ids))
            # a new run the same day finds nothing to do
            again = self._call(cron)
            self.assertEqual((again.done, again.remaining), (0, 0))
            self.assertEqual(len(Return.search(domain)), 20)

    def test_step_whose_records_stay_in_its_domain_still_ends(self):
        """A step that leaves its records selectable (the RAG refresh may)
        handles each once per run: the run goes on after the last id done."""
        cron = self.env.ref("hcc_contracts.ir_cron_hcc_contract_update_rag")
        contracts = self.env["hcc.contract"].create(
            [self._contract_vals(title=f"Contract {i}") for i in range(5)]
        )
        self.env["ir.config_parameter"].set_param("hcc_contracts.cron_batch_size", "2")
        scheduler = self.env["hcc.scheduler"]
        seen = []
        step = scheduler._step(
            "all", self.env["hcc.contract"], [("id", "in", contracts.ids)], seen.extend
        )
        calls = self._run_steps_as_cron(cron, [step])
        self.assertEqual(calls, [(2, 3), (2, 1), (1, 0)])
        self.assertEqual([c.id for c in seen], contracts.ids)

    def test_batch_size_setting_tolerates_nonsense(self):
        params = self.env["ir.config_parameter"]
        scheduler = self.env["hcc.scheduler"]
        params.set_param("hcc_contracts.cron_batch_size", "50")
        self.assertEqual(scheduler._cron_batch_size(), 50)
        for value in ("fifty", "-3"):
            params.set_param("hcc_contracts.cron_batch_size", value)
            with self.assertLogs(
                "odoo.addons.hcc_contracts.models.hcc_scheduler", "WARNING"
            ):
                self.assertEqual(scheduler._cron_batch_size(), 500, "the default")

    def test_concurrency_error_is_not_swallowed(self):
        """A record that lost a race is not logged and skipped like broken
        data: the error goes up, for the whole call to be run again."""
        contracts = self._create_contract() | self._create_contract()
        lock_sql = (
            "SELECT id FROM ir_module_module WHERE name = 'base' "
            "FOR NO KEY UPDATE NOWAIT"
        )

        def callback(batch):
            batch.title = "Processed"
            self.env.flush_all()
            self.env.cr.execute(lock_sql)

        with self.registry.cursor() as other:
            other.execute(lock_sql)  # another transaction holds the row
            with self.assertRaises(pg_errors.LockNotAvailable):
                self.env["hcc.scheduler"]._run_batched(contracts, callback)
            other.rollback()
        contracts.invalidate_recordset()
        self.assertEqual(
            contracts.mapped("title"), ["Day care block contract"] * 2, "undone"
        )

    # ------------------------------------------------------------------
    # Within the cron worker's time limit
    # ------------------------------------------------------------------
    def test_call_stops_taking_records_after_its_time(self):
        """A call handles its batch a chunk at a time and takes no more once
        it has run for ``CALL_SECONDS`` (5 s): the next call carries on."""
        cron = self.env.ref("hcc_contracts.ir_cron_hcc_contract_update_rag")
        contracts = self.env["hcc.contract"].create(
            [self._contract_vals(title=f"Contract {i}") for i in range(25)]
        )
        scheduler = self.env["hcc.scheduler"]
        seen = []
        with freeze_time("2026-07-15 02:00:00") as clock:

            def slow(batch):
                seen.extend(batch.ids)
                clock.tick(timedelta(seconds=6))  # a busy server: 0.6 s a record

            step = scheduler._step(
                "all", self.env["hcc.contract"], [("id", "in", contracts.ids)], slow
            )
            calls = self._run_steps_as_cron(cron, [step])
        # a chunk of ten took 6 s: each call stops after it
        self.assertEqual(calls, [(10, 15), (10, 5), (5, 0)])
        self.assertEqual(seen, contracts.ids, "each record once, in order")

    def test_quick_chunks_grow(self):
        """Cheap records are handled in growing chunks, so that a step's
        batched reads stay batched."""
        contracts = self.env["hcc.contract"].create(
            [self._contract_vals(title=f"Contract {i}") for i in range(35)]
        )
        scheduler = self.env["hcc.scheduler"]
        chunks = []
        step = scheduler._step(
            "all",
            self.env["hcc.contract"],
            [("id", "in", contracts.ids)],
            lambda batch: chunks.append(len(batch)),
        )
        with freeze_time("2026-07-15 02:00:00"):  # each chunk takes no time
            self.assertEqual(scheduler._run_steps([step]), (35, 0))
        self.assertEqual(chunks, [10, 20, 5])

    def _job(self, cron):
        """The job as Odoo's cron worker reads it before running it."""
        return {
            **cron.read(load=None)[0],
            "done": 0,
            "remaining": 0,
            "timed_out_counter": 0,
        }

    def _listen_cron_trigger(self):
        """A connection that listens, as Odoo's cron workers do, for the
        notification that wakes them."""
        connection = psycopg2.connect(**sql_db.connection_info_for("postgres")[1])
        connection.autocommit = True
        self.addCleanup(connection.close)
        with connection.cursor() as cr:
            cr.execute("LISTEN cron_trigger")
        return connection

    def _notified(self, connection, wait=0.0):
        """The databases named by the notifications received so far on the
        listening ``connection``, waiting up to ``wait`` seconds for the
        first."""
        if wait and not connection.notifies:
            select.select([connection], [], [], wait)
        connection.poll()
        payloads = [notify.payload for notify in connection.notifies]
        connection.notifies.clear()
        return payloads

    def test_job_late_in_the_pass_is_left_to_the_next_pass(self):
        """Odoo runs every due job in one pass under one watchdog (120 s by
        default). A job that starts after half of it hands its work to the
        next pass, through Odoo's own scheduler: nothing done, a trigger due
        at once, the cron workers woken (as Odoo wakes them, by a database
        notification), and that pass does it all, once."""
        rag = self.env.ref("hcc_contracts.ir_cron_hcc_contract_update_rag")
        other = self.env.ref("hcc_contracts.ir_cron_hcc_contract_action_overdue")
        contracts = self.env["hcc.contract"].create(
            [self._contract_vals(title=f"Contract {i}") for i in range(3)]
        )
        contracts.action_activate()
        contracts.write({"rag_recheck_date": False})
        self.env.flush_all()
        Cron = self.registry["ir.cron"]
        thread = threading.current_thread()
        self.addCleanup(lambda: thread.__dict__.pop("hcc_cron_pass", None))
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        limits = {"limit_time_real_cron": -1, "limit_time_real": 120, "workers": 0}
        listener = self._listen_cron_trigger()
        with patch.dict(config.options, limits):
            with self.registry.cursor() as cron_cr:
                Cron._process_job(self.registry.db_name, cron_cr, self._job(other))
                started = thread.hcc_cron_pass[1]
                self.assertIs(thread.hcc_cron_pass[0], cron_cr, "the pass began")
                self.assertEqual(self._notified(listener), [], "nothing left")
                # the pass has now run for 61 s: past half of the 120 s limit
                thread.hcc_cron_pass = (cron_cr, started - 61)
                Cron._process_job(self.registry.db_name, cron_cr, self._job(rag))
                self.assertEqual(
                    self._notified(listener, wait=5),
                    [self.registry.db_name],
                    "the cron workers are woken for the next pass",
                )
            self.env.invalidate_all()
            self.assertEqual(contracts.mapped("rag_recheck_date"), [False] * 3)
            progress = self.env["ir.cron.progress"].search(
                [("cron_id", "=", rag.id)], order="id desc", limit=1
            )
            self.assertEqual(progress.done, 0)
            self.assertGreaterEqual(progress.remaining, 3)
            triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", rag.id)])
            self.assertTrue(triggers, "asked for again on the next pass")
            self.assertLessEqual(
                min(triggers.mapped("call_at")), fields.Datetime.now(), "due at once"
            )
            # the next pass (a new cursor) does the work
            with self.registry.cursor() as cron_cr:
                Cron._process_job(self.registry.db_name, cron_cr, self._job(rag))
                self.assertGreater(thread.hcc_cron_pass[1], started - 61)
        self.env.invalidate_all()
        self.assertTrue(all(contracts.mapped("rag_recheck_date")))
        last = self.env["ir.cron.progress"].search(
            [("cron_id", "=", rag.id)], order="id desc", limit=1
        )
        self.assertEqual(last.remaining, 0)

    def test_no_pass_deadline_without_a_watchdog(self):
        """With ``limit_time_real_cron = 0`` (no watchdog) only the call's own
        time bounds a call; outside a cron worker's pass there is no pass."""
        scheduler = self.env["hcc.scheduler"]
        thread = threading.current_thread()
        self.addCleanup(lambda: thread.__dict__.pop("hcc_cron_pass", None))
        thread.__dict__.pop("hcc_cron_pass", None)
        with patch.dict(config.options, {"limit_time_real_cron": 120, "workers": 0}):
            self.assertIsNone(scheduler._cron_deadline()[1], "no pass")
            thread.hcc_cron_pass = (object(), time.monotonic())
            deadline, pass_deadline = scheduler._cron_deadline()
            self.assertAlmostEqual(pass_deadline - time.monotonic(), 60, delta=1)
            self.assertAlmostEqual(deadline - time.monotonic(), 5, delta=1)
        # prefork: the watchdog also counted the worker's sleep (up to 70 s)
        prefork = {"limit_time_real_cron": -1, "limit_time_real": 120, "workers": 4}
        with patch.dict(config.options, prefork):
            pass_deadline = scheduler._cron_deadline()[1]
            self.assertAlmostEqual(pass_deadline - time.monotonic(), 25, delta=1)
        with patch.dict(config.options, dict(prefork, limit_time_real=60)):
            pass_deadline = scheduler._cron_deadline()[1]
            self.assertAlmostEqual(pass_deadline - time.monotonic(), 5, delta=1)
        with patch.dict(config.options, {"limit_time_real_cron": 0}):
            self.assertIsNone(scheduler._cron_deadline()[1])
