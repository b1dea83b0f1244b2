from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ...tools.event_dates import EventDate, check_event_dates, post_stated_dates
from ..hcc_workflow_mixin import Transition

# what a received survey reports: evidence of standard 12.3, no longer editable
# once received (``_get_hcc_first_step_fields``)
SURVEY_RESULT_FIELDS = {
    "survey_year",
    "date_from",
    "date_to",
    "date_received",
    "respondents",
    "satisfied_percent",
    "headline_results",
}

# the reminder of a survey due
DUE_TYPE = "hcc_contracts.mail_activity_type_survey_due"


class HccSatisfactionSurvey(models.Model):
    """The user satisfaction survey the provider undertakes every year of the
    contract (procedure 6.2, 12.3), examined at monitoring meetings (7.6) and at
    the contract review (10.2)."""

    _name = "hcc.satisfaction.survey"
    _description = "User Satisfaction Survey"
    _inherit = ["hcc.contract.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(store=True)
    survey_year = fields.Integer(
        required=True, help="Year of the contract the survey covers: 1 is the first."
    )
    date_from = fields.Date(string="Year Start", required=True)
    date_to = fields.Date(string="Year End", required=True)
    date_due = fields.Date(string="Due Date", required=True, tracking=True)
    date_received = fields.Date(tracking=True, copy=False)
    state = fields.Selection(
        [("due", "Due"), ("received", "Received"), ("cancelled", "Cancelled")],
        default="due",
        required=True,
        tracking=True,
        index=True,
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        store=True,
        index=True,
        help="Still due after its due date. Refreshed every day.",
    )
    respondents = fields.Integer()
    satisfied_percent = fields.Float(string="Satisfied (%)")
    headline_results = fields.Html()

    _sql_constraints = [
        (
            "contract_year_uniq",
            "unique(contract_id, survey_year)",
            "This contract already has a satisfaction survey for this year.",
        ),
    ]

    @api.depends("contract_id.name", "survey_year", "date_from", "date_to")
    def _compute_name(self):
        for survey in self:
            survey.name = _(
                "%(ref)s – survey %(start)s to %(end)s",
                ref=survey.contract_id.name or "",
                start=format_date(self.env, survey.date_from, date_format="MMM y"),
                end=format_date(self.env, survey.date_to, date_format="MMM y"),
            )

    @api.depends("state", "date_due")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for survey in self:
            survey.is_late = bool(
                survey.state == "due" and survey.date_due and survey.date_due < today
            )

    @api.constrains("date_received", "date_from")
    def _check_event_dates(self):
        """Received is a past event: not in the future, not before the year
        it covers starts nor before the survey was expected
        (tools/event_dates.py)."""
        check_event_dates(self, [EventDate("date_received", after=("date_from",))])

    @api.constrains("respondents", "satisfied_percent", "date_received", "date_from")
    def _check_results(self):
        for survey in self:
            if survey.respondents < 0 or not 0 <= survey.satisfied_percent <= 100:
                raise ValidationError(
                    _(
                        "Survey %(name)s: respondents cannot be negative and the "
                        "share of satisfied users must lie between 0%% and 100%%.",
                        name=survey.name,
                    )
                )
            if survey.date_received and survey.date_received < survey.date_from:
                raise ValidationError(
                    _(
                        "Survey %(name)s: it cannot be received before the year it "
                        "covers starts.",
                        name=survey.name,
                    )
                )

    @api.model
    def _get_hcc_first_step_fields(self):
        """The survey's year and period, and its results until received."""
        return super()._get_hcc_first_step_fields() | {
            "date_due",
            "date_from",
            "date_received",
            "date_to",
            "headline_results",
            "respondents",
            "satisfied_percent",
            "survey_year",
        }

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {"state", "is_late"}

    @api.model
    def _get_hcc_transitions(self):
        """A survey due is received, or cancelled."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_receive=Transition(
                ("due",), "received", _("mark the survey as received")
            ),
            action_cancel=Transition(("due",), "cancelled", _("cancel the survey")),
        )
        return transitions

    @api.model_create_multi
    def create(self, vals_list):
        self._check_year_free(vals_list)
        surveys = super().create(vals_list)
        surveys._refresh_contract_rag()
        return surveys

    def _hcc_step_refusal_message(self, state, names):
        """A received survey's results (``SURVEY_RESULT_FIELDS``) are
        evidence of standard 12.3."""
        changed = names & SURVEY_RESULT_FIELDS
        if state == "received" and changed:
            return _(
                "Survey %(name)s has been received: its year, date and results "
                "are evidence and cannot change (%(fields)s).",
                name=self.name,
                fields=self._hcc_field_labels(changed),
            )
        return super()._hcc_step_refusal_message(state, names)

    def write(self, vals):
        res = super().write(vals)
        if {"state", "date_due"} & set(vals):
            self._refresh_contract_rag()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_received(self):
        if any(s.state == "received" for s in self):
            raise UserError(
                _("A received satisfaction survey cannot be deleted: cancel it.")
            )

    def action_receive(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        for survey in self:
            stated = survey.date_received
            survey._hcc_transition(
                "action_receive",
                {
                    "date_received": survey.date_received
                    or fields.Date.context_today(self),
                },
            )
            if stated:
                # a date the user typed, not today's set by the action
                post_stated_dates(survey, ["date_received"])
        self.activity_feedback([DUE_TYPE], feedback=_("Survey received."))
        return True

    def action_cancel(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        self._hcc_transition("action_cancel")
        self.activity_unlink([DUE_TYPE])
        return True

    @api.model
    def _cron_flag_late_surveys(self):
        """Daily: flag surveys past their due date and refresh the RAG status."""
        scheduler = self.env["hcc.scheduler"]
        scheduler._run_steps([self._late_surveys_step()])

    @api.model
    def _late_surveys_step(self):
        domain = [
            ("state", "=", "due"),
            ("is_late", "=", False),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        return self.env["hcc.scheduler"]._step(self, domain, self._flag_late)

    def _flag_late(self, surveys):
        self.env.add_to_compute(self._fields["is_late"], surveys)
        surveys.flush_recordset(["is_late"])
        surveys._refresh_contract_rag()

    @api.model
    def _check_year_free(self, vals_list):
        """One survey per contract and year: say so clearly before the database
        refuses it (an import would otherwise show a generic message)."""
        wanted = [(v.get("contract_id"), v.get("survey_year")) for v in vals_list]
        taken = self._read_group(
            [
                ("contract_id", "in", [c for c, _y in wanted if c]),
                ("survey_year", "in", [y for _c, y in wanted if y]),
            ],
            ["contract_id", "survey_year"],
        )
        taken = {(contract.id, year): contract for contract, year in taken}
        seen = set()
        for key in wanted:
            if key in taken or key in seen:
                contract = self.env["hcc.contract"].browse(key[0])
                raise ValidationError(
                    _(
                        "Contract %(ref)s already has a survey for year %(year)s.",
                        ref=contract.name,
                        year=key[1],
                    )
                )
            seen.add(key)

    @api.model
    def _prepare_survey_vals(self, contract, year):
        """Values of the survey of ``year`` (1 = first) of ``contract``."""
        date_from = contract.date_start + relativedelta(years=year - 1)
        date_to = date_from + relativedelta(years=1, days=-1)
        return {
            "contract_id": contract.id,
            "survey_year": year,
            "date_from": date_from,
            "date_to": date_to,
            "date_due": date_to
            + relativedelta(days=contract.company_id.hcc_return_due_days),
        }
