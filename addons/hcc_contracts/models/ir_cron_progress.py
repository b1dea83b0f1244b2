from odoo import fields, models


class IrCronProgress(models.Model):
    """Where a scheduled action stopped: the last record id each of its steps
    handled, so that the next call of a partially done run starts after it
    (see ``hcc.scheduler._run_steps``)."""

    _inherit = "ir.cron.progress"

    hcc_cursor = fields.Json(string="Resume After")
