import logging

from dateutil.relativedelta import relativedelta
from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import split_every

_logger = logging.getLogger(__name__)

# A call of a cron takes at most this many records of each step: Odoo calls it
# again, up to ten times a pass, while it reports work remaining, and asks for
# the job again at once after a pass that left some. A record costs a few
# queries (benchmark: docs/performance.md), so a call stays a few seconds long.
CRON_BATCH_SIZE = 500
BATCH_SIZE_PARAM = "hcc_contracts.cron_batch_size"
# lost a race with another transaction: never swallowed as a record's error,
# the call fails and Odoo runs the job again
CONCURRENCY_ERRORS = (*PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, pg_errors.LockNotAvailable)


class HccScheduler(models.AbstractModel):
    """The scheduled actions that keep contracts on time, written as core
    writes its crons.

    Every time-driven duty of the procedure (reviews, meetings, returns,
    surveys, actions, notices) is a cron made of *steps*: a domain that
    excludes the records already handled, and a callback that handles a batch
    of them and writes its marker in the same transaction. A call takes one
    batch of each step (a search with ``limit + 1`` tells whether more are
    left), handles it and reports with ``ir.cron._notify_progress``; Odoo
    commits, calls again while work remains, and a run stopped at any point
    loses only its current call. A failing record is logged and skipped; a
    second run in a row does nothing."""

    _name = "hcc.scheduler"
    _description = "Social care contracts scheduler"

    @api.model
    def _step(self, model, domain, callback):
        """One step of a cron: ``callback(batch)`` handles records of
        ``model`` matching ``domain``, and must take them out of it."""
        return {"model": model, "domain": domain, "callback": callback}

    @api.model
    def _retention_steps(self, model, pending, expired, callback):
        """The steps of an erasure at the end of the retention period of case
        details: one per company with records ``pending`` (a domain), each on
        the records ``expired(cutoff)`` (a domain) for the company's cutoff."""
        today = fields.Date.context_today(self)
        return [
            self._step(
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
        """Handle one batch of each step and report the progress to the cron.

        :return: ``(done, remaining)``
        """
        size = self._cron_batch_size()
        done = remaining = 0
        for step in steps:
            model, domain = step["model"], step["domain"]
            records = model.search(domain, order="id", limit=size + 1)
            handled = self._run_batched(records[:size], step["callback"])
            done += len(handled)
            if len(records) > size:
                remaining += model.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done, remaining

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

    @api.model
    def _run_batched(
        self, records, callback, batch_size=CRON_BATCH_SIZE, on_error=None
    ):
        """Call ``callback(batch)`` on the records, ``batch_size`` at a time,
        each batch in a savepoint. When a batch fails, its records are retried
        one by one so that only the failing record is logged and skipped;
        ``on_error(record, error)``, when given, then records the failure
        (after the record's savepoint was rolled back), so that a caller can
        mark the record rather than meet it again at its next call.

        :return: the records that were processed without error
        """
        done = records.browse()
        for batch_ids in split_every(batch_size, records.ids):
            batch = records.browse(batch_ids)
            if self._try(callback, batch):
                done |= batch
            else:
                for record in batch:
                    if self._try(callback, record, log=True, on_error=on_error):
                        done |= record
        return done

    def _try(self, callback, records, log=False, on_error=None):
        try:
            with self.env.cr.savepoint():
                callback(records)
        except CONCURRENCY_ERRORS:
            # the record lost a race: the call fails and is run again
            raise
        except Exception as error:
            if not log:
                return False
            _logger.exception(
                "Scheduled action skipped %s %s after an error",
                records._name,
                records.ids,
            )
            if on_error is not None:
                on_error(records, error)
            return False
        return True
