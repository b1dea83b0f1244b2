from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools.event_dates import EventDate, check_event_dates

# the texts that may speak of service users: never tracked in the chatter (a
# tracking value would keep a copy the erasure cannot reach), erased with the
# case details once the company's retention period has passed
PERSONAL_FIELDS = ("name", "description", "provider_response")


class HccContractComplaint(models.Model):
    """A complaint or compliment about the service and how the provider dealt
    with it, examined at every monitoring meeting (procedure 7.6).

    Its texts may speak of service users: they are not tracked, only the
    roles who manage contracts read them (not Read-only, not Finance), and
    they are erased when the company's retention period of case details has
    passed since the complaint was resolved."""

    _name = "hcc.contract.complaint"
    _description = "Complaint or Compliment"
    _hcc_state_path = False
    _inherit = ["hcc.contract.record.mixin", "mail.thread"]
    _order = "date_received desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Summary", required=True)
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
    provider_response = fields.Text(string="How the Provider Dealt with It")
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
    date_erased = fields.Date(
        string="Details Erased On",
        readonly=True,
        copy=False,
        index=True,
        help="The texts were erased at the end of the retention period of case "
        "details; the type, dates and outcome stay as evidence.",
    )

    @api.model
    def _get_hcc_first_step_fields(self):
        """A complaint has no workflow: its details change until erased."""
        return super()._get_hcc_first_step_fields() | {
            "active",
            "complaint_type",
            "date_received",
            "date_resolved",
            "description",
            "name",
            "outcome",
            "provider_response",
        }

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {"date_erased"}

    def write(self, vals):
        erased = self.filtered("date_erased")
        if erased and set(PERSONAL_FIELDS) & vals.keys():
            raise UserError(
                _(
                    "The details of this complaint were erased at the end of their "
                    "retention period and cannot be written again."
                )
            )
        return super().write(vals)

    @api.model
    def _cron_erase_expired_details(self):
        """Daily: erase the texts of complaints and compliments resolved (or
        received, for a compliment) longer ago than the company's retention
        period of case details. The record stays as evidence, with its dates
        and outcome; ``date_erased`` makes a second run do nothing."""
        scheduler = self.env["hcc.scheduler"]
        scheduler._run_steps(
            scheduler._retention_steps(
                self.sudo().with_context(active_test=False),
                [("date_erased", "=", False), ("is_open", "=", False)],
                lambda cutoff: [
                    "|",
                    ("date_resolved", "<", cutoff),
                    "&",
                    ("date_resolved", "=", False),
                    ("date_received", "<", cutoff),
                ],
                self._erase_details,
            )
        )

    def _erase_details(self, items):
        items.write(
            {
                "name": _("Details erased"),
                "description": False,
                "provider_response": False,
                "date_erased": fields.Date.context_today(self),
            }
        )

    @api.depends("date_received", "date_resolved", "complaint_type")
    def _compute_days_to_resolve(self):
        for item in self:
            done = item.date_resolved and item.date_received
            item.days_to_resolve = (
                (item.date_resolved - item.date_received).days if done else 0
            )
            item.is_open = item.complaint_type == "complaint" and not item.date_resolved

    @api.constrains("date_received", "date_resolved")
    def _check_event_dates(self):
        """Received and resolved are past events, not in the future. A
        complaint is logged after it was received, so neither date has the
        record's creation as a floor; resolved follows received (below)."""
        check_event_dates(
            self,
            [
                EventDate("date_received", since_created=False),
                EventDate("date_resolved", since_created=False),
            ],
        )

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
