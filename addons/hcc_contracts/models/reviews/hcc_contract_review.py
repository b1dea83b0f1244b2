from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, is_html_empty
from odoo.tools.misc import format_date
from odoo.tools.sql import index_exists

from ...tools.errors import problems_error
from ...tools.event_dates import EventDate, check_event_dates
from ..hcc_workflow_mixin import Transition

ANSWER = [
    ("yes", "Yes"),
    ("partly", "Partly"),
    ("no", "No"),
]
YES_NO = [
    ("yes", "Yes"),
    ("no", "No"),
]
TENDERING_APPROACH = [
    ("single_tender", "Single tender negotiation"),
    ("competitive", "Competitive tender"),
    ("framework", "Framework / call-off"),
    ("not_applicable", "Not applicable"),
]
DECISION = [
    ("renew", "Renew"),
    ("extend", "Extend"),
    ("retender", "Re-tender"),
    ("decommission", "Decommission"),
]
OPEN_STATES = ("planned", "in_progress")
# days after the due date when a late review goes to the County Manager
REVIEW_ESCALATION_DAYS = 30


class HccContractReview(models.Model):
    """The comprehensive review of a contract that the lead officer completes at
    least twelve months before its scheduled end date (procedure 10.1, 10.2,
    12.7). The reviews cron creates it in time and escalates it when late."""

    _name = "hcc.contract.review"
    _description = "Contract Review"
    _inherit = ["hcc.contract.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_due desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=True)
    contract_id = fields.Many2one(readonly=True)
    lead_officer_id = fields.Many2one(related="contract_id.lead_officer_id")
    support_officer_id = fields.Many2one(related="contract_id.support_officer_id")
    locality_id = fields.Many2one(related="contract_id.locality_id")
    contract_date_end = fields.Date(
        related="contract_id.date_end", string="Contract End Date"
    )
    state = fields.Selection(
        [
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        default="planned",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date_due = fields.Date(
        string="Due Date",
        compute="_compute_date_due",
        store=True,
        readonly=True,
        precompute=True,
        index=True,
        tracking=True,
        help="Twelve months before the end of the contract (procedure 10.1, "
        "12.7). Follows the contract's end date until the review is done.",
    )
    date_done = fields.Date(string="Completed On", readonly=True, copy=False)
    is_late = fields.Boolean(
        compute="_compute_is_late",
        store=True,
        index=True,
        help="Not done and past its due date. Refreshed every day by the "
        "scheduled action.",
    )
    escalation_level = fields.Selection(
        [
            ("none", "Not escalated"),
            ("support_officer", "Contract Support Officer"),
            ("county_manager", "County Manager"),
        ],
        default="none",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="Who has been told that the review is late: the Contract Support "
        "Officer on the due date, the County Manager thirty days later.",
    )

    # 10.1: the five key questions, each answered with its evidence
    needs_met = fields.Selection(
        ANSWER, string="Has the contract met service needs?", tracking=True
    )
    needs_met_evidence = fields.Html(string="Evidence: Service Needs")
    spec_amend = fields.Selection(
        YES_NO,
        string="Does the service specification need to be amended?",
        tracking=True,
    )
    spec_amend_evidence = fields.Html(string="Evidence: Specification")
    value_for_money = fields.Selection(
        ANSWER, string="Has the contract represented value for money?", tracking=True
    )
    value_for_money_evidence = fields.Html(string="Evidence: Value for Money")
    renew = fields.Selection(
        YES_NO, string="Should the contract be renewed?", tracking=True
    )
    renew_evidence = fields.Html(string="Evidence: Renewal")
    tendering_approach = fields.Selection(
        TENDERING_APPROACH,
        string="Preferred tendering approach",
        tracking=True,
        help="Established by the Service Manager in consultation with the "
        "Contract Support Officer and the General Finance Manager (Appendix A 3).",
    )
    tendering_notes = fields.Html()

    # 10.2
    service_users_views = fields.Html(
        string="Service Users' Views",
        help="What service users said in the annual satisfaction surveys: they "
        "must play an important part in the review (procedure 10.2).",
    )
    other_factors = fields.Html(
        string="Legislative and Policy Changes",
        help="Legislative or policy changes that may also decide the outcome.",
    )
    decision = fields.Selection(DECISION, tracking=True)
    decision_notes = fields.Html(string="Reasons for the Decision")
    informed_provider_date = fields.Date(
        string="Provider Informed On",
        tracking=True,
        help="The provider was told of the Department's purchasing intentions "
        "for this contract (procedure 10.2).",
    )
    informed_users_carers_date = fields.Date(
        string="Service Users and Carers Informed On",
        tracking=True,
        help="Service users and their carer families were told of the "
        "Department's purchasing intentions (procedure 10.2).",
    )
    not_informed_reason = fields.Text(
        string="Why Not Yet Informed",
        help="Needed to complete the review while the provider, or the service "
        "users and carers, are not yet recorded as informed (procedure 10.2).",
    )
    notes = fields.Html()

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("contract_id.name")
    def _compute_name(self):
        for review in self:
            review.name = _("Review of %(ref)s", ref=review.contract_id.name or "")

    @api.depends("contract_id.review_due_date")
    def _compute_date_due(self):
        for review in self:
            if review.state in OPEN_STATES or not review.date_due:
                review.date_due = review.contract_id.review_due_date

    @api.depends("state", "date_due")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for review in self:
            review.is_late = bool(
                review.state in OPEN_STATES
                and review.date_due
                and review.date_due < today
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("contract_id", "date_due")
    def _check_contract_term(self):
        for review in self:
            contract = review.contract_id
            if not review.date_due:
                raise ValidationError(
                    _(
                        "Contract %(ref)s has no end date: its review cannot be "
                        "planned.",
                        ref=contract.name,
                    )
                )
            if contract.date_start and contract.date_end <= contract.date_start:
                raise ValidationError(
                    _(
                        "Contract %(ref)s ends on %(end)s, before it starts: "
                        "correct its dates before its review is planned.",
                        ref=contract.name,
                        end=format_date(self.env, contract.date_end),
                    )
                )

    @api.constrains("contract_id", "date_due", "state")
    def _check_one_review_per_due_date(self):
        groups = self._read_group(
            [
                ("contract_id", "in", self.contract_id.ids),
                ("state", "!=", "cancelled"),
            ],
            ["contract_id", "date_due:day"],
            ["__count"],
        )
        for contract, _date_due, count in groups:
            if count > 1:
                self._raise_review_exists(contract)

    def _raise_review_exists(self, contract):
        raise ValidationError(
            _(
                "Contract %(ref)s already has a review for this due date.",
                ref=contract.name,
            )
        )

    @api.constrains("informed_provider_date", "informed_users_carers_date")
    def _check_event_dates(self):
        """Informed is a past event, not before the review was opened. Not
        after its completion: completing asks for them (10.2), so they are
        usually stated before the review is done (tools/event_dates.py)."""
        check_event_dates(
            self,
            [
                EventDate("informed_provider_date"),
                EventDate("informed_users_carers_date"),
            ],
        )

    @api.constrains("date_done", "informed_provider_date", "informed_users_carers_date")
    def _check_dates_not_future(self):
        today = fields.Date.context_today(self)
        for review in self:
            for date in (
                review.date_done,
                review.informed_provider_date,
                review.informed_users_carers_date,
            ):
                if date and date > today:
                    raise ValidationError(
                        _(
                            "%(review)s: %(date)s is in the future; record the "
                            "date once it has happened.",
                            review=review.name,
                            date=format_date(self.env, date),
                        )
                    )

    # the Python check above, held by the database too: two scheduled runs or
    # two users at once cannot both create the review of a due date (the
    # index is made by ``init``, the message is Odoo's for its violation)
    _sql_constraints = [
        (
            "one_review_per_due_date",
            "",
            "This contract already has a review for this due date.",
        ),
    ]

    def init(self):
        res = super().init()
        name = f"{self._table}_one_review_per_due_date"
        if not index_exists(self.env.cr, name):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX %s ON %s (contract_id, date_due) "
                    "WHERE state != 'cancelled'",
                    SQL.identifier(name),
                    SQL.identifier(self._table),
                )
            )
        return res

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_editable_fields(self):
        """A review under way is answered; a completed one only records when
        the provider, service users and carers were told (10.2)."""
        answers = {
            "needs_met",
            "needs_met_evidence",
            "value_for_money",
            "value_for_money_evidence",
            "spec_amend",
            "spec_amend_evidence",
            "renew",
            "renew_evidence",
            "service_users_views",
            "other_factors",
            "tendering_approach",
            "tendering_notes",
            "decision",
            "decision_notes",
            # why they are not all told yet is part of the completed record
            "not_informed_reason",
        }
        informed = {
            "notes",
            "informed_provider_date",
            "informed_users_carers_date",
        }
        editable = super()._get_hcc_editable_fields()
        editable.update(in_progress=answers | informed, done=informed)
        return editable

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "date_due",
            "date_done",
            "is_late",
            "escalation_level",
        }

    @api.model
    def _get_hcc_transitions(self):
        """A planned review is started; an open one completed, or cancelled
        once its contract has ended."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_start=Transition(("planned",), "in_progress", _("start the review")),
            action_done=Transition(OPEN_STATES, "done", _("complete the review")),
            action_cancel=Transition(OPEN_STATES, "cancelled", _("cancel the review")),
        )
        return transitions

    @api.model_create_multi
    def create(self, vals_list):
        """Refuse a second review of a due date with the check's own message,
        before the database's index would refuse it with its own."""
        Contract = self.env["hcc.contract"]
        contracts = Contract.browse(
            [vals["contract_id"] for vals in vals_list if vals.get("contract_id")]
        )
        existing = self.sudo().search(
            [("contract_id", "in", contracts.ids), ("state", "!=", "cancelled")]
        )
        taken = {(review.contract_id.id, review.date_due) for review in existing}
        for vals in vals_list:
            contract = Contract.browse(vals.get("contract_id"))
            key = (contract.id, contract.review_due_date)
            if contract and key in taken:
                self._raise_review_exists(contract)
            taken.add(key)
        return super().create(vals_list)

    def _hcc_step_refusal_message(self, state, names):
        """A completed review is the record of the review."""
        if state == "done":
            return _(
                "%(review)s is completed: its answers, evidence and decision "
                "are the record of the review (10.1, 10.2) and cannot change "
                "(%(fields)s).",
                review=self.name,
                fields=self._hcc_field_labels(names),
            )
        return super()._hcc_step_refusal_message(state, names)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_review(self):
        if self:
            raise UserError(
                _(
                    "%(review)s is part of the contract's history and cannot be "
                    "deleted: cancel it instead once the contract has ended.",
                    review=self[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_start(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        self._hcc_transition("action_start")
        self._refresh_contract_rag()
        return True

    def action_done(self):
        """Complete the review: every key question of 10.1 answered with its
        evidence, the service users' views (10.2) and the decision recorded."""
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        for review in self:
            review._hcc_check_transition("action_done")
            problems = review._get_completion_problems()
            if problems:
                raise problems_error(
                    _("%(review)s cannot be completed yet:", review=review.name),
                    problems,
                )
        self._hcc_transition(
            "action_done", {"date_done": fields.Date.context_today(self)}
        )
        self.activity_ids.action_feedback(feedback=_("Review completed."))
        self._refresh_contract_rag()
        return True

    def action_cancel(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        for review in self:
            review._hcc_check_transition("action_cancel")
            if review.contract_id.state == "active":
                raise UserError(
                    _(
                        "%(review)s cannot be cancelled while contract %(ref)s is "
                        "active: every contract must be reviewed at least twelve "
                        "months before its end date (standard 12.7).",
                        review=review.name,
                        ref=review.contract_id.name,
                    )
                )
        self._hcc_transition("action_cancel")
        self.activity_ids.unlink()
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_completion_problems(self):
        """Return the translated list of what is missing before this review
        can be completed. Other modules extend it."""
        self.ensure_one()
        problems = []
        questions = [
            ("needs_met", "needs_met_evidence"),
            ("spec_amend", "spec_amend_evidence"),
            ("value_for_money", "value_for_money_evidence"),
            ("renew", "renew_evidence"),
        ]
        for answer, evidence in questions:
            label = self._fields[answer].get_description(self.env)["string"]
            if not self[answer]:
                problems.append(_("“%(question)s” is not answered.", question=label))
            elif is_html_empty(self[evidence]):
                problems.append(_("“%(question)s” has no evidence.", question=label))
        if not self.tendering_approach:
            problems.append(_("The preferred tendering approach is not chosen."))
        if is_html_empty(self.service_users_views):
            problems.append(
                _(
                    "The service users' views from the satisfaction surveys are "
                    "not recorded (10.2)."
                )
            )
        uninformed = []
        if not self.informed_provider_date:
            uninformed.append(_("the provider"))
        if not self.informed_users_carers_date:
            uninformed.append(_("the service users and carers"))
        if uninformed and not (self.not_informed_reason or "").strip():
            problems.append(
                _(
                    "Not recorded as informed of the Department's purchasing "
                    "intentions (10.2): %(who)s. Record the date they were told, "
                    "or give the reason why not yet.",
                    who=_(" and ").join(uninformed),
                )
            )
        if not self.decision:
            problems.append(_("No decision is recorded."))
        elif self.decision in ("renew", "extend") and self.renew == "no":
            problems.append(
                _(
                    "The decision is to renew or extend, but the answer to “Should "
                    "the contract be renewed?” is no."
                )
            )
        return problems

    # ------------------------------------------------------------------
    # Scheduled action helpers (see hcc.contract._cron_contract_reviews)
    # ------------------------------------------------------------------
    @api.model
    def _get_escalation_domain(self, today):
        """Open reviews of live contracts whose next escalation step is due."""
        county_limit = today - timedelta(days=REVIEW_ESCALATION_DAYS)
        return [
            ("state", "in", OPEN_STATES),
            ("contract_id.state", "=", "active"),
            "|",
            "&",
            ("escalation_level", "=", "none"),
            ("date_due", "<=", today),
            "&",
            ("escalation_level", "=", "support_officer"),
            ("date_due", "<=", county_limit),
        ]

    def _hcc_escalate(self, today):
        """Tell the next person in line that the review is late: the Contract
        Support Officer on the due date, the County Manager thirty days later
        (a review already thirty days late goes to both at once)."""
        late_type = self.env.ref("hcc_contracts.mail_activity_type_review_late")
        county_limit = today - timedelta(days=REVIEW_ESCALATION_DAYS)
        requests = []
        by_level = {"support_officer": [], "county_manager": []}
        for review in self:
            _lead, cso, county_manager = review.contract_id._hcc_escalation_users()
            level = (
                "county_manager"
                if review.date_due <= county_limit
                else "support_officer"
            )
            # no support officer on the contract: the County Manager hears at once
            first = cso or county_manager
            recipients = (
                [first] if level == "support_officer" else [first, county_manager]
            )
            if review.escalation_level == "support_officer":
                recipients = [county_manager]
            for user in recipients:
                requests.append(
                    {
                        "record": review,
                        "activity_type": late_type,
                        "user": user,
                        "summary": _("Contract review late"),
                        "note": _(
                            "The review of contract %(ref)s was due on %(due)s and "
                            "is not done; the lead officer is %(lead)s.",
                            ref=review.contract_id.name,
                            due=format_date(self.env, review.date_due),
                            lead=review.lead_officer_id.name or _("not appointed"),
                        ),
                        "date_deadline": today,
                    }
                )
            by_level[level].append(review.id)
        self.env["mail.activity"]._hcc_schedule(requests)
        for level, ids in by_level.items():
            if ids:
                self.browse(ids).write({"escalation_level": level})
