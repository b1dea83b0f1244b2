from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..hcc_workflow_mixin import Transition

# the level that turns the contract's RAG status red while a concern is open
HIGHEST_LEVEL = "high"
OPEN_STATES = ("open", "enquiry")


class HccSafeguardingConcern(models.Model):
    """A safeguarding concern about the service of a contract, recorded by
    the case reference of the council's safeguarding system: never a name.

    Only the group "Safeguarding" and the County Manager (Contracts) read
    it. It has no chatter on purpose, as specific cases: a tracking value
    would keep a copy of the summary that the retention cron could not
    erase. An open concern counts in the contract's RAG status with a reason
    that names nobody; the summary is erased at the end of the company's
    retention period of case details, counted from the closure, keeping the
    reference, category, level, dates and outcome as evidence."""

    _name = "hcc.safeguarding.concern"
    _description = "Safeguarding Concern"
    _inherit = ["hcc.contract.record.mixin"]
    _order = "date_raised desc, id desc"
    _rec_name = "case_reference"
    _check_company_auto = True

    case_reference = fields.Char(
        required=True,
        index=True,
        help="The reference of the concern in the council's safeguarding system. "
        "Never a name or anything that identifies a person.",
    )
    partner_id = fields.Many2one(store=True)
    date_raised = fields.Date(
        required=True,
        default=fields.Date.context_today,
        index=True,
        help="The day the concern was raised. It is not moved afterwards.",
    )
    category = fields.Selection(
        [
            ("neglect", "Neglect or acts of omission"),
            ("physical", "Physical abuse"),
            ("financial", "Financial or material abuse"),
            ("organisational", "Organisational abuse"),
            ("other", "Other"),
        ],
        required=True,
        default="neglect",
        help="The category of abuse or neglect the concern is about.",
    )
    level = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
        help="How serious the concern is. An open concern turns the contract "
        "amber; a high one turns it red.",
    )
    summary = fields.Text(
        help="What the concern is about, in general terms. Never a name or "
        "anything that identifies a person: refer to the case reference. "
        "Erased at the end of the retention period.",
    )
    state = fields.Selection(
        [("open", "Open"), ("enquiry", "Under enquiry"), ("closed", "Closed")],
        required=True,
        default="open",
        index=True,
        readonly=True,
        copy=False,
    )
    outcome = fields.Selection(
        [
            ("substantiated", "Substantiated"),
            ("partly_substantiated", "Partly substantiated"),
            ("not_substantiated", "Not substantiated"),
            ("inconclusive", "Inconclusive"),
            ("no_further_action", "No further action"),
        ],
        help="The outcome of the enquiry: required to close the concern.",
    )
    date_closed = fields.Date(
        readonly=True,
        copy=False,
        index=True,
        help="The day the concern was closed; its retention period starts then.",
    )
    recorded_by_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
        help="The person who recorded the concern.",
    )
    date_erased = fields.Date(
        string="Summary Erased On",
        readonly=True,
        copy=False,
        index=True,
        help="The summary was erased at the end of the retention period of case "
        "details; the reference, category, level, dates and outcome stay.",
    )

    # ------------------------------------------------------------------
    # The guard (hcc.workflow.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_first_step_fields(self):
        return super()._get_hcc_first_step_fields() | {
            "case_reference",
            "category",
            "level",
            "outcome",
            "summary",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """Under enquiry the level, summary and outcome still change; a closed
        concern is evidence and changes no more."""
        editable = super()._get_hcc_editable_fields()
        editable.update(
            open={"case_reference", "category", "level", "outcome", "summary"},
            enquiry={"level", "outcome", "summary"},
        )
        return editable

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "date_closed",
            "date_erased",
            "recorded_by_id",
        }

    @api.model
    def _get_hcc_immutable_fields(self):
        """The date raised is evidence, and starts nothing to be moved."""
        return super()._get_hcc_immutable_fields() | {"date_raised"}

    @api.model
    def _get_hcc_transitions(self):
        """An open concern goes under enquiry; either is closed, for good."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_start_enquiry=Transition(
                ("open",), "enquiry", _("start the enquiry into the concern")
            ),
            action_close=Transition(
                ("open", "enquiry"), "closed", _("close the safeguarding concern")
            ),
        )
        return transitions

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        concerns = super().create(vals_list)
        concerns._refresh_contract_rag()
        return concerns

    def write(self, vals):
        erased = self.filtered("date_erased")
        if erased and "summary" in vals:
            raise UserError(
                _(
                    "The summary of safeguarding concern %(ref)s was erased at the "
                    "end of its retention period and cannot be written again.",
                    ref=erased[0].case_reference,
                )
            )
        res = super().write(vals)
        if {"state", "level"} & vals.keys():
            self._refresh_contract_rag()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "Safeguarding concerns are part of the contract's evidence trail "
                "and cannot be deleted: close them with their outcome."
            )
        )

    @api.constrains("date_raised")
    def _check_date_raised(self):
        today = fields.Date.context_today(self)
        for concern in self:
            if concern.date_raised > today:
                raise ValidationError(
                    _(
                        "Safeguarding concern %(ref)s cannot be raised in the future.",
                        ref=concern.case_reference,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_start_enquiry(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        self._hcc_transition("action_start_enquiry")
        return True

    def action_close(self):
        self.check_access("write")
        self._hcc_check_transition("action_close")
        missing = self.filtered(lambda c: not c.outcome)
        if missing:
            raise UserError(
                _(
                    "Safeguarding concern %(ref)s cannot be closed without its "
                    "outcome.",
                    ref=missing[0].case_reference,
                )
            )
        dialog = self._hcc_confirmation(
            "action_close",
            _(
                "Close the concern? A closed concern cannot be reopened or "
                "changed: record a new one if it is raised again."
            ),
        )
        if dialog:
            return dialog
        self._hcc_transition(
            "action_close", {"date_closed": fields.Date.context_today(self)}
        )
        return True

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------
    @api.model
    def _cron_erase_expired_summaries(self):
        """Daily: erase the summary of concerns closed longer ago than the
        company's retention period of case details (the setting of specific
        cases). The record stays as evidence; ``date_erased`` makes a second
        run do nothing."""
        scheduler = self.env["hcc.scheduler"]
        scheduler._run_steps(
            scheduler._retention_steps(
                self.sudo(),
                [("date_erased", "=", False), ("state", "=", "closed")],
                lambda cutoff: [("date_closed", "<", cutoff)],
                self._erase_details,
            )
        )

    def _erase_details(self, concerns):
        concerns.write(
            {"summary": False, "date_erased": fields.Date.context_today(self)}
        )
