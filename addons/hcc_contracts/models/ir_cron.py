import threading
import time

from odoo import SUPERUSER_ID, api, fields, models


class IrCron(models.Model):
    _inherit = "ir.cron"

    @classmethod
    def _process_job(cls, db, cron_cr, job):
        """Note when the cron worker's current pass began, and wake the
        worker again at the end of a pass that left work.

        Odoo runs every due job of a database in one pass, with one cursor
        (``cron_cr``), under one watchdog (``limit_time_real_cron``): the
        first job run with a new cursor starts a new pass. The scheduled
        actions of this addon read it to leave the rest of their work to the
        next pass before the watchdog would kill the worker (see
        ``hcc.scheduler._cron_deadline``)."""
        thread = threading.current_thread()
        if getattr(thread, "hcc_cron_pass", (None,))[0] is not cron_cr:
            thread.hcc_cron_pass = (cron_cr, time.monotonic())
        thread.hcc_cron_deferred = False
        result = super()._process_job(db, cron_cr, job)
        if thread.hcc_cron_deferred:
            thread.hcc_cron_deferred = False
            cls._resume_next_pass(cron_cr, job)
        return result

    @classmethod
    def _resume_next_pass(cls, cron_cr, job):
        """The job left its work to the next pass: make it due at once and
        wake the cron workers. Without this the next pass would come only
        after the worker's sleep (up to 70 s), and a first run at county
        scale would take hours. The trigger is written once Odoo has ended
        the job, which drops the triggers due before that; the job is not run
        again in this pass, whose list of jobs was read at its start."""
        env = api.Environment(cron_cr, SUPERUSER_ID, {})
        env["ir.cron.trigger"].create(
            {"cron_id": job["id"], "call_at": fields.Datetime.now()}
        )
        cron_cr.commit()  # pylint: disable=invalid-commit
        # after the commit, so that the worker that wakes sees the trigger
        env["ir.cron"]._notifydb()
