from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_date, formatLang

from ...tools.errors import problems_error
from ...tools.event_dates import EventDate, check_event_dates
from ...tools.roles import (
    GROUP_COUNTY_MANAGER,
    GROUP_SERVICE_MANAGER,
    GROUP_SUPPORT_OFFICER,
    check_role,
    check_role_holders,
    has_role,
    role_users_domain,
)
from ...tools.selection import selection_label
from ..hcc_workflow_mixin import Transition

# an option still to decide: its dates follow the contract's term
UNDECIDED_STATES = ("open", "missed")
PENDING_STATES = ("open", "to_approve", "missed")
DECISIONS = [("exercise", "Exercise"), ("lapse", "Let Lapse")]
# how long before its decide-by date the lead officer is reminded of an option
OPTION_REMINDER_DAYS = 90


class HccContractOption(models.Model):
    """An option to extend a contract ("3 + 1 + 1"): decided by its
    decide-by date by the lead officer with the Contract Support Officer,
    approved by the County Manager (Contracts) above the council's threshold.
    Exercising it is a variation (procedure 7.4) that moves the end date, and
    so the review due date (10.1); options are exercised in order and never
    beyond the contract's maximum term."""

    _name = "hcc.contract.option"
    _description = "Contract Extension Option"
    _inherit = ["hcc.contract.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    contract_id = fields.Many2one(tracking=True)
    sequence = fields.Integer(
        string="Option No.",
        required=True,
        default=1,
        tracking=True,
        help="Options are decided in this order: the second cannot be exercised "
        "before the first.",
    )
    length_months = fields.Integer(
        string="Extension (Months)",
        required=True,
        default=12,
        tracking=True,
        help="How long the contract is extended when the option is exercised.",
    )
    date_decide = fields.Date(
        string="Decide By",
        required=True,
        tracking=True,
        index=True,
        help="The date by which the council decides whether to exercise the "
        "option. Past it undecided, the option is missed and the County Manager "
        "(Contracts) is told.",
    )
    notice_period = fields.Integer(
        string="Provider's Notice",
        default=3,
        tracking=True,
        help="How long before the current term ends the provider must be told "
        "that the option is exercised, as the contract says.",
    )
    notice_unit = fields.Selection(
        [("days", "Days"), ("months", "Months")],
        string="Notice In",
        default="months",
        required=True,
    )
    state = fields.Selection(
        [
            ("open", "To Decide"),
            ("to_approve", "Awaiting County Manager"),
            ("exercised", "Exercised"),
            ("lapsed", "Lapsed"),
            ("missed", "Missed"),
        ],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_term_end = fields.Date(
        string="Current Term Ends",
        compute="_compute_term",
        store=True,
        readonly=True,
        help="The end date the option extends: the contract's end date after "
        "the options before it. Kept as it was once the option is decided.",
    )
    date_new_end = fields.Date(
        string="New End Date",
        compute="_compute_term",
        store=True,
        readonly=True,
        help="The contract's end date once the option is exercised.",
    )
    date_notify = fields.Date(
        string="Tell the Provider By",
        compute="_compute_term",
        store=True,
        readonly=True,
        index=True,
        help="The current term's end less the provider's notice period: the "
        "last day the provider can be told that the option is exercised.",
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    option_value = fields.Monetary(
        string="Value of the Option",
        compute="_compute_term",
        store=True,
        readonly=True,
        help="The contract's annual value for the length of the extension.",
    )
    needs_approval = fields.Boolean(
        string="County Manager Approves",
        compute="_compute_needs_approval",
        help="The value of the option reaches the threshold the council set: "
        "the County Manager (Contracts) approves the decision.",
    )
    beyond_max_term = fields.Boolean(
        string="Beyond the Maximum Term",
        compute="_compute_beyond_max_term",
        help="Exercised, the option would take the contract past its maximum "
        "term: it cannot be exercised.",
    )
    lead_officer_id = fields.Many2one(related="contract_id.lead_officer_id")
    locality_id = fields.Many2one(related="contract_id.locality_id")
    cso_consulted_id = fields.Many2one(
        "res.users",
        string="CSO Consulted",
        tracking=True,
        domain=lambda self: role_users_domain(self.env, GROUP_SUPPORT_OFFICER),
        check_company=True,
        help="The Contract Support Officer the lead officer decided with.",
    )
    date_cso_consulted = fields.Date(string="CSO Consulted On", tracking=True)
    decision_reason = fields.Text(
        string="Reason",
        tracking=True,
        help="Why the option is exercised or left to lapse: performance, value "
        "for money, the service users' views, the market.",
    )
    decision = fields.Selection(DECISIONS, readonly=True, copy=False, tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_decided = fields.Date(string="Decided On", readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    date_approved = fields.Date(string="Approved On", readonly=True, copy=False)
    approval_note = fields.Text(
        string="County Manager's Note",
        tracking=True,
        help="The County Manager's guidance, when approving or sending back.",
    )
    revision_id = fields.Many2one(
        "hcc.contract.revision",
        string="Variation",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The revision that extended the contract when the option was "
        "exercised (procedure 7.4).",
    )
    reminder_sent = fields.Boolean(
        readonly=True,
        copy=False,
        help="The lead officer was reminded of the decide-by date.",
    )
    notes = fields.Html()

    _sql_constraints = [
        (
            "contract_sequence_uniq",
            "unique(contract_id, sequence)",
            "A contract has one option of each number.",
        ),
        (
            "length_positive",
            "CHECK(length_months > 0)",
            "An option extends the contract by at least one month.",
        ),
        (
            "notice_not_negative",
            "CHECK(notice_period >= 0)",
            "The provider's notice period cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends(
        "sequence",
        "length_months",
        "notice_period",
        "notice_unit",
        "state",
        "contract_id.date_end",
        "contract_id.annual_value",
        "contract_id.option_ids.state",
        "contract_id.option_ids.sequence",
        "contract_id.option_ids.length_months",
    )
    def _compute_term(self):
        for option in self:
            if option.state not in PENDING_STATES and option.date_term_end:
                # decided: the dates and value as they were decided
                continue
            contract = option.contract_id
            end = contract.date_end
            if end:
                before = contract.option_ids.filtered(
                    lambda o, opt=option: o.state in PENDING_STATES
                    and o.sequence < opt.sequence
                )
                end += relativedelta(months=sum(before.mapped("length_months")))
            option.date_term_end = end
            option.date_new_end = end and end + relativedelta(
                months=option.length_months
            )
            option.date_notify = end and end - option._notice_delta()
            option.option_value = contract.annual_value * option.length_months / 12

    def _notice_delta(self):
        if self.notice_unit == "days":
            return relativedelta(days=self.notice_period)
        return relativedelta(months=self.notice_period)

    @api.depends("option_value", "company_id.hcc_option_approval_threshold")
    def _compute_needs_approval(self):
        for option in self:
            threshold = option.company_id.hcc_option_approval_threshold
            option.needs_approval = option.option_value >= threshold

    @api.depends("date_new_end", "contract_id.date_end_max")
    def _compute_beyond_max_term(self):
        for option in self:
            limit = option.contract_id.date_end_max
            option.beyond_max_term = bool(
                limit and option.date_new_end and option.date_new_end > limit
            )

    @api.depends("contract_id.name", "sequence", "length_months")
    def _compute_display_name(self):
        for option in self:
            option.display_name = _(
                "%(ref)s option %(number)s (%(months)s months)",
                ref=option.contract_id.name or "",
                number=option.sequence,
                months=option.length_months,
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("cso_consulted_id")
    def _check_cso_consulted(self):
        check_role_holders(
            self, "cso_consulted_id", GROUP_SUPPORT_OFFICER, _("the CSO consulted")
        )

    @api.constrains("date_cso_consulted")
    def _check_event_dates(self):
        check_event_dates(self, [EventDate("date_cso_consulted")])

    @api.constrains("contract_id")
    def _check_contract_not_ended(self):
        for option in self:
            if option.contract_id.state not in ("draft", "active"):
                raise ValidationError(
                    _(
                        "Contract %(ref)s has ended: it takes no extension option.",
                        ref=option.contract_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # The guard (hcc.workflow.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "decision",
            "decided_by_id",
            "date_decided",
            "approved_by_id",
            "date_approved",
            "revision_id",
            "reminder_sent",
        }

    @api.model
    def _get_hcc_first_step_fields(self):
        """The option as the contract states it."""
        return super()._get_hcc_first_step_fields() | {
            "sequence",
            "length_months",
            "date_decide",
            "notice_period",
            "notice_unit",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """A missed option may still be decided, late; one awaiting the County
        Manager takes her note; a decided one is the record of the decision."""
        deciding = {"cso_consulted_id", "date_cso_consulted", "decision_reason"}
        editable = super()._get_hcc_editable_fields()
        editable.update(
            missed=deciding | {"notes"},
            to_approve={"approval_note", "notes"},
            exercised={"notes"},
            lapsed={"notes"},
        )
        return editable

    @api.model
    def _get_hcc_transitions(self):
        """The lead officer (with the CSO) exercises an option or lets it
        lapse, by its decide-by date or late once missed; above the
        threshold the County Manager approves or sends the decision back. The
        daily cron marks an option missed when its date passes undecided."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_exercise=Transition(
                UNDECIDED_STATES,
                ("to_approve", "exercised"),
                _("exercise the option"),
            ),
            action_lapse=Transition(
                UNDECIDED_STATES, ("to_approve", "lapsed"), _("let the option lapse")
            ),
            action_cm_approve=Transition(
                ("to_approve",),
                ("exercised", "lapsed"),
                _("approve the decision on the option"),
            ),
            action_cm_send_back=Transition(
                ("to_approve",),
                "open",
                _("send the decision on the option back to the lead officer"),
            ),
            _hcc_mark_missed=Transition(
                ("open",), "missed", _("record the option as missed")
            ),
        )
        return transitions

    def _hcc_step_refusal_message(self, state, names):
        if state in ("exercised", "lapsed"):
            return _(
                "%(option)s has been decided: its terms and the decision are the "
                "record of it and cannot change (%(fields)s).",
                option=self.display_name,
                fields=self._hcc_field_labels(names),
            )
        return super()._hcc_step_refusal_message(state, names)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_approval_note_rights(vals_list)
        Contract = self.env["hcc.contract"]
        for vals in vals_list:
            if "sequence" not in vals and vals.get("contract_id"):
                contract = Contract.browse(vals["contract_id"]).sudo()
                vals["sequence"] = (
                    max(contract.option_ids.mapped("sequence") or [0]) + 1
                )
        return super().create(vals_list)

    def write(self, vals):
        self._check_approval_note_rights([vals])
        return super().write(vals)

    def _check_approval_note_rights(self, vals_list):
        """The County Manager's note is hers alone, whatever the route."""
        if any(vals.get("approval_note") for vals in vals_list):
            check_role(
                self.env,
                GROUP_COUNTY_MANAGER,
                _("write the County Manager's note on an option"),
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        decided = self.filtered(lambda o: o.state != "open" or o.decision)
        if decided:
            raise UserError(
                _(
                    "%(option)s has a decision and is part of the contract's "
                    "history: it cannot be deleted.",
                    option=decided[0].display_name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_exercise(self):
        """Exercise the option: the contract is extended by a variation,
        at once or once the County Manager approves."""
        return self._hcc_decide("exercise", "action_exercise")

    def action_lapse(self):
        """Let the option lapse, and the options after it with it."""
        return self._hcc_decide("lapse", "action_lapse")

    def action_cm_approve(self):
        check_role(self.env, GROUP_COUNTY_MANAGER, _("approve a decision on an option"))
        for option in self:
            option._hcc_check_transition("action_cm_approve")
            if option.decision == "exercise":
                option._check_exercisable()
        dialog = self._hcc_confirmation(
            "action_cm_approve",
            _("Approve the decision? An exercised option extends the contract now."),
        )
        if dialog:
            return dialog
        for option in self:
            option._hcc_conclude(
                "action_cm_approve",
                {
                    "approved_by_id": self.env.user.id,
                    "date_approved": fields.Date.context_today(self),
                },
            )
        return True

    def action_cm_send_back(self):
        check_role(
            self.env, GROUP_COUNTY_MANAGER, _("send a decision on an option back")
        )
        self._hcc_transition(
            "action_cm_send_back",
            {"decision": False, "decided_by_id": False, "date_decided": False},
        )
        self._hcc_close_activities(_("Sent back to the lead officer."))
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _hcc_decide(self, decision, action):
        check_role(self.env, GROUP_SERVICE_MANAGER, _("decide an extension option"))
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        today = fields.Date.context_today(self)
        for option in self:
            option._hcc_check_transition(action)
            option._hcc_default_consultation()
            problems = option._get_decision_problems(decision)
            if problems:
                raise problems_error(
                    _(
                        "%(option)s cannot be decided yet:",
                        option=option.display_name,
                    ),
                    problems,
                )
        message = (
            _("Exercise the option? The contract's end date moves now.")
            if decision == "exercise"
            else _("Let the option lapse? The options after it lapse with it.")
        )
        dialog = self._hcc_confirmation(action, message)
        if dialog:
            return dialog
        is_county_manager = has_role(self.env, GROUP_COUNTY_MANAGER)
        for option in self:
            vals = {
                "decision": decision,
                "decided_by_id": self.env.user.id,
                "date_decided": today,
            }
            if option.needs_approval and not is_county_manager:
                option._hcc_transition(action, vals, to_state="to_approve")
                option._hcc_ask_approval()
                continue
            if option.needs_approval:
                vals.update(approved_by_id=self.env.user.id, date_approved=today)
            option._hcc_conclude(action, vals)
        return True

    def _hcc_default_consultation(self):
        """A CSO deciding names herself and today when the option names no
        one."""
        if self.cso_consulted_id or self.env.su:
            return
        if has_role(self.env, GROUP_SUPPORT_OFFICER):
            self.write(
                {
                    "cso_consulted_id": self.env.user.id,
                    "date_cso_consulted": self.date_cso_consulted
                    or fields.Date.context_today(self),
                }
            )

    def _get_decision_problems(self, decision):
        """What is missing before the option is decided, all at once."""
        self.ensure_one()
        problems = []
        if not self.cso_consulted_id or not self.date_cso_consulted:
            problems.append(
                _(
                    "Record which Contract Support Officer the decision was taken "
                    "with, and when."
                )
            )
        if not (self.decision_reason or "").strip():
            problems.append(_("Give the reason for the decision."))
        if decision == "exercise":
            problems += self._get_exercise_problems()
        return problems

    def _get_exercise_problems(self):
        """Options go in order and never past the maximum term, on a live
        contract."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        problems = []
        if contract.state != "active":
            problems.append(_("Only an active contract is extended."))
        earlier = contract.option_ids.filtered(
            lambda o: o.sequence < self.sequence and o.state != "exercised"
        )
        if earlier:
            problems.append(
                _(
                    "Options are exercised in order: option %(number)s is "
                    "%(state)s, not exercised.",
                    number=earlier[0].sequence,
                    state=earlier[0]._hcc_state_label(earlier[0].state).lower(),
                )
            )
        if not contract.date_end_max:
            problems.append(
                _(
                    "Contract %(ref)s states no maximum term: record it (by a "
                    "revision once the contract is active) before an option "
                    "extends it.",
                    ref=contract.name,
                )
            )
        elif self.date_new_end and self.date_new_end > contract.date_end_max:
            problems.append(
                _(
                    "Exercised, the option would end the contract on %(end)s, "
                    "after its maximum term (%(max)s).",
                    end=format_date(self.env, self.date_new_end),
                    max=format_date(self.env, contract.date_end_max),
                )
            )
        return problems

    def _check_exercisable(self):
        problems = self._get_exercise_problems()
        if problems:
            raise problems_error(
                _("%(option)s cannot be exercised:", option=self.display_name),
                problems,
            )

    def _hcc_conclude(self, action, vals):
        """Record the decision as final: an exercised option extends the
        contract by a variation, a lapsed one takes the options after it."""
        self.ensure_one()
        if self.decision == "exercise" or vals.get("decision") == "exercise":
            self._check_exercisable()
            # decided first: its dates stay those it was decided on when the
            # variation moves the contract's end date
            self._hcc_transition(action, vals, to_state="exercised")
            revision = self._hcc_extend_contract()
            self._hcc_record_action({"revision_id": revision.id})
            self._hcc_close_activities(_("The option was exercised."))
            return
        self._hcc_transition(action, vals, to_state="lapsed")
        later = self.contract_id.option_ids.filtered(
            lambda o: o.sequence > self.sequence and o.state in UNDECIDED_STATES
        )
        for option in later:
            option.sudo()._hcc_transition(
                "action_lapse",
                {
                    "decision": "lapse",
                    "decided_by_id": self.env.user.id,
                    "date_decided": fields.Date.context_today(self),
                },
                to_state="lapsed",
            )
            option.message_post(
                body=_(
                    "Lapsed with option %(number)s, which was not exercised.",
                    number=self.sequence,
                )
            )
        (later | self)._hcc_close_activities(_("The option lapsed."))

    def _hcc_extend_contract(self):
        """The variation of 7.4 that exercises the option: one revision moving
        the end date, consulted on with the CSO of the decision, approved by
        the decision itself, its letter filed (or why not) and applied. The
        decision's checks are done: it is recorded as the superuser, in the
        name of the user."""
        self.ensure_one()
        contract = self.contract_id.sudo()
        today = fields.Date.context_today(self)
        revision = (
            self.env["hcc.contract.revision"]
            .sudo()
            .create(self._prepare_revision_vals(contract, today))
        )
        revision.action_mark_consulted()
        revision.action_approve()
        revision.date_provider_informed = today
        self._hcc_file_letter(revision)
        revision.action_apply()
        return revision

    def _prepare_revision_vals(self, contract, today):
        # the wording of the provider's letter, in its language
        env = contract._hcc_provider_env()
        values = {
            "number": self.sequence,
            "months": self.length_months,
            "end": format_date(env, self.date_new_end),
        }
        return {
            "contract_id": contract.id,
            "title": env._("Extension option %(number)s exercised", **values),
            "reason": "other",
            "reason_detail": self.decision_reason,
            "description": Markup("<p>%s</p>")
            % env._(
                "Extension option %(number)s exercised: the contract is extended "
                "by %(months)s months, to %(end)s.",
                **values,
            ),
            "date_effective": contract.date_end + relativedelta(days=1),
            "cso_consulted_id": self.cso_consulted_id.id,
            "date_cso_consulted": today,
            "line_ids": [
                Command.create(
                    {"field_name": "date_end", "new_date": self.date_new_end}
                )
            ],
        }

    def _hcc_file_letter(self, revision):
        """The variation letter, when an installed report issues it (it is
        then filed on the revision as printed); otherwise the revision says
        why there is none, so that the lead officer files the letter sent."""
        report = (
            self.env["ir.actions.report"]
            .sudo()
            .search(
                [
                    ("model", "=", revision._name),
                    ("hcc_document_type", "=", "variation_letter"),
                ],
                limit=1,
            )
        )
        if report:
            report._render_qweb_pdf(report.report_name, revision.ids)
        if revision._get_apply_problems():
            revision.no_letter_reason = _(
                "Extension option %(number)s: no variation letter was generated "
                "when it was exercised; file the letter sent to the provider in "
                "the contract file.",
                number=self.sequence,
            )

    def _hcc_ask_approval(self):
        self.ensure_one()
        county_manager = self.company_id.hcc_county_manager_id
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": self,
                    "activity_type": self.env.ref(
                        "hcc_contracts.mail_activity_type_option_approval"
                    ),
                    "user": county_manager,
                    "summary": _("Approve the decision on an extension option"),
                    "note": _(
                        "%(option)s: %(decision)s, worth %(value)s, decided by "
                        "%(user)s.",
                        option=self.display_name,
                        decision=selection_label(self, "decision", self.decision),
                        value=formatLang(
                            self.env, self.option_value, currency_obj=self.currency_id
                        ),
                        user=self.env.user.name,
                    ),
                    "date_deadline": self.date_decide,
                }
            ]
        )

    def _hcc_close_activities(self, feedback):
        activities = self.sudo().activity_ids
        if activities:
            activities.action_feedback(feedback=feedback)

    # ------------------------------------------------------------------
    # Scheduled action helpers (see hcc.contract._cron_contract_options)
    # ------------------------------------------------------------------
    @api.model
    def _get_reminder_domain(self, today):
        return [
            ("state", "=", "open"),
            ("reminder_sent", "=", False),
            ("contract_id.state", "=", "active"),
            ("date_decide", "<=", today + relativedelta(days=OPTION_REMINDER_DAYS)),
            ("date_decide", ">=", today),
        ]

    @api.model
    def _get_missed_domain(self, today):
        return [
            ("state", "=", "open"),
            ("contract_id.state", "=", "active"),
            ("date_decide", "<", today),
        ]

    def _hcc_remind(self):
        """Remind the lead officer (or whoever is next in line) of the
        decide-by date of each option."""
        activity_type = self.env.ref("hcc_contracts.mail_activity_type_option_decision")
        requests = []
        for option in self:
            lead, cso, county_manager = option.contract_id._hcc_escalation_users()
            requests.append(
                {
                    "record": option,
                    "activity_type": activity_type,
                    "user": lead or cso or county_manager,
                    "summary": _("Decide the extension option"),
                    "note": _(
                        "%(option)s must be decided by %(date)s; the provider must "
                        "be told by %(notify)s.",
                        option=option.display_name,
                        date=format_date(self.env, option.date_decide),
                        notify=format_date(self.env, option.date_notify),
                    ),
                    "date_deadline": option.date_decide,
                }
            )
        self.env["mail.activity"]._hcc_schedule(requests)
        self.write({"reminder_sent": True})

    def _hcc_mark_missed(self):
        """The decide-by date passed undecided: the option is missed and the
        County Manager (Contracts) is told, with the lead officer."""
        self._hcc_check_transition("_hcc_mark_missed")
        activity_type = self.env.ref("hcc_contracts.mail_activity_type_option_missed")
        today = fields.Date.context_today(self)
        requests = []
        for option in self:
            lead, cso, county_manager = option.contract_id._hcc_escalation_users()
            note = _(
                "%(option)s was to be decided by %(date)s and was not: the "
                "contract ends on %(end)s unless it is decided now.",
                option=option.display_name,
                date=format_date(self.env, option.date_decide),
                end=format_date(self.env, option.contract_id.date_end),
            )
            for user in dict.fromkeys([county_manager or cso, lead]):
                requests.append(
                    {
                        "record": option,
                        "activity_type": activity_type,
                        "user": user,
                        "summary": _("Extension option missed"),
                        "note": note,
                        "date_deadline": today,
                    }
                )
        self._hcc_transition("_hcc_mark_missed")
        self.env["mail.activity"]._hcc_schedule(requests)
        return True
