import logging
import random
import threading
import time

from dateutil.relativedelta import relativedelta
from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.service.model import (
    MAX_TRIES_ON_CONCURRENCY_FAILURE,
    PG_CONCURRENCY_EXCEPTIONS_TO_RETRY,
)
from odoo.service.server import SLEEP_INTERVAL
from odoo.tools import SQL, config, split_every

_logger = logging.getLogger(__name__)

# In prefork mode one cron worker runs every due job, each up to ten calls in a
# row, in one pass under one watchdog (limit_time_real_cron, by default
# limit_time_real, 120 s): a call must stay a few seconds long even on a busy
# server. It takes at most this many records of each step...
CRON_BATCH_SIZE = 500
BATCH_SIZE_PARAM = "hcc_contracts.cron_batch_size"
# ... and handles them a chunk at a time, taking no more once it has run this
# long: a record that gets an activity costs 20 to 30 ms on a quiet server and
# ten times that on a loaded one, a RAG refresh a few milliseconds. Chunks
# start at CHUNK_SIZE records and double while one takes less than a tenth of
# the call's time, so that cheap steps keep the batched reads they are
# written for.
CALL_SECONDS = 5
CHUNK_SIZE = 10
# Once the pass has used this share of the watchdog's limit, the jobs still to
# run leave their work to the next pass (see ``_cron_deadline``)...
PASS_SHARE = 0.5
# ... of the limit less the cron worker's sleep in prefork mode: the worker
# pings its master, sleeps up to SLEEP_INTERVAL + 9 s and only then runs its
# pass, and the watchdog counts from the ping
CRON_WORKER_SLEEP = SLEEP_INTERVAL + 10
# a run left partly done is resumed where it stopped if its last call is this
# recent; an older one starts again from the first record (the steps' domains
# exclude what was handled, so starting again never does anything twice)
RESUME_WINDOW_HOURS = 6
# lost a race with another transaction: never swallowed, the whole call is
# rolled back and run again (``retrying``), as Odoo does for a request
CONCURRENCY_ERRORS = (*PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, pg_errors.LockNotAvailable)


class HccScheduler(models.AbstractModel):
    """Shared machinery of the scheduled actions that keep contracts on time.

    Every time-driven duty of the procedure (reviews, meetings, returns, surveys,
    actions, notices) is a cron made of *steps*: a domain that excludes the
    records already handled and a callback that handles a batch of them and
    writes the marker in the same transaction. Each call of the cron handles at
    most one batch per step, reports its progress with
    ``ir.cron._notify_progress`` and returns: Odoo commits and calls it again
    until nothing remains, so a run never outlives the cron time limit, and a
    run stopped at any point (time limit, killed worker, database restart)
    loses only its current batch, which the next call does again. A call
    stops taking records after ``CALL_SECONDS``, and a job that starts late in
    the cron worker's pass hands its work to the next pass, so that the pass
    ends within the watchdog's limit. A failing record is logged and skipped;
    a second run in a row does nothing."""

    _name = "hcc.scheduler"
    _description = "Social care contracts scheduler"

    # ------------------------------------------------------------------
    # Steps of a cron
    # ------------------------------------------------------------------
    @api.model
    def _step(self, key, model, domain, callback, fetch=None, batch_size=None):
        """One step of a cron: ``callback(batch)`` handles the records of
        ``model`` matching ``domain``, at most ``batch_size`` (default: the
        setting) per call. ``fetch(batch)``, when given, is called first,
        outside any savepoint, and returns ``{record id: data}`` for the
        records it could fetch in time (a prefix of the batch), passed as the
        callback's second argument: the place for network calls (see the CQC
        sync); the records it did not reach are left to the next call."""
        return {
            "key": key,
            "model": model,
            "domain": domain,
            "callback": callback,
            "fetch": fetch,
            "batch_size": batch_size,
        }

    @api.model
    def _retention_steps(self, model, pending, expired, callback):
        """The steps of an erasure at the end of the retention period of case
        details: one per company with records ``pending`` (a domain), each on
        the records ``expired(cutoff)`` (a domain) for the company's cutoff."""
        today = fields.Date.context_today(self)
        return [
            self._step(
                f"company_{company.id}",
                model,
                [
                    *pending,
                    ("company_id", "=", company.id),
                    *expired(
                        today - relativedelta(months=company.hcc_case_retention_months)
                    ),
                ],
                callback,
            )
            for (company,) in model._read_group(pending, ["company_id"])
        ]

    @api.model
    def _run_steps(self, steps):
        """Handle one batch of each step, report the progress, and return.

        Concurrency errors (serialisation failure, deadlock, lock not
        available) roll the call back and run it again, a few times, as Odoo
        retries an HTTP request (``odoo.service.model.retrying``, which also
        commits: the scheduler does that here); other errors stay in their
        record.

        :return: ``(done, remaining)``
        """
        for attempt in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
            try:
                result = self._run_steps_once(steps)
                self.env.flush_all()
                return result
            except CONCURRENCY_ERRORS as exc:
                if attempt == MAX_TRIES_ON_CONCURRENCY_FAILURE:
                    raise
                # what this call did is undone (the scheduler committed the
                # progress of the previous calls before this one)
                self.env.cr.rollback()
                self.env.reset()
                wait = random.uniform(0.0, 2**attempt)
                _logger.info(
                    "Scheduled action lost a race (%s): try %s again in %.2f s",
                    exc.pgcode,
                    attempt + 1,
                    wait,
                )
                time.sleep(wait)

    def _run_steps_once(self, steps):
        setting = self._cron_batch_size()
        progress = self._cron_progress()
        cursor = self._resume_cursor(progress)
        deadline, pass_deadline = self._cron_deadline()
        if progress and pass_deadline is not None and time.monotonic() >= pass_deadline:
            return self._defer_to_next_pass(steps, progress, cursor)
        done = remaining = 0
        for step in steps:
            key = step["key"]
            after = cursor.get(key, 0)
            if after is None:  # finished earlier in this run
                continue
            batch_size = min(step["batch_size"] or setting, setting)
            records = step["model"].search(
                self._step_domain(step, after), order="id", limit=batch_size + 1
            )
            batch = records[:batch_size]
            if not batch:
                cursor[key] = None
                continue
            callback = step["callback"]
            if step["fetch"]:
                fetched = step["fetch"](batch)
                # what the fetch did not reach in time is left to the next call
                reached = batch.filtered(lambda rec, f=fetched: rec.id in f)
                if reached != batch:
                    records, batch = batch, reached

                def callback(recs, call=step["callback"], fetched=fetched):
                    return call(recs, fetched)

            handled = self._run_chunks(batch, callback, deadline)
            done += len(handled)
            if len(records) > len(handled):
                cursor[key] = handled[-1].id
                remaining += step["model"].search_count(
                    self._step_domain(step, handled[-1].id)
                )
            else:
                cursor[key] = None
        if progress:
            progress.hcc_cursor = cursor
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

    @api.model
    def _step_domain(self, step, after):
        """The records of ``step`` still to handle after the id ``after``
        (0: from the first)."""
        return [*step["domain"], ("id", ">", after)] if after else list(step["domain"])

    def _run_chunks(self, batch, callback, deadline):
        """Handle ``batch`` a chunk at a time (``CHUNK_SIZE`` records, twice
        as many after a quick chunk) until ``deadline`` (a ``time.monotonic()``
        value); past it, the next record is the last. The records handled, a
        prefix of the batch and never empty."""
        handled = batch.browse()
        ids = batch.ids
        size = CHUNK_SIZE
        while ids:
            start = time.monotonic()
            late = start >= deadline
            if handled and late:
                break
            take = 1 if late else size
            chunk = batch.browse(ids[:take])
            ids = ids[take:]
            self._run_batched(chunk, callback, batch_size=take)
            handled |= chunk
            if time.monotonic() - start < CALL_SECONDS / 10:
                size *= 2
        return handled

    @api.model
    def _cron_deadline(self):
        """``(end of this call, end of the cron worker's pass)`` as
        ``time.monotonic()`` values; the second is ``None`` outside a cron
        worker's pass or when no watchdog limits it.

        Odoo's cron worker runs every due job in one pass, each up to ten
        calls in a row, and kills the worker when the pass outlives
        ``limit_time_real_cron`` (-1: ``limit_time_real``; 0: no limit); in
        prefork mode (``workers``) the limit also covers the worker's sleep
        before the pass. A pass that has used ``PASS_SHARE`` of what is left
        (at least one call's time) starts no more work."""
        now = time.monotonic()
        started = getattr(threading.current_thread(), "hcc_cron_pass", (None, None))[1]
        limit = config["limit_time_real_cron"]
        if limit is not None and limit < 0:
            limit = config["limit_time_real"]
        pass_deadline = None
        if started is not None and limit and limit > 0:
            if config["workers"]:
                limit -= CRON_WORKER_SLEEP
            pass_deadline = started + max(limit * PASS_SHARE, CALL_SECONDS)
        deadline = now + CALL_SECONDS
        if pass_deadline is not None:
            deadline = min(deadline, pass_deadline)
        return deadline, pass_deadline

    def _defer_to_next_pass(self, steps, progress, cursor):
        """Start no work late in the worker's pass: report what remains (no
        record done, so Odoo ends the job at once) and ask for the job again
        on the worker's next pass, which resumes from ``cursor`` and starts
        as soon as this one ends (``ir.cron._resume_next_pass``)."""
        remaining = 0
        for step in steps:
            after = cursor.get(step["key"], 0)
            if after is None:
                continue
            remaining += step["model"].search_count(self._step_domain(step, after))
        progress.hcc_cursor = cursor
        self.env["ir.cron"]._notify_progress(done=0, remaining=remaining)
        if remaining:
            # asked for again once Odoo has ended the job (``ir.cron``)
            threading.current_thread().hcc_cron_deferred = True
            _logger.info(
                "Scheduled action %s left %s records to the next pass of the "
                "cron worker, to stay within its time limit",
                progress.cron_id.name,
                remaining,
            )
        return 0, remaining

    @api.model
    def _cron_batch_size(self):
        value = self.env["ir.config_parameter"].sudo().get_param(BATCH_SIZE_PARAM) or ""
        try:
            size = int(value)
        except ValueError:
            size = 0
        if size <= 0:
            if value:
                _logger.warning(
                    "Ignoring %s=%r: not a positive whole number; using %s",
                    BATCH_SIZE_PARAM,
                    value,
                    CRON_BATCH_SIZE,
                )
            return CRON_BATCH_SIZE
        return size

    def _cron_progress(self):
        """The progress record of the current cron call, if run by the
        scheduler (``ir.cron._add_progress`` puts it in the context)."""
        progress_id = self.env.context.get("ir_cron_progress_id")
        return self.env["ir.cron.progress"].sudo().browse(progress_id or ())

    def _resume_cursor(self, progress):
        """Where the previous call of this run stopped, step by step
        (``{key: last id handled, or None when the step is finished}``); empty
        for the first call of a run. A call killed before it reported its
        progress left nothing (its writes were rolled back): the last call that
        did report is the one to resume from."""
        if not progress:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT previous.remaining, previous.hcc_cursor
                  FROM ir_cron_progress current
                  JOIN ir_cron_progress previous
                    ON previous.cron_id = current.cron_id AND previous.id < current.id
                 WHERE current.id = %(id)s
                   AND (previous.done > 0 OR previous.remaining > 0)
                   AND previous.create_date
                       > current.create_date - make_interval(hours => %(hours)s)
                 ORDER BY previous.id DESC
                 LIMIT 1
                """,
                id=progress.id,
                hours=RESUME_WINDOW_HOURS,
            )
        )
        row = self.env.cr.fetchone()
        if not row or not row[0] or not isinstance(row[1], dict):
            return {}
        return dict(row[1])

    @api.model
    def _end_transaction(self):
        """Commit what the cron did so far and end its transaction before a
        slow call to another system, so that no lock and no snapshot is held
        while waiting (nothing is written before that call). Not in tests,
        where the test's transaction must stay open."""
        self.env.flush_all()
        if not getattr(threading.current_thread(), "testing", False):
            # the cron's transaction (or a request's that wrote nothing yet):
            # what it did is consistent, its markers are written with it
            self.env.cr.commit()  # pylint: disable=invalid-commit

    # ------------------------------------------------------------------
    # Batches
    # ------------------------------------------------------------------
    @api.model
    def _run_batched(self, records, callback, batch_size=CRON_BATCH_SIZE):
        """Call ``callback(batch)`` on the records, ``batch_size`` at a time,
        each batch in a savepoint. When a batch fails, its records are retried
        one by one so that only the failing record is logged and skipped.

        :return: the records that were processed without error
        """
        done = records.browse()
        for batch_ids in split_every(batch_size, records.ids):
            batch = records.browse(batch_ids)
            if self._try(callback, batch):
                done |= batch
            else:
                for record in batch:
                    if self._try(callback, record, log=True):
                        done |= record
        return done

    def _try(self, callback, records, log=False):
        try:
            with self.env.cr.savepoint():
                callback(records)
        except CONCURRENCY_ERRORS:
            # the record lost a race: retried with the whole call, not skipped
            raise
        except Exception:
            if not log:
                return False
            _logger.exception(
                "Scheduled action skipped %s %s after an error",
                records._name,
                records.ids,
            )
            return False
        return True

    @api.model
    def _schedule_activities(self, requests):
        """Create the activities asked for, skipping those that already exist.

        :param requests: list of dicts with ``record`` (one record of a model
            with activities), ``activity_type`` (a ``mail.activity.type``),
            ``user`` (``res.users``), ``summary``, ``date_deadline`` and an
            optional ``note``.
        An activity exists already when the same record has an open activity of
        the same type for the same user. One search and one create are made,
        whatever the number of requests.
        :return: the created activities
        """
        Activity = self.env["mail.activity"].sudo()
        requests = [r for r in requests if r["user"] and r["record"]]
        if not requests:
            return Activity
        existing = Activity.search(
            [
                ("res_model", "in", list({r["record"]._name for r in requests})),
                ("res_id", "in", list({r["record"].id for r in requests})),
                (
                    "activity_type_id",
                    "in",
                    list({r["activity_type"].id for r in requests}),
                ),
            ]
        )
        seen = {
            (a.res_model, a.res_id, a.activity_type_id.id, a.user_id.id)
            for a in existing
        }
        model_ids = {
            name: self.env["ir.model"]._get_id(name)
            for name in {r["record"]._name for r in requests}
        }
        vals_list = []
        for request in requests:
            record = request["record"]
            key = (
                record._name,
                record.id,
                request["activity_type"].id,
                request["user"].id,
            )
            if key in seen:
                continue
            seen.add(key)
            vals_list.append(
                {
                    "res_model_id": model_ids[record._name],
                    "res_id": record.id,
                    "activity_type_id": request["activity_type"].id,
                    "user_id": request["user"].id,
                    "summary": request["summary"],
                    "note": request.get("note") or False,
                    "date_deadline": request.get("date_deadline")
                    or fields.Date.context_today(self),
                }
            )
        return Activity.create(vals_list)

    @api.model
    def _escalation_users(self, contract):
        """Who hears of a late item, in order: the lead officer, then the
        contract support officer, then the County Manager (Contracts)."""
        county_manager = contract.company_id.hcc_county_manager_id
        return [
            contract.lead_officer_id,
            contract.support_officer_id,
            county_manager,
        ]
