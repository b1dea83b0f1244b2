import logging

from odoo import api, fields, models
from odoo.tools import split_every

_logger = logging.getLogger(__name__)

CRON_BATCH_SIZE = 200


class HccScheduler(models.AbstractModel):
    """Shared machinery of the scheduled actions that keep contracts on time.

    Every time-driven duty of the procedure (reviews, meetings, returns, surveys,
    actions, notices) is a cron that finds the records needing attention with a
    domain that excludes what was already handled, then processes them in
    batches: a failing record is logged and skipped, progress is reported to
    ``ir.cron``, and reminders are ``mail.activity`` records that are never
    duplicated. A second run in a row therefore does nothing."""

    _name = "hcc.scheduler"
    _description = "Social care contracts scheduler"

    @api.model
    def _run_batched(self, records, callback, batch_size=CRON_BATCH_SIZE):
        """Call ``callback(batch)`` on the records, ``batch_size`` at a time,
        each batch in a savepoint. When a batch fails, its records are retried
        one by one so that only the failing record is logged and skipped.

        :return: the records that were processed without error
        """
        done = records.browse()
        total = len(records)
        processed = 0
        for batch_ids in split_every(batch_size, records.ids):
            batch = records.browse(batch_ids)
            processed += len(batch)
            if self._try(callback, batch):
                done |= batch
            else:
                for record in batch:
                    if self._try(callback, record, log=True):
                        done |= record
            self.env["ir.cron"]._notify_progress(
                done=len(done), remaining=total - processed
            )
        return done

    def _try(self, callback, records, log=False):
        try:
            with self.env.cr.savepoint():
                callback(records)
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
