from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HccContractComplaint(models.Model):
    """A complaint or compliment about the service and how the provider dealt
    with it, examined at every monitoring meeting (procedure 7.6)."""

    _name = "hcc.contract.complaint"
    _description = "Complaint or Compliment"
    _inherit = ["hcc.contract.record.mixin", "mail.thread"]
    _order = "date_received desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Summary", required=True, tracking=True)
    active = fields.Boolean(default=True)
    complaint_type = fields.Selection(
        [("complaint", "Complaint"), ("compliment", "Compliment")],
        string="Type",
        required=True,
        default="complaint",
        tracking=True,
    )
    partner_id = fields.Many2one(store=True)
    date_received = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    description = fields.Text()
    provider_response = fields.Text(
        string="How the Provider Dealt with It", tracking=True
    )
    date_resolved = fields.Date(tracking=True)
    days_to_resolve = fields.Integer(
        compute="_compute_days_to_resolve", store=True, aggregator="avg"
    )
    outcome = fields.Selection(
        [
            ("upheld", "Upheld"),
            ("partly_upheld", "Partly upheld"),
            ("not_upheld", "Not upheld"),
        ],
        tracking=True,
    )
    is_open = fields.Boolean(
        compute="_compute_days_to_resolve", store=True, string="Open"
    )

    @api.depends("date_received", "date_resolved", "complaint_type")
    def _compute_days_to_resolve(self):
        for item in self:
            done = item.date_resolved and item.date_received
            item.days_to_resolve = (
                (item.date_resolved - item.date_received).days if done else 0
            )
            item.is_open = item.complaint_type == "complaint" and not item.date_resolved

    @api.constrains("date_received", "date_resolved", "outcome", "complaint_type")
    def _check_dates(self):
        for item in self:
            if item.date_resolved and item.date_resolved < item.date_received:
                raise ValidationError(
                    _(
                        "Complaint “%(name)s”: it cannot be resolved before it was "
                        "received.",
                        name=item.name,
                    )
                )
            if item.outcome and item.complaint_type != "complaint":
                raise ValidationError(
                    _(
                        "“%(name)s” is a compliment: only complaints have an outcome.",
                        name=item.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "Complaints and compliments are part of the contract's evidence "
                "trail: archive them instead of deleting them."
            )
        )
