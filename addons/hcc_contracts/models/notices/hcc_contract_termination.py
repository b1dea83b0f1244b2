from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, is_html_empty

from ...tools.errors import problems_error
from ...tools.event_dates import (
    EventDate,
    check_event_dates,
    event_date_fields,
    post_stated_dates,
)
from ...tools.roles import (
    GROUP_COUNTY_MANAGER,
    GROUP_LEGAL_SERVICES,
    GROUP_SERVICE_MANAGER,
    GROUP_SUPPORT_OFFICER,
    check_role,
    check_role_holders,
    has_role,
)
from ..hcc_workflow_mixin import Transition

TERMINATION_STATES = [
    ("draft", "Draft"),
    ("proposed", "Proposed to the CSO"),
    ("discussed", "Discussed with the CSO"),
    ("referred", "Referred to Legal Services"),
    ("declined", "Not Terminated"),
    ("terminated", "Terminated"),
    ("withdrawn", "Withdrawn"),
]
OPEN_STATES = ("draft", "proposed", "discussed", "referred")
# until the County Manager decides, the case may still be worked on
UNDECIDED_STATES = ("draft", "proposed", "discussed")
# the lead officer's case (9.2, 9.3, 9.5)
PROPOSAL_FIELDS = {
    "reason",
    "fundamental_breach",
    "service_users_affected",
    "impact_note",
    "alternative_arrangements",
    "alternative_date",
    "date_provider_informed",
    "date_termination_planned",
}
# the CSO's discussion (9.2) and the County Manager's consultation (9.4)
DISCUSSION_FIELDS = {"discussion_note", "county_manager_consulted"}
DECISION_FIELDS = {"date_legal_consulted", "legal_advice", "decision_note"}
# what Legal Services record when they carry out the termination (9.4)
LEGAL_FIELDS = {"legal_reference", "date_terminated"}
# the dates of past events a user states (tools/event_dates.py); the
# termination date is not one: it may still be to come
TERMINATION_EVENT_DATES = (
    EventDate("date_provider_informed"),
    EventDate("date_legal_consulted", after=("date_discussed",)),
)


class HccContractTermination(models.Model):
    """The case for the early termination of a contract, as the procedure
    runs it (9.2 to 9.5, Appendix A 11): the lead officer opens the case (the
    reasons, the impact on service users, the alternative arrangements) and
    proposes it to their Contract Support Officer; the CSO records the
    discussion (and whether the County Manager (Contracts) was consulted);
    the County Manager records the consultation of Legal Services and
    decides; when the decision is to terminate, Legal Services carry the
    termination out and record it, which terminates the contract.

    The gates of 12.5 (a notice not remedied in time, or a fundamental
    breach; the consequences considered; the provider informed) are those of
    the contract (``_get_early_termination_problems``): checked when the
    County Manager decides, and again when Legal Services record the
    termination."""

    _name = "hcc.contract.termination"
    _description = "Early Termination Case"
    _inherit = ["hcc.contract.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    contract_id = fields.Many2one(tracking=True)
    lead_officer_id = fields.Many2one(related="contract_id.lead_officer_id")
    # what Legal Services read of the contract: they open the case, not the
    # contract's form, whose monitoring records are not theirs to read
    contract_title = fields.Char(related="contract_id.title", string="Contract Title")
    contract_date_start = fields.Date(
        related="contract_id.date_start", string="Contract Start"
    )
    contract_date_end = fields.Date(
        related="contract_id.date_end", string="Contract End"
    )
    support_officer_id = fields.Many2one(related="contract_id.support_officer_id")
    state = fields.Selection(
        TERMINATION_STATES,
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    # the lead officer's case
    reason = fields.Html(
        string="Case for Early Termination",
        help="The failings, with the evidence trail that shows them (procedure 9.4).",
    )
    fundamental_breach = fields.Boolean(
        tracking=True,
        help="A clear case of fundamental breach of contract (procedure 9.3): "
        "termination without working through a notice first.",
    )
    service_users_affected = fields.Integer(tracking=True)
    impact_note = fields.Html(
        string="Impact on Service Users",
        help="The consequences of the termination for the service users (9.3).",
    )
    alternative_arrangements = fields.Html(
        help="How the service will be delivered to the service users affected "
        "(procedure 9.3).",
    )
    alternative_date = fields.Date(string="Alternative Arrangements By", tracking=True)
    date_provider_informed = fields.Date(
        string="Provider Informed On",
        tracking=True,
        help="When the lead officer informed the provider of the intention to "
        "terminate (procedure 9.5).",
    )
    date_termination_planned = fields.Date(
        string="Proposed Termination Date", tracking=True
    )
    qualifying_notice_ids = fields.Many2many(
        "hcc.contract.notice",
        string="Notices Not Remedied",
        compute="_compute_qualifying_notice_ids",
        groups="hcc_contracts.group_viewer,hcc_contracts.group_service_manager",
        help="Served notices whose remedy period has passed without remedy, or "
        "escalated notices (procedure 9.1, 12.5).",
    )
    proposed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_proposed = fields.Date(readonly=True, copy=False)
    # the Contract Support Officer's discussion (9.2)
    discussion_note = fields.Html(
        string="Discussion with the CSO",
        help="What the lead officer and the Contract Support Officer discussed "
        "(procedure 9.2).",
    )
    county_manager_consulted = fields.Boolean(
        string="County Manager Consulted by the CSO",
        tracking=True,
        help="The CSO may wish to consult the County Manager (Contracts) (9.2).",
    )
    cso_id = fields.Many2one(
        "res.users", string="CSO Discussed With", readonly=True, copy=False
    )
    date_discussed = fields.Date(
        string="Discussed On", readonly=True, copy=False, tracking=True
    )
    # the County Manager's consultation of Legal Services and decision (9.4)
    date_legal_consulted = fields.Date(
        string="Legal Services Consulted On", tracking=True
    )
    legal_advice = fields.Html(string="Advice of Legal Services")
    decision_note = fields.Html(string="Reasons for the Decision")
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_decided = fields.Date(string="Decided On", readonly=True, copy=False)
    # Legal Services carry it out (9.4)
    legal_reference = fields.Char(string="Legal Services Reference", tracking=True)
    date_terminated = fields.Date(string="Termination Date", tracking=True)
    completed_by_id = fields.Many2one(
        "res.users", string="Carried Out By", readonly=True, copy=False
    )
    date_completed = fields.Date(
        string="Recorded On", readonly=True, copy=False, tracking=True
    )

    @api.depends("contract_id")
    def _compute_display_name(self):
        for case in self:
            case.display_name = _(
                "Early termination of %(ref)s", ref=case.contract_id.sudo().name or ""
            )

    @api.depends("contract_id")
    def _compute_qualifying_notice_ids(self):
        for case in self:
            case.qualifying_notice_ids = case.contract_id._unremedied_notices()

    @api.constrains("cso_id", "completed_by_id")
    def _check_role_holders(self):
        """The CSO the case was discussed with is a Contract Support Officer,
        and who carried it out is Legal Services (9.2, 9.4), however the case
        was written."""
        check_role_holders(
            self, "cso_id", GROUP_SUPPORT_OFFICER, _("the CSO discussed with")
        )
        check_role_holders(
            self, "completed_by_id", GROUP_LEGAL_SERVICES, _("Legal Services")
        )

    @api.constrains(*event_date_fields(TERMINATION_EVENT_DATES))
    def _check_event_dates(self):
        """Informed and consulted are past events: not in the future, not
        before the case was opened, Legal Services not before the CSO's
        discussion (9.2 then 9.4)."""
        check_event_dates(self, TERMINATION_EVENT_DATES)

    @api.model
    def _get_hcc_editable_fields(self):
        """The case is worked on from its draft until the County Manager
        decides; then only Legal Services' record of the termination is
        written, and never before the referral (the draft is declared too)."""
        undecided = PROPOSAL_FIELDS | DISCUSSION_FIELDS | DECISION_FIELDS
        editable = super()._get_hcc_editable_fields()
        editable.update(
            draft=undecided,
            proposed=undecided,
            discussed=undecided,
            referred=LEGAL_FIELDS,
        )
        return editable

    def _hcc_step_refusal_message(self, state, names):
        """Every field of a case belongs to one step of the procedure."""
        return _(
            "%(case)s is at the step “%(state)s”: %(fields)s cannot be "
            "changed now. Add a note in the chatter instead.",
            case=self.display_name,
            state=self._hcc_state_label(state),
            fields=self._hcc_field_labels(names),
        )

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "proposed_by_id",
            "date_proposed",
            "cso_id",
            "date_discussed",
            "decided_by_id",
            "date_decided",
            "completed_by_id",
            "date_completed",
        }

    @api.model
    def _get_hcc_transitions(self):
        """The steps of 9.2 to 9.4: proposed by the lead officer, discussed
        with the CSO, decided by the County Manager, carried out by Legal
        Services; withdrawn at any step before the decision."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_propose=Transition(
                ("draft",), "proposed", _("propose an early termination")
            ),
            action_record_discussion=Transition(
                ("proposed",),
                "discussed",
                _("record the discussion of an early termination"),
            ),
            action_decide_terminate=Transition(
                ("discussed",),
                "referred",
                _("decide to terminate the contract early (procedure 9.4)"),
            ),
            action_decide_not_terminate=Transition(
                ("discussed",),
                "declined",
                _("decide not to terminate the contract early (procedure 9.4)"),
            ),
            action_complete=Transition(
                ("referred",),
                "terminated",
                _("record that an early termination was carried out"),
            ),
            action_withdraw=Transition(
                UNDECIDED_STATES,
                "withdrawn",
                _("withdraw the case"),
                _("Only a case not yet decided can be withdrawn."),
            ),
        )
        return transitions

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        for case in cases:
            contract = case.contract_id.sudo()
            if contract.state != "active":
                raise ValidationError(
                    _(
                        "Contract %(ref)s is %(state)s: a case for early termination "
                        "is opened on an active contract only.",
                        ref=contract.name,
                        state=contract._hcc_state_label(contract.state).lower(),
                    )
                )
            if contract.termination_date:
                raise ValidationError(
                    _(
                        "Contract %(ref)s already terminates early on %(date)s.",
                        ref=contract.name,
                        date=format_date(self.env, contract.termination_date),
                    )
                )
            if (
                self.sudo().search_count(
                    [
                        ("contract_id", "=", contract.id),
                        ("state", "in", OPEN_STATES),
                        ("id", "!=", case.id),
                    ]
                )
                > 0
            ):
                raise ValidationError(
                    _(
                        "Contract %(ref)s already has an open case for early "
                        "termination: carry on with that one.",
                        ref=contract.name,
                    )
                )
        return cases

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "A case for early termination is part of the contract's evidence "
                "and is never deleted: withdraw it instead."
            )
        )

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_propose(self):
        """The lead officer proposes the case to their CSO (9.2)."""
        check_role(self.env, GROUP_SERVICE_MANAGER, _("propose an early termination"))
        self._hcc_check_transition("action_propose")
        for case in self:
            case._check_lead_officer()
            problems = case._get_proposal_problems()
            if problems:
                raise problems_error(
                    _("%(case)s cannot be proposed yet:", case=case.display_name),
                    problems,
                )
        self._hcc_transition(
            "action_propose",
            {
                "proposed_by_id": self.env.user.id,
                "date_proposed": fields.Date.context_today(self),
            },
        )
        for case in self:
            post_stated_dates(case, ["date_provider_informed"])
            case._next_step_activity(
                case.contract_id.support_officer_id,
                _("Discuss the proposed early termination (9.2)"),
            )
        return True

    def action_record_discussion(self):
        """The CSO records the discussion with the lead officer (9.2)."""
        check_role(
            self.env,
            GROUP_SUPPORT_OFFICER,
            _("record the discussion of an early termination"),
        )
        self._hcc_check_transition("action_record_discussion")
        for case in self:
            if is_html_empty(case.discussion_note):
                raise UserError(
                    _(
                        "%(case)s: write what was discussed with the lead officer "
                        "first (procedure 9.2).",
                        case=case.display_name,
                    )
                )
        self._hcc_transition(
            "action_record_discussion",
            {
                "cso_id": self.env.user.id,
                "date_discussed": fields.Date.context_today(self),
            },
        )
        for case in self:
            case._next_step_activity(
                case.company_id.hcc_county_manager_id,
                _("Consult Legal Services and decide on the early termination (9.4)"),
            )
        return True

    def action_decide_terminate(self):
        """The County Manager, having consulted Legal Services, decides to
        terminate: the case goes to Legal Services, who carry it out (9.4).
        The gates of 12.5 must hold."""
        self._check_decision(terminate=True)
        dialog = self._hcc_confirmation(
            "action_decide_terminate",
            _(
                "Legal Services will carry out the early termination of the "
                "contract: the decision cannot be undone. Refer the case to them?"
            ),
        )
        if dialog:
            return dialog
        self._hcc_transition("action_decide_terminate", self._decision_vals())
        legal = self._legal_services_users()
        for case in self:
            post_stated_dates(case, ["date_legal_consulted"])
            case._next_step_activity(
                legal.filtered(lambda u, c=case: c.company_id in u.company_ids),
                _("Carry out the early termination (procedure 9.4)"),
            )
        return True

    def action_decide_not_terminate(self):
        """The County Manager, having consulted Legal Services, decides not
        to terminate; the reasons are recorded."""
        self._check_decision(terminate=False)
        self._hcc_transition("action_decide_not_terminate", self._decision_vals())
        for case in self:
            post_stated_dates(case, ["date_legal_consulted"])
        self._close_step_activities()
        return True

    def action_complete(self):
        """Legal Services record that they carried out the termination: the
        contract is terminated (9.4), its open notices escalated."""
        check_role(
            self.env,
            GROUP_LEGAL_SERVICES,
            _("record that an early termination was carried out"),
        )
        self._hcc_check_transition("action_complete")
        for case in self:
            # the contract's gates ask for Legal Services' reference too
            problems = case.contract_id.sudo()._get_early_termination_problems(
                case._termination_facts()
            )
            if case.contract_id.sudo().state != "active":
                problems.append(_("The contract is no longer active."))
            if problems:
                raise problems_error(
                    _(
                        "%(case)s cannot be recorded as carried out yet:",
                        case=case.display_name,
                    ),
                    problems,
                )
        dialog = self._hcc_confirmation("action_complete", self._completion_question())
        if dialog:
            return dialog
        for case in self:
            # Legal Services read the contract but do not keep it: the
            # termination they carried out is written for them, once their
            # role and their access to the case were checked
            case.contract_id.sudo()._terminate_early(
                case._termination_facts(), case.decided_by_id
            )
        self._hcc_transition(
            "action_complete",
            {
                "completed_by_id": self.env.user.id,
                "date_completed": fields.Date.context_today(self),
            },
        )
        self._close_step_activities()
        return True

    def action_withdraw(self):
        """The lead officer, or the County Manager, withdraws a case not yet
        decided."""
        for case in self:
            case._hcc_check_transition("action_withdraw")
            if not has_role(self.env, GROUP_COUNTY_MANAGER):
                case._check_lead_officer()
        self._hcc_transition("action_withdraw")
        self._close_step_activities()
        return True

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def action_open_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hcc.contract",
            "res_id": self.contract_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _check_lead_officer(self):
        self.ensure_one()
        if self.env.su or self.env.user == self.contract_id.lead_officer_id:
            return
        raise AccessError(
            _(
                "Only the lead officer of contract %(ref)s (%(officer)s) may propose "
                "or withdraw its early termination (procedure 9.2).",
                ref=self.contract_id.name,
                officer=self.contract_id.lead_officer_id.name,
            )
        )

    def _get_proposal_problems(self):
        self.ensure_one()
        problems = []
        if is_html_empty(self.reason):
            problems.append(_("The case for early termination is not recorded."))
        if is_html_empty(self.impact_note):
            problems.append(
                _("Describe the impact on the service users (procedure 9.3).")
            )
        if self.service_users_affected < 0:
            problems.append(_("The number of service users cannot be negative."))
        if is_html_empty(self.alternative_arrangements) or not self.alternative_date:
            problems.append(
                _(
                    "Describe the alternative arrangements for service users and "
                    "their timescale (procedure 9.3)."
                )
            )
        return problems

    def _check_decision(self, terminate):
        check_role(
            self.env,
            GROUP_COUNTY_MANAGER,
            _("decide on an early termination (procedure 9.4)"),
        )
        self._hcc_check_transition(
            "action_decide_terminate" if terminate else "action_decide_not_terminate"
        )
        today = fields.Date.context_today(self)
        for case in self:
            problems = []
            if not case.date_legal_consulted:
                problems.append(
                    _("Record when Legal Services were consulted (procedure 9.4).")
                )
            elif case.date_legal_consulted > today:
                problems.append(
                    _("Legal Services cannot have been consulted in the future.")
                )
            if is_html_empty(case.legal_advice):
                problems.append(_("Record the advice of Legal Services."))
            if terminate:
                problems += case.contract_id._get_early_termination_problems(
                    case._termination_facts(planned=True)
                )
            elif is_html_empty(case.decision_note):
                problems.append(_("Give the reasons for not terminating."))
            if problems:
                raise problems_error(
                    _(
                        "%(case)s cannot be decided yet (the tab “Legal Services "
                        "and Decision” holds what the County Manager records):",
                        case=case.display_name,
                    ),
                    problems,
                )

    def _completion_question(self):
        """What recording the termination will do, as Legal Services are
        asked to confirm it: end the contract today, or on its day."""
        today = fields.Date.context_today(self)
        later = self.filtered(lambda c: c.date_terminated > today)
        if not later:
            return _(
                "The contract will be recorded as terminated early today. "
                "Record the termination?"
            )
        return _(
            "The contract stays active until %(date)s and is terminated early "
            "on that day. Record the termination?",
            date=", ".join(
                format_date(self.env, day) for day in later.mapped("date_terminated")
            ),
        )

    def _termination_facts(self, planned=False):
        """What the contract's gates read (``_get_early_termination_problems``)
        and what the termination records."""
        self.ensure_one()
        facts = {
            "fundamental_breach": self.fundamental_breach,
            "reason": self.reason,
            "cso": self.cso_id,
            "date_cso_consulted": self.date_discussed,
            "alternative_arrangements": self.alternative_arrangements,
            "alternative_date": self.alternative_date,
            "service_users_affected": self.service_users_affected,
            "date_provider_informed": self.date_provider_informed,
            "date_terminated": self.date_termination_planned
            if planned
            else self.date_terminated,
        }
        if not planned:
            facts["legal_reference"] = self.legal_reference
        return facts

    def _decision_vals(self):
        return {
            "decided_by_id": self.env.user.id,
            "date_decided": fields.Date.context_today(self),
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _legal_services_users(self):
        return self.env.ref(GROUP_LEGAL_SERVICES).sudo().users.filtered("active")

    def _close_step_activities(self):
        """The activities of the step just taken are done."""
        self.sudo().activity_feedback(
            ["hcc_contracts.mail_activity_type_termination_step"]
        )

    def _next_step_activity(self, users, summary):
        """Those who take the next step are told, once: the activities of
        the previous step are done."""
        self.ensure_one()
        self._close_step_activities()
        activity_type = self.env.ref(
            "hcc_contracts.mail_activity_type_termination_step"
        )
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": self,
                    "activity_type": activity_type,
                    "user": user,
                    "summary": summary,
                    "date_deadline": fields.Date.context_today(self),
                }
                for user in users
            ]
        )
