import threading
import time

from odoo import models


class IrCron(models.Model):
    _inherit = "ir.cron"

    @classmethod
    def _process_job(cls, db, cron_cr, job):
        """Note when the cron worker's current pass began.

        Odoo runs every due job of a database in one pass, with one cursor
        (``cron_cr``), under one watchdog (``limit_time_real_cron``): the
        first job run with a new cursor starts a new pass. The scheduled
        actions of this addon read it to leave the rest of their work to the
        next pass before the watchdog would kill the worker (see
        ``hcc.scheduler._cron_deadline``)."""
        thread = threading.current_thread()
        if getattr(thread, "hcc_cron_pass", (None,))[0] is not cron_cr:
            thread.hcc_cron_pass = (cron_cr, time.monotonic())
        return super()._process_job(db, cron_cr, job)
