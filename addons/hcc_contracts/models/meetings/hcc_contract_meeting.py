from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, is_html_empty

from ...tools.errors import problems_error
from ...tools.event_dates import council_today
from ...tools.roles import GROUP_SERVICE_MANAGER, check_role_holders, role_users_domain
from ...tools.selection import selection_label
from ..hcc_workflow_mixin import Transition

MEETING_TYPES = [
    ("pre_commencement", "Pre-commencement"),
    ("post_commencement", "First after commencement"),
    ("scheduled", "Scheduled"),
    ("ad_hoc", "Ad hoc"),
]
MEETING_STATES = [
    ("planned", "Planned"),
    ("held", "Held"),
    ("minutes_circulated", "Minutes circulated"),
    ("cancelled", "Cancelled"),
]
# The minimum agenda of a monitoring meeting (procedure 7.6), in order.
AGENDA_ITEMS = [
    (
        "previous_issues",
        "Issues raised at the last meeting or since dealt with satisfactorily "
        "and in the required time frame",
    ),
    ("complaints", "Complaints and compliments, and how the provider dealt with them"),
    (
        "service_issues",
        "Issues with the service, with the provider's plan and time frame",
    ),
    ("statistics", "Statistical data and performance indicator information"),
    ("activity", "Activity levels against target, and any remedial action"),
    ("satisfaction", "Service user satisfaction surveys"),
    ("cases", "Specific cases (by case reference only)"),
    ("personnel", "Personnel: training, staff retention and recruitment"),
    ("future_meetings", "Arrangements for future meetings"),
]
ATTEND_TYPE = "hcc_contracts.mail_activity_type_attend_meeting"
DOCUMENTED_STATES = ("minutes_circulated",)
HELD_STATES = ("held", "minutes_circulated")
# what the circulated minutes record: the evidence of the meeting (7.2, 9.4),
# no longer editable once they are circulated (``_get_hcc_editable_fields``)
MINUTES_LOCKED_FIELDS = {
    "meeting_type",
    "date",
    "officer_id",
    "attendee_ids",
    "agenda_ids",
    "minutes",
    "contractual_issues",
}


class HccContractMeeting(models.Model):
    _name = "hcc.contract.meeting"
    _description = "Contract Monitoring Meeting"
    _inherit = ["hcc.contract.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    contract_id = fields.Many2one(tracking=True)
    support_officer_id = fields.Many2one(
        related="contract_id.support_officer_id", string="Contract Support Officer"
    )
    meeting_type = fields.Selection(
        MEETING_TYPES,
        string="Type",
        required=True,
        default="scheduled",
        tracking=True,
        help="Pre-commencement and first meetings after commencement (7.5), "
        "scheduled meetings at least twice a year (7.1), ad hoc meetings when "
        "there are on-going problems (7.7).",
    )
    date = fields.Datetime(required=True, tracking=True, index=True)
    duration = fields.Float(string="Duration (Hours)", default=1.5)
    location = fields.Char()
    state = fields.Selection(
        MEETING_STATES,
        default="planned",
        required=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_states",
    )
    officer_id = fields.Many2one(
        "res.users",
        string="Lead Officer or Nominee",
        required=True,
        tracking=True,
        domain=lambda self: role_users_domain(self.env, GROUP_SERVICE_MANAGER),
        default=lambda self: self._default_officer(),
        help="The lead officer or their nominee must attend every monitoring "
        "meeting (procedure 6.1).",
    )
    attendee_ids = fields.Many2many(
        "res.partner",
        "hcc_contract_meeting_attendee_rel",
        "meeting_id",
        "partner_id",
        string="Attendees",
        help="Council officers and the provider's representatives: each gets "
        "the calendar invitation and the minutes.",
    )
    contractual_issues = fields.Boolean(
        string="Contractual Issues to Discuss",
        tracking=True,
        help="Issues of a contractual nature are on the agenda: the Contract "
        "Support Officer is asked to attend (7.5).",
    )
    cso_expected = fields.Boolean(
        string="CSO Expected",
        compute="_compute_cso_expected",
        store=True,
        help="The Contract Support Officer is expected at this meeting (7.5).",
    )
    cso_expected_reason = fields.Char(
        string="Why the CSO Is Expected", compute="_compute_cso_expected", store=True
    )
    minutes_to_ids = fields.Many2many(
        "res.partner",
        string="Minutes Will Go To",
        compute="_compute_minutes_to",
        help="The attendees, the Contract Support Officer and the provider's "
        "contract manager: the people the minutes are sent to (7.2).",
    )
    no_provider_recipient = fields.Boolean(
        compute="_compute_minutes_to",
        help="Nobody from the provider would receive the minutes.",
    )
    agenda_ids = fields.One2many(
        "hcc.contract.meeting.agenda",
        "meeting_id",
        copy=False,
        # on the form from the start: the officer plans the meeting with it
        default=lambda self: self._prepare_agenda_commands(),
    )
    agenda_done_count = fields.Integer(compute="_compute_agenda_done_count")
    fully_documented = fields.Boolean(
        compute="_compute_fully_documented",
        store=True,
        index=True,
        help="Minutes circulated and every item of the minimum agenda discussed "
        "or recorded as not applicable with a reason (7.6): the meetings that "
        "count for standard 12.4.",
    )
    minutes = fields.Html(sanitize_style=True)
    date_minutes_circulated = fields.Datetime(
        string="Minutes Circulated On", readonly=True, copy=False, tracking=True
    )
    minutes_recipient_ids = fields.Many2many(
        "res.partner",
        "hcc_contract_meeting_recipient_rel",
        "meeting_id",
        "partner_id",
        string="Minutes Sent To",
        readonly=True,
        copy=False,
    )
    action_ids = fields.One2many(
        "hcc.contract.action", "meeting_id", string="Actions Raised", copy=False
    )
    review_action_ids = fields.Many2many(
        "hcc.contract.action",
        string="Issues to Review",
        compute="_compute_review_action_ids",
        help="Open actions of the contract, and those closed since the previous "
        "meeting, with whether they were resolved in time (7.6).",
    )
    case_ids = fields.One2many(
        "hcc.contract.case",
        "meeting_id",
        string="Specific Cases",
        groups="hcc_contracts.group_case_data",
        copy=False,
    )
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    def _default_officer(self):
        contract = self.env["hcc.contract"].browse(
            self.env.context.get("default_contract_id")
        )
        return contract.exists().lead_officer_id or self.env.user

    def _group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.depends("contract_id", "meeting_type", "date")
    def _compute_name(self):
        for meeting in self:
            if not meeting.contract_id or not meeting.date:
                meeting.name = meeting.name or _("New meeting")
                continue
            meeting.name = _(
                "%(type)s meeting, %(contract)s, %(date)s",
                type=selection_label(meeting, "meeting_type", meeting.meeting_type),
                contract=meeting.contract_id.name,
                date=format_date(self.env, meeting.date),
            )

    @api.depends(
        "attendee_ids",
        "contract_id.partner_id",
        "contract_id.provider_contact_id",
        "contract_id.support_officer_id",
    )
    def _compute_minutes_to(self):
        for meeting in self:
            recipients = meeting._get_minutes_recipients()
            provider = meeting.contract_id.partner_id
            meeting.minutes_to_ids = recipients
            meeting.no_provider_recipient = bool(provider) and not (
                (recipients | recipients.parent_id | recipients.commercial_partner_id)
                & provider
            )

    @api.onchange("contract_id")
    def _onchange_contract_invite_provider(self):
        """The provider's contract manager is invited by default."""
        contact = self.contract_id.provider_contact_id
        if contact and contact not in self.attendee_ids:
            self.attendee_ids |= contact

    @api.depends(
        "meeting_type",
        "date",
        "state",
        "contractual_issues",
        "contract_id.date_start",
        "contract_id.date_end",
        "contract_id.meeting_ids.date",
        "contract_id.meeting_ids.state",
    )
    def _compute_cso_expected(self):
        for meeting in self:
            reasons = meeting._get_cso_reasons()
            meeting.cso_expected = bool(reasons)
            meeting.cso_expected_reason = "; ".join(reasons) or False

    def _get_cso_reasons(self):
        """The reasons, from 7.5, for which the Contract Support Officer should
        attend this meeting; empty when they need only receive the minutes."""
        self.ensure_one()
        contract = self.contract_id
        reasons = []
        day = self.date and self.date.date()
        if self.meeting_type == "pre_commencement":
            reasons.append(_("meeting before the contract commences"))
        elif day and contract.date_start and day >= contract.date_start:
            earlier = contract.meeting_ids.filtered(
                lambda m: m != self
                and m.state != "cancelled"
                and m.date
                and contract.date_start <= m.date.date()
                and m.date < self.date
            )
            if self.meeting_type == "post_commencement" or not earlier:
                reasons.append(_("first meeting after the contract commenced"))
        if (
            day
            and contract.date_end
            and day > contract.date_end - relativedelta(months=12)
        ):
            reasons.append(_("contract ends within a year: review needed"))
        if self.contractual_issues:
            reasons.append(_("issues of a contractual nature"))
        return reasons

    @api.depends("agenda_ids.discussed")
    def _compute_agenda_done_count(self):
        for meeting in self:
            meeting.agenda_done_count = len(meeting.agenda_ids.filtered("discussed"))

    @api.depends(
        "state",
        "agenda_ids.code",
        "agenda_ids.discussed",
        "agenda_ids.not_applicable",
        "agenda_ids.not_applicable_reason",
    )
    def _compute_fully_documented(self):
        for meeting in self:
            meeting.fully_documented = (
                meeting.state in DOCUMENTED_STATES and not meeting._get_agenda_gaps()
            )

    def _get_agenda_gaps(self):
        """The items of the minimum agenda (7.6) neither discussed nor recorded
        as not applicable with a reason: the one definition of what keeps a
        meeting from being fully documented, with its minutes circulated."""
        self.ensure_one()
        return self.agenda_ids.filtered(
            lambda item: item.code != "other" and not item._is_dealt_with()
        )

    @api.depends("contract_id", "date")
    def _compute_review_action_ids(self):
        for meeting in self:
            contract = meeting.contract_id
            if not contract or not meeting.date:
                meeting.review_action_ids = False
                continue
            previous = contract.meeting_ids.filtered(
                lambda m, meeting=meeting: m.state in HELD_STATES
                and m.date < meeting.date
            )
            since = max(previous.mapped("date")).date() if previous else False
            meeting.review_action_ids = contract.action_ids.filtered(
                lambda a, meeting=meeting, since=since: a.meeting_id != meeting
                and a.date_notified <= meeting.date.date()
                and (
                    a.state == "open"
                    or (a.state == "done" and (not since or a.date_done >= since))
                )
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("date", "meeting_type", "contract_id")
    def _check_date(self):
        for meeting in self:
            start = meeting.contract_id.date_start
            if not start:
                continue
            day = meeting.date.date()
            if meeting.meeting_type != "pre_commencement" and day < start:
                raise ValidationError(
                    _(
                        "Contract %(ref)s starts on %(start)s: a %(type)s meeting "
                        "cannot be dated %(date)s, before the contract exists. "
                        "Record a pre-commencement meeting instead.",
                        ref=meeting.contract_id.name,
                        start=format_date(self.env, start),
                        type=selection_label(
                            meeting, "meeting_type", meeting.meeting_type
                        ).lower(),
                        date=format_date(self.env, day),
                    )
                )
            if meeting.meeting_type == "pre_commencement" and day >= start:
                raise ValidationError(
                    _(
                        "Contract %(ref)s starts on %(start)s: a pre-commencement "
                        "meeting must be dated before then, not %(date)s.",
                        ref=meeting.contract_id.name,
                        start=format_date(self.env, start),
                        date=format_date(self.env, day),
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        for meeting in self:
            if meeting.duration <= 0:
                raise ValidationError(
                    _(
                        "Meeting %(name)s: the duration must be more than zero.",
                        name=meeting.name,
                    )
                )

    @api.constrains("officer_id")
    def _check_officer(self):
        """The lead officer or nominee is an officer with a role on contracts
        (Service Manager, Contract Support Officer or County Manager), not a
        reader (procedure 6.1)."""
        check_role_holders(
            self,
            "officer_id",
            GROUP_SERVICE_MANAGER,
            _("the lead officer or nominee"),
        )

    @api.constrains("state", "minutes", "date_minutes_circulated")
    def _check_documented(self):
        for meeting in self.filtered(lambda m: m.state in DOCUMENTED_STATES):
            if is_html_empty(meeting.minutes) or not meeting.date_minutes_circulated:
                raise ValidationError(
                    _(
                        "Meeting %(name)s cannot be marked documented until its "
                        "minutes are written and circulated.",
                        name=meeting.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_first_step_fields(self):
        """When and what kind of meeting it is."""
        return super()._get_hcc_first_step_fields() | {
            "date",
            "meeting_type",
            "name",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """A meeting held is written up until its minutes are circulated;
        when and what kind of meeting it was no longer change. The corrective
        actions agreed are still raised from it once the minutes are out
        (each action is guarded by its own model)."""
        editable = super()._get_hcc_editable_fields()
        editable["minutes_circulated"] = {"action_ids"}
        editable["held"] = {
            "officer_id",
            "attendee_ids",
            "agenda_ids",
            "case_ids",
            "action_ids",
            "minutes",
            "contractual_issues",
            "duration",
            "location",
        }
        return editable

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "date_minutes_circulated",
            "minutes_recipient_ids",
            "calendar_event_id",
            "fully_documented",
        }

    @api.model
    def _get_hcc_transitions(self):
        """A planned meeting is held, then its minutes circulated (7.2); it
        may be cancelled until they are."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_mark_held=Transition(
                ("planned",), "held", _("mark the meeting as held")
            ),
            action_circulate_minutes=Transition(
                ("held",),
                "minutes_circulated",
                _("circulate the minutes of the meeting"),
            ),
            action_cancel=Transition(
                ("planned", "held"), "cancelled", _("cancel the meeting")
            ),
        )
        return transitions

    def _check_minutes_open(self, what):
        """Circulated minutes are evidence: what they record is not changed
        afterwards; a correction is a note in the chatter. The superuser
        (data files, migrations) is not held by the step."""
        if self.env.su:
            return
        circulated = self.filtered(lambda m: m.state in DOCUMENTED_STATES)
        if circulated:
            raise UserError(circulated[0]._minutes_circulated_message(what))

    def _minutes_circulated_message(self, what):
        return _(
            "The minutes of meeting %(name)s have been circulated and "
            "cannot be changed (%(what)s). Record a correction as a note "
            "in its chatter.",
            name=self.name,
            what=what,
        )

    def _hcc_step_refusal_message(self, state, names):
        """What circulated minutes record (``MINUTES_LOCKED_FIELDS``) is
        evidence of the meeting."""
        locked = names & MINUTES_LOCKED_FIELDS
        if state in DOCUMENTED_STATES and locked:
            return self._minutes_circulated_message(self._hcc_field_labels(locked))
        return super()._hcc_step_refusal_message(state, names)

    @api.model_create_multi
    def create(self, vals_list):
        contacts = {
            contract.id: contract.provider_contact_id
            for contract in self.env["hcc.contract"].browse(
                [vals["contract_id"] for vals in vals_list if vals.get("contract_id")]
            )
        }
        for vals in vals_list:
            # the web client sends an empty list for a new meeting's agenda
            if not vals.get("agenda_ids"):
                vals["agenda_ids"] = self._prepare_agenda_commands()
            # invited by default; the form's onchange shows it before saving
            contact = contacts.get(vals.get("contract_id"))
            if "attendee_ids" not in vals and contact:
                vals["attendee_ids"] = [Command.link(contact.id)]
        meetings = super().create(vals_list)
        # whatever agenda a meeting was created with, the minimum one is on it
        meetings._complete_minimum_agenda()
        # writing the missing attendees syncs the calendar and notifies the
        # CSO (see write); the other meetings do it here
        completed = meetings._complete_attendees()
        (meetings - completed)._sync_calendar_event()
        (meetings - completed)._notify_cso_expected()
        return meetings

    def write(self, vals):
        res = super().write(vals)
        if {"officer_id", "attendee_ids", "contractual_issues", "date"} & set(vals):
            for meeting, missing in self._missing_attendees():
                super(HccContractMeeting, meeting).write(
                    {"attendee_ids": [Command.link(pid) for pid in missing.ids]}
                )
        if {
            "date",
            "duration",
            "location",
            "attendee_ids",
            "officer_id",
            "state",
            "name",
            "contractual_issues",
        } & set(vals):
            self._sync_calendar_event()
            self._notify_cso_expected()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_history(self):
        for meeting in self:
            if meeting.state != "planned" or meeting.action_ids:
                raise UserError(
                    _(
                        "Meeting %(name)s is part of the contract's evidence trail "
                        "and cannot be deleted: cancel it instead.",
                        name=meeting.name,
                    )
                )

    def unlink(self):
        # the agenda goes with the meeting (a cascade in the database)
        events = self.calendar_event_id
        res = super().unlink()
        events.sudo().unlink()
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_mark_held(self):
        """Record the meeting as held. A meeting dated later than now was
        held earlier than planned: it is recorded as held now, and the date
        it was planned for is noted in the chatter."""
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        self._hcc_check_transition("action_mark_held")
        now = fields.Datetime.now()
        early = self.filtered(lambda m: m.date > now)
        for meeting in early:
            meeting.message_post(
                body=_(
                    "Held on %(held)s, earlier than the %(planned)s it was "
                    "planned for.",
                    held=format_date(self.env, council_today(meeting)),
                    planned=format_date(self.env, meeting.date.date()),
                ),
                subtype_xmlid="mail.mt_note",
            )
        early._hcc_transition("action_mark_held", {"date": now})
        (self - early)._hcc_transition("action_mark_held")
        self.activity_feedback([ATTEND_TYPE])
        self._refresh_contract_rag()
        return True

    def action_circulate_minutes(self):
        """Send the minutes to every attendee and the Contract Support Officer
        through the chatter (7.2), and file them on the contract."""
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        self.ensure_one()
        self._hcc_check_transition("action_circulate_minutes")
        if is_html_empty(self.minutes):
            raise UserError(
                _(
                    "Meeting %(name)s has no minutes: write them before circulating.",
                    name=self.name,
                )
            )
        gaps = self._get_agenda_gaps()
        if gaps:
            raise problems_error(
                _(
                    "The minutes of meeting %(name)s cannot be circulated until "
                    "every item of the minimum agenda (procedure 7.6) is ticked "
                    "as discussed, or as not applicable with a reason. Still "
                    "open:",
                    name=self.name,
                ),
                gaps.mapped("name"),
            )
        recipients = self._get_minutes_recipients()
        if not recipients:
            raise UserError(
                _(
                    "Meeting %(name)s has no attendee and its contract no support "
                    "officer: nobody would receive the minutes.",
                    name=self.name,
                )
            )
        template = self.env.ref("hcc_contracts.mail_template_meeting_minutes")
        body = template._render_field("body_html", self.ids, compute_lang=True)[self.id]
        subject = template._render_field("subject", self.ids, compute_lang=True)[
            self.id
        ]
        self.message_post(
            body=body,
            subject=subject,
            partner_ids=recipients.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        now = fields.Datetime.now()
        self._hcc_transition(
            "action_circulate_minutes",
            {
                "date_minutes_circulated": now,
                "minutes_recipient_ids": [Command.set(recipients.ids)],
            },
        )
        self.contract_id.message_post(
            body=self._get_filing_note(recipients),
            subtype_xmlid="mail.mt_note",
        )
        self.contract_id._close_meeting_due_reminders()
        self._refresh_contract_rag()
        return True

    def action_cancel(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        self._hcc_transition("action_cancel")
        self.activity_unlink([ATTEND_TYPE])
        self._refresh_contract_rag()
        return True

    def action_view_calendar_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.calendar_event_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _prepare_agenda_commands(self):
        """The minimum agenda of 7.6; other modules may add their own items."""
        agenda = self.env["hcc.contract.meeting.agenda"]
        return [
            Command.create(
                {
                    "sequence": seq,
                    "code": code,
                    "name": selection_label(agenda, "code", code),
                }
            )
            for seq, (code, _label) in enumerate(AGENDA_ITEMS, start=1)
        ]

    def _complete_minimum_agenda(self):
        """Add to each meeting the items of the minimum agenda (7.6) it lacks,
        after the items it was created with: no meeting is without them."""
        agenda = self.env["hcc.contract.meeting.agenda"]
        vals_list = []
        for meeting in self:
            present = set(meeting.agenda_ids.mapped("code"))
            last = max(meeting.agenda_ids.mapped("sequence"), default=0)
            for seq, (code, _label) in enumerate(AGENDA_ITEMS, start=last + 1):
                if code not in present:
                    vals_list.append(
                        {
                            "meeting_id": meeting.id,
                            "sequence": seq,
                            "code": code,
                            "name": selection_label(agenda, "code", code),
                        }
                    )
        if vals_list:
            agenda.create(vals_list)

    def _get_minutes_recipients(self):
        self.ensure_one()
        contract = self.contract_id
        return (
            self.attendee_ids
            | contract.support_officer_id.partner_id
            | contract.provider_contact_id
        )

    def _get_filing_note(self, recipients):
        return _(
            "Minutes of %(meeting)s circulated to %(recipients)s and filed on the "
            "contract file.",
            meeting=self.name,
            recipients=", ".join(recipients.mapped("display_name")),
        )

    def _missing_attendees(self):
        """The partners each meeting still lacks: the officer attends (6.1);
        the CSO is invited where 7.5 expects them."""
        result = []
        for meeting in self.filtered(lambda m: m.state != "cancelled"):
            needed = meeting.officer_id.partner_id
            if meeting.cso_expected and meeting.state == "planned":
                needed |= meeting.contract_id.support_officer_id.partner_id
            missing = needed - meeting.attendee_ids
            if missing:
                result.append((meeting, missing))
        return result

    def _complete_attendees(self):
        """Add the missing attendees; return the meetings that lacked some."""
        completed = self.browse()
        for meeting, missing in self._missing_attendees():
            meeting.write({"attendee_ids": [Command.link(pid) for pid in missing.ids]})
            completed |= meeting
        return completed

    def _notify_cso_expected(self):
        todo = self.filtered(
            lambda m: m.state == "planned"
            and m.cso_expected
            and m.contract_id.support_officer_id
        )
        if not todo:
            return
        activity_type = self.env.ref(ATTEND_TYPE)
        requests = []
        for meeting in todo:
            summary = _(
                "Attend the monitoring meeting (%(reason)s)",
                reason=meeting.cso_expected_reason,
            )
            requests.append(
                {
                    "record": meeting,
                    "activity_type": activity_type,
                    "user": meeting.contract_id.support_officer_id,
                    "summary": summary,
                    "date_deadline": meeting.date.date(),
                }
            )
        self.env["mail.activity"]._hcc_schedule(requests)

    def _prepare_calendar_event_vals(self):
        self.ensure_one()
        return {
            "name": self.name,
            "start": self.date,
            "stop": self.date + timedelta(hours=self.duration),
            "duration": self.duration,
            "location": self.location or False,
            "user_id": self.officer_id.id,
            "partner_ids": [Command.set(self.attendee_ids.ids)],
            "description": _(
                "Contract monitoring meeting for %(contract)s with %(provider)s.",
                contract=self.contract_id.display_name,
                provider=self.contract_id.partner_id.display_name,
            ),
        }

    def _sync_calendar_event(self):
        """Keep one calendar event per meeting for its attendees. Access to the
        meeting has been checked by the ORM before: the event is written as
        superuser so that any officer who may edit the meeting updates it."""
        Event = self.env["calendar.event"].sudo()
        for meeting in self:
            event = meeting.calendar_event_id.sudo()
            if meeting.state == "cancelled":
                if event.active:
                    event.active = False
                continue
            vals = meeting._prepare_calendar_event_vals()
            if event:
                event.write(vals)
            else:
                event = Event.create(vals)
                meeting.sudo().calendar_event_id = event
        return True


class HccContractMeetingAgenda(models.Model):
    _name = "hcc.contract.meeting.agenda"
    _inherit = ["hcc.workflow.mixin"]
    _description = "Monitoring Meeting Agenda Item"
    _hcc_state_path = "meeting_id.state"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one(
        "hcc.contract.meeting",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        related="meeting_id.company_id", store=True, index=True, precompute=True
    )
    sequence = fields.Integer(default=10)
    code = fields.Selection(
        AGENDA_ITEMS + [("other", "Other business")],
        required=True,
        default="other",
    )
    name = fields.Char(string="Item", required=True)
    discussed = fields.Boolean()
    not_applicable = fields.Boolean(
        help="The item did not apply to this meeting: say why in the reason.",
    )
    not_applicable_reason = fields.Char(
        string="Why Not Applicable",
        help="Why the item was not discussed at this meeting (7.6).",
    )
    notes = fields.Text(
        help="Never write a service user's personal details here: record specific "
        "cases on the Specific Cases tab, by case reference.",
    )

    @api.model
    def _get_hcc_first_step_fields(self):
        """An agenda item's kind, topic and place."""
        return super()._get_hcc_first_step_fields() | {
            "code",
            "name",
            "sequence",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """The agenda of a meeting held is ticked off until the minutes are
        circulated."""
        editable = super()._get_hcc_editable_fields()
        editable["held"] = {
            "discussed",
            "not_applicable",
            "not_applicable_reason",
            "notes",
        }
        return editable

    @api.model
    def _get_hcc_immutable_fields(self):
        return super()._get_hcc_immutable_fields() | {"meeting_id"}

    def _is_dealt_with(self):
        self.ensure_one()
        return self.discussed or bool(
            self.not_applicable and (self.not_applicable_reason or "").strip()
        )

    @api.constrains("discussed", "not_applicable", "not_applicable_reason")
    def _check_not_applicable(self):
        for item in self.filtered("not_applicable"):
            if item.discussed:
                raise ValidationError(
                    _(
                        "Agenda item “%(item)s” cannot be both discussed and not "
                        "applicable.",
                        item=item.name,
                    )
                )
            if not (item.not_applicable_reason or "").strip():
                raise ValidationError(
                    _(
                        "Agenda item “%(item)s” is marked not applicable: give "
                        "the reason.",
                        item=item.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        meetings = self.env["hcc.contract.meeting"].browse(
            [vals.get("meeting_id") for vals in vals_list if vals.get("meeting_id")]
        )
        meetings._check_minutes_open(_("agenda"))
        self._prepare_minimum_items(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self.meeting_id._check_minutes_open(_("agenda"))
        self._check_minimum_agenda_kept(vals)
        return super().write(vals)

    @api.model
    def _prepare_minimum_items(self, vals_list):
        """An item of the minimum agenda (7.6) bears the procedure's words,
        and each is on a meeting once: another topic is other business."""
        minimum = dict(AGENDA_ITEMS)
        new_codes = {}
        for vals in vals_list:
            code = vals.get("code")
            if code not in minimum:
                continue
            vals["name"] = selection_label(self, "code", code)
            new_codes.setdefault(vals.get("meeting_id"), []).append(code)
        for meeting_id, codes in new_codes.items():
            existing = self.search(
                [("meeting_id", "=", meeting_id), ("code", "in", codes)]
            ).mapped("code")
            doubled = [c for c in set(codes) if codes.count(c) > 1 or c in existing]
            if doubled:
                raise ValidationError(
                    _(
                        "“%(item)s” is already on the agenda of this meeting: "
                        "add another topic as other business.",
                        item=selection_label(self, "code", doubled[0]),
                    )
                )

    def _check_minimum_agenda_kept(self, vals):
        """The minimum agenda (7.6) is neither recoded nor reworded, and no
        item becomes one of it after the fact: what the procedure asks is on
        every meeting, in its words."""
        if "code" in vals and any(item.code != vals["code"] for item in self):
            raise UserError(
                _(
                    "The kind of an agenda item cannot be changed: add a new "
                    "item instead (the minimum agenda of procedure 7.6 stays "
                    "as it is)."
                )
            )
        if "name" in vals:
            reworded = self.filtered(
                lambda item: item.code != "other" and item.name != vals["name"]
            )
            if reworded:
                raise UserError(
                    _(
                        "“%(item)s” is part of the minimum agenda of a monitoring "
                        "meeting (procedure 7.6): its topic cannot be changed. "
                        "Add another topic as other business.",
                        item=reworded[0].name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_minimum_agenda(self):
        self.meeting_id._check_minutes_open(_("agenda"))
        minimum = self.filtered(lambda item: item.code != "other")
        if minimum:
            raise UserError(
                _(
                    "“%(item)s” is part of the minimum agenda of a monitoring "
                    "meeting (procedure 7.6) and cannot be removed.",
                    item=minimum[0].name,
                )
            )
