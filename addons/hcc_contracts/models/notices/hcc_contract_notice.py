from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, is_html_empty

from ...tools.errors import problems_error
from ...tools.event_dates import (
    EventDate,
    check_event_dates,
    event_date_fields,
    post_stated_dates,
)
from ...tools.roles import GROUP_SUPPORT_OFFICER
from ..hcc_workflow_mixin import Transition

NOTICE_TYPES = [
    ("improvement", "Improvement notice"),
    ("default", "Default notice"),
]
NOTICE_STATES = [
    ("draft", "Draft"),
    ("served", "Served"),
    ("remedied", "Remedied"),
    ("escalated", "Escalated"),
    ("withdrawn", "Withdrawn"),
]
# What a served notice says and when: fixed once it is on the provider's desk
# (issue 7). Corrections are a new notice or a note in the chatter.
NOTICE_LOCKED_FIELDS = {
    "contract_id",
    "notice_type",
    "failings",
    "evidence_note",
    "evidence_meeting_ids",
    "evidence_action_ids",
    "evidence_return_ids",
    "evidence_complaint_ids",
    "date_served",
    "remedy_period_days",
    "date_remedy_due",
    "cso_consulted_id",
    "date_cso_consulted",
}
# the dates of past events a user states, and the steps they follow
# (tools/event_dates.py)
NOTICE_EVENT_DATES = (
    EventDate("date_cso_consulted"),
    EventDate("date_served", after=("date_cso_consulted",)),
    EventDate("date_provider_informed_closed", after=("date_served",)),
)
# days before the end of the remedy period when the officers are reminded
REMEDY_REMINDER_DAYS = 7


class HccContractNotice(models.Model):
    """An improvement or default notice served on the provider under the
    default clause of the contract (procedure 9.1, 9.4, 12.5)."""

    _name = "hcc.contract.notice"
    _description = "Improvement or Default Notice"
    _inherit = [
        "hcc.contract.record.mixin",
        "hcc.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _hcc_reference_sequence = "hcc.contract.notice"
    _order = "date_served desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self._default_name(),
        index="trigram",
    )
    contract_id = fields.Many2one(tracking=True)
    lead_officer_id = fields.Many2one(related="contract_id.lead_officer_id")
    notice_type = fields.Selection(
        NOTICE_TYPES, required=True, default="improvement", tracking=True
    )
    state = fields.Selection(
        NOTICE_STATES,
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    failings = fields.Html(
        help="The failings of the provider, as they will be set out in the notice.",
    )
    evidence_note = fields.Text(
        string="Evidence",
        help="The monitoring meetings, actions, data returns and complaints that "
        "show the failings (procedure 9.4).",
    )
    evidence_meeting_ids = fields.Many2many(
        "hcc.contract.meeting",
        string="Meetings",
        domain="[('contract_id', '=', contract_id)]",
        help="Monitoring meetings whose minutes record the failings.",
    )
    evidence_action_ids = fields.Many2many(
        "hcc.contract.action",
        string="Actions",
        domain="[('contract_id', '=', contract_id)]",
        help="Issues raised with the provider that were not resolved in time.",
    )
    evidence_return_ids = fields.Many2many(
        "hcc.data.return",
        string="Data Returns",
        domain="[('contract_id', '=', contract_id)]",
        help="Late, missing or worrying data returns.",
    )
    evidence_complaint_ids = fields.Many2many(
        "hcc.contract.complaint",
        string="Complaints",
        domain="[('contract_id', '=', contract_id)]",
    )
    cso_consulted_id = fields.Many2one(
        "res.users",
        string="CSO Consulted",
        tracking=True,
        domain="[('share', '=', False)]",
        check_company=True,
        help="The Contract Support Officer consulted before serving (procedure 9.1).",
    )
    date_cso_consulted = fields.Date(string="CSO Consulted On", tracking=True)
    date_served = fields.Date(
        tracking=True,
        copy=False,
        help="The date the notice was served on the provider, which informs them.",
    )
    remedy_period_days = fields.Integer(
        string="Remedy Period (Days)",
        default=28,
        tracking=True,
        help="A reasonable time for the provider to correct the failings "
        "(procedure 9.4).",
    )
    date_remedy_due = fields.Date(
        string="Remedy Due",
        compute="_compute_date_remedy_due",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
        index=True,
        help="Date by which the failings must be corrected.",
    )
    is_remedy_overdue = fields.Boolean(
        string="Remedy Overdue",
        compute="_compute_is_remedy_overdue",
        store=True,
        index=True,
        copy=False,
        help="Served, and the remedy date has passed. Refreshed every day.",
    )
    remedy_reminder_sent = fields.Boolean(
        copy=False,
        help="The officers were reminded that the remedy period is ending.",
    )
    remedy_overdue_notified = fields.Boolean(
        copy=False,
        help="The officers were asked to record the outcome once the remedy "
        "period had passed.",
    )
    date_closed = fields.Date(tracking=True, copy=False)
    date_provider_informed_closed = fields.Date(
        string="Provider Informed of Outcome",
        tracking=True,
        copy=False,
        help="When the lead officer told the provider of the outcome (procedure 9.5).",
    )
    outcome_note = fields.Text(string="Outcome", tracking=True, copy=False)
    serve_problems = fields.Text(
        string="Before Serving",
        compute="_compute_serve_problems",
        help="What stands in the way of serving this draft notice (the same "
        "checks as Serve).",
    )

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.depends(
        "state",
        "contract_id.state",
        "failings",
        "cso_consulted_id",
        "date_cso_consulted",
        "date_served",
    )
    def _compute_serve_problems(self):
        """Shown on the form before Serve is offered, so that the officer reads
        what is missing before being asked to confirm."""
        for notice in self:
            problems = notice._get_serve_problems() if notice.state == "draft" else []
            notice.serve_problems = "\n".join(problems) or False

    @api.depends("date_served", "remedy_period_days")
    def _compute_date_remedy_due(self):
        for notice in self:
            if notice.date_served and notice.remedy_period_days > 0:
                notice.date_remedy_due = notice.date_served + timedelta(
                    days=notice.remedy_period_days
                )
            else:
                notice.date_remedy_due = notice.date_remedy_due

    @api.depends("state", "date_remedy_due")
    def _compute_is_remedy_overdue(self):
        today = fields.Date.context_today(self)
        for notice in self:
            notice.is_remedy_overdue = bool(
                notice.state == "served"
                and notice.date_remedy_due
                and notice.date_remedy_due < today
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("contract_id")
    def _check_contract_live(self):
        for notice in self:
            if notice.contract_id.state != "active":
                raise ValidationError(
                    _(
                        "Contract %(ref)s is %(state)s: a notice can only be raised "
                        "on an active contract.",
                        ref=notice.contract_id.name,
                        state=notice.contract_id._hcc_state_label(
                            notice.contract_id.state
                        ).lower(),
                    )
                )

    @api.constrains(
        "contract_id",
        "evidence_meeting_ids",
        "evidence_action_ids",
        "evidence_return_ids",
        "evidence_complaint_ids",
    )
    def _check_evidence_contract(self):
        for notice in self:
            evidence = [
                *notice.evidence_meeting_ids,
                *notice.evidence_action_ids,
                *notice.evidence_return_ids,
                *notice.evidence_complaint_ids,
            ]
            foreign = [e for e in evidence if e.contract_id != notice.contract_id]
            if foreign:
                raise ValidationError(
                    _(
                        "Notice %(ref)s can only rely on evidence of its own "
                        "contract, not on %(record)s.",
                        ref=notice.name,
                        record=foreign[0].display_name,
                    )
                )

    @api.constrains(*event_date_fields(NOTICE_EVENT_DATES))
    def _check_event_dates(self):
        """Served, consulted and informed are past events: not in the future,
        not before the notice was drafted or the step before."""
        check_event_dates(self, NOTICE_EVENT_DATES)

    @api.constrains("date_served", "date_remedy_due", "remedy_period_days")
    def _check_remedy_dates(self):
        for notice in self:
            if notice.remedy_period_days <= 0:
                raise ValidationError(
                    _(
                        "Notice %(ref)s: the remedy period must be at least one day.",
                        ref=notice.name,
                    )
                )
            if (
                notice.date_served
                and notice.date_remedy_due
                and notice.date_remedy_due <= notice.date_served
            ):
                raise ValidationError(
                    _(
                        "Notice %(ref)s: the remedy date (%(due)s) must be after the "
                        "date the notice is served (%(served)s).",
                        ref=notice.name,
                        due=notice._format_date(notice.date_remedy_due),
                        served=notice._format_date(notice.date_served),
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_first_step_fields(self):
        """What a served notice says and when (``NOTICE_LOCKED_FIELDS``)."""
        return (
            super()._get_hcc_first_step_fields()
            | (NOTICE_LOCKED_FIELDS - {"contract_id"})
            | {"name"}
        )

    @api.model
    def _get_hcc_editable_fields(self):
        """A served notice keeps what it said (``NOTICE_LOCKED_FIELDS``); its
        outcome, and when the provider was told, are still recorded."""
        closing = {"outcome_note", "date_provider_informed_closed"}
        editable = super()._get_hcc_editable_fields()
        editable.update(
            served=closing, remedied=closing, escalated=closing, withdrawn=closing
        )
        return editable

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "date_closed",
            "is_remedy_overdue",
            "remedy_reminder_sent",
            "remedy_overdue_notified",
        }

    @api.model
    def _get_hcc_transitions(self):
        """A draft is served (9.1) or withdrawn; a served notice is remedied,
        escalated or withdrawn; an escalated one may still be remedied or
        withdrawn."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_serve=Transition(("draft",), "served", _("serve the notice")),
            action_remedy=Transition(
                ("served", "escalated"), "remedied", _("mark the notice as remedied")
            ),
            action_escalate=Transition(
                ("served",), "escalated", _("mark the notice as escalated")
            ),
            action_withdraw=Transition(
                ("draft", "served", "escalated"),
                "withdrawn",
                _("withdraw the notice"),
            ),
        )
        return transitions

    @api.model_create_multi
    def create(self, vals_list):
        notices = super().create(vals_list)
        notices._refresh_contract_rag()
        return notices

    def _hcc_step_refusal_message(self, state, names):
        """What a served notice says (``NOTICE_LOCKED_FIELDS``) is on the
        provider's desk."""
        locked = names & NOTICE_LOCKED_FIELDS
        if locked:
            return _(
                "Notice %(ref)s has been served and cannot be changed "
                "(%(fields)s). Record a correction as a note in its "
                "chatter, or withdraw it and serve a new notice.",
                ref=self.name,
                fields=self._hcc_field_labels(locked),
            )
        return super()._hcc_step_refusal_message(state, names)

    def write(self, vals):
        result = super().write(vals)
        if {"state", "date_remedy_due"}.intersection(vals):
            self._refresh_contract_rag()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_served(self):
        served = self.filtered(lambda n: n.state != "draft")
        if served:
            raise UserError(
                _(
                    "Notice %(ref)s has been served and is part of the evidence "
                    "trail: withdraw it instead of deleting it.",
                    ref=served[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_serve(self):
        """Serve draft notices on the provider, once the Contract Support
        Officer has been consulted (procedure 9.1)."""
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        self._hcc_check_transition("action_serve")
        today = fields.Date.context_today(self)
        for notice in self:
            problems = notice._get_serve_problems()
            if problems:
                raise problems_error(
                    _("Notice %(ref)s cannot be served yet:", ref=notice.name), problems
                )
        for notice in self:
            served = notice.date_served or today
            vals = {}
            if not notice.date_served:
                vals["date_served"] = served
            if not notice.date_remedy_due:
                vals["date_remedy_due"] = served + timedelta(
                    days=notice.remedy_period_days
                )
            notice._hcc_transition("action_serve", vals)
            post_stated_dates(notice, ["date_cso_consulted", "date_served"])
        self._hcc_file_served_letter()
        return True

    def _hcc_file_served_letter(self):
        """Hook: file the letter as served, the PDF actually sent, in the
        contract file. The reports addon, which prints the letter, does it."""

    def action_remedy(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        return self._close("action_remedy")

    def action_escalate(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        return self._close("action_escalate")

    def action_withdraw(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        drafts = self.filtered(lambda n: n.state == "draft")
        drafts._close("action_withdraw", inform=False)
        (self - drafts)._close("action_withdraw")
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_serve_problems(self):
        self.ensure_one()
        problems = []
        if self.contract_id.state != "active":
            problems.append(_("The contract is not active."))
        if is_html_empty(self.failings):
            problems.append(_("The failings are not described."))
        if not self.cso_consulted_id or not self.date_cso_consulted:
            problems.append(
                _(
                    "The Contract Support Officer must be consulted first, and the "
                    "date recorded (procedure 9.1)."
                )
            )
        elif not self.cso_consulted_id.has_group(GROUP_SUPPORT_OFFICER):
            problems.append(
                _(
                    "%(user)s is not a Contract Support Officer.",
                    user=self.cso_consulted_id.name,
                )
            )
        today = fields.Date.context_today(self)
        if self.date_served and self.date_served > today:
            problems.append(_("The date served cannot be in the future."))
        if self.date_cso_consulted and self.date_cso_consulted > (
            self.date_served or today
        ):
            problems.append(
                _("The Contract Support Officer must be consulted before serving.")
            )
        return problems

    def _close(self, action, inform=True):
        """Record the outcome of notices (the action ``action`` of the
        transition table), the provider having been told of it (procedure
        9.5); ``inform`` is False for a draft that was never served."""
        transition = self._get_hcc_transitions()[action]
        label = self._hcc_state_label(transition.to_state)
        for notice in self:
            notice._hcc_check_transition(action)
            if inform and not notice.date_provider_informed_closed:
                raise UserError(
                    _(
                        "Notice %(ref)s: record when the provider was informed of "
                        "the outcome before marking it %(state)s (procedure 9.5).",
                        ref=notice.name,
                        state=label.lower(),
                    )
                )
        if self:
            self._hcc_transition(
                action, {"date_closed": fields.Date.context_today(self)}
            )
            if inform:
                for notice in self:
                    post_stated_dates(notice, ["date_provider_informed_closed"])
        return True

    def _format_date(self, date):
        """A date in the user's language: 30/06/2026 in English (UK)."""
        return format_date(self.env, date) if date else ""

    @api.model
    def _cron_notice_remedy_due(self):
        """Daily: remind the lead officer and the support officer when a remedy
        period is about to end, then flag the notices whose remedy period has
        passed so the outcome is decided. Each step selects only notices not
        yet handled (``remedy_reminder_sent``, ``remedy_overdue_notified``), so a
        second run does nothing."""
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        ending = [
            ("state", "=", "served"),
            ("remedy_reminder_sent", "=", False),
            ("date_remedy_due", "<=", today + timedelta(days=REMEDY_REMINDER_DAYS)),
        ]
        overdue = [
            ("state", "=", "served"),
            ("remedy_overdue_notified", "=", False),
            ("date_remedy_due", "<", today),
        ]
        scheduler._run_steps(
            [
                scheduler._step(
                    self, ending, lambda batch: batch._remind_remedy_ending()
                ),
                scheduler._step(
                    self, overdue, lambda batch: batch._flag_remedy_overdue()
                ),
            ]
        )

    def _remind_remedy_ending(self):
        activity_type = self.env.ref(
            "hcc_contracts.mail_activity_type_notice_remedy_ending"
        )
        note = _("Check whether the provider has corrected the failings.")
        requests = []
        for notice in self:
            summary = _(
                "Remedy period of %(ref)s ends on %(date)s",
                ref=notice.name,
                date=notice._format_date(notice.date_remedy_due),
            )
            for user in notice._officers():
                requests.append(
                    {
                        "record": notice,
                        "activity_type": activity_type,
                        "user": user,
                        "summary": summary,
                        "note": note,
                        "date_deadline": notice.date_remedy_due,
                    }
                )
        self.env["mail.activity"]._hcc_schedule(requests)
        self.write({"remedy_reminder_sent": True})

    def _flag_remedy_overdue(self):
        activity_type = self.env.ref(
            "hcc_contracts.mail_activity_type_notice_remedy_overdue"
        )
        today = fields.Date.context_today(self)
        note = _(
            "Mark the notice remedied, or escalate it; early termination can now "
            "be considered (procedure 9.2 to 9.4)."
        )
        requests = []
        for notice in self:
            summary = _(
                "Remedy period of %(ref)s has passed: record the outcome",
                ref=notice.name,
            )
            for user in notice._officers():
                requests.append(
                    {
                        "record": notice,
                        "activity_type": activity_type,
                        "user": user,
                        "summary": summary,
                        "note": note,
                        "date_deadline": today,
                    }
                )
        self.env["mail.activity"]._hcc_schedule(requests)
        self.write({"is_remedy_overdue": True, "remedy_overdue_notified": True})
        self._refresh_contract_rag()

    def _officers(self):
        self.ensure_one()
        contract = self.contract_id
        return (contract.lead_officer_id | contract.support_officer_id).filtered(
            "active"
        )
