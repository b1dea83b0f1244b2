from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from ...tools.errors import problems_error
from ...tools.roles import GROUP_COUNTY_MANAGER, GROUP_SUPPORT_OFFICER
from ..contract.hcc_contract import PAYMENT_BASIS, RETURN_FREQUENCY
from ..hcc_workflow_mixin import Transition

STEPS = [
    ("need", "Need"),
    ("option", "Procurement Option"),
    ("authorisation", "Authorisation"),
    ("tender", "Tender"),
    ("negotiation", "Negotiation"),
    ("evaluation", "Evaluation"),
    ("award", "Award"),
    ("signature", "Signature"),
    ("done", "Contract Signed"),
    ("cancelled", "Cancelled"),
]
# the steps of a procurement not yet finished
OPEN_STEPS = tuple(step for step, _label in STEPS if step not in ("done", "cancelled"))
# Appendix A: who does each step, the Service Manager (lead officer) or the
# Contract Support Officer.
STEP_OWNER = {
    "need": "sm",
    "option": "sm",
    "authorisation": "cso",
    "tender": "cso",
    "negotiation": "sm",
    "evaluation": "sm",
    "award": "cso",
    "signature": "cso",
}
PROCUREMENT_OPTIONS = [
    ("single_tender", "Single tender negotiation"),
    ("competitive_tender", "Competitive tender"),
]
AUTHORISATION_BODIES = [
    ("executive_member", "Executive Member – Social Care"),
    ("chief_executive", "Chief Executive"),
    ("county_manager", "County Manager"),
]
AWARD_BODIES = [
    ("chief_executive", "Chief Executive"),
    ("county_manager", "County Manager"),
]
# what each step still writes once the need is established (Appendix A)
SERVICE_SHAPE_FIELDS = {
    "care_group_id",
    "service_type_id",
    "payment_basis",
    "date_contract_start",
    "date_contract_end",
    "spec_scope",
    "spec_standards",
    "spec_meeting_information",
    "spec_meeting_staff",
    "requires_activity_information",
    "requires_satisfaction_survey",
    "data_return_frequency",
    "meeting_interval_months",
}
STEP_FIELDS = {
    "option": {
        "procurement_option",
        "option_rationale",
        "sm_information",
        "date_cso_liaised",
        "date_finance_consulted",
        "finance_manager_id",
        "finance_manager_name",
        *SERVICE_SHAPE_FIELDS,
    },
    "authorisation": {
        "authorisation_body",
        "authorisation_reference",
        "authorised_by",
        "date_authorised",
        *SERVICE_SHAPE_FIELDS,
    },
    "tender": {
        "advert_text",
        "date_advert",
        "date_invited",
        "date_closing",
        "quality_weight",
        "bid_ids",
        *SERVICE_SHAPE_FIELDS,
    },
    "negotiation": {"negotiation_notes", "bid_ids", *SERVICE_SHAPE_FIELDS},
    "evaluation": {
        "evaluation_notes",
        "evaluation_cso_consulted",
        "evaluation_fsu_consulted",
        "recommendation",
        "awarded_bid_id",
        "bid_ids",
    },
    "award": {"award_body", "date_awarded", "contract_documents_ready"},
    "signature": {
        "date_sent_for_signature",
        "date_countersigned",
        "date_unsuccessful_informed",
        "contract_file_maintained",
    },
}
# at any step until the contract is signed, the officers can be replaced;
# the file is kept after it too
OPEN_STEP_FIELDS = {"title", "lead_officer_id", "support_officer_id"}


def procurement_editable_fields():
    """``{step: fields a user may still write}`` past the first step: the
    facts of the step and of the steps before it, corrected until the
    contract goes for signature; then only the signature's facts."""
    editable, so_far = {}, set()
    for step in ("option", "authorisation", "tender", "negotiation", "evaluation"):
        so_far |= STEP_FIELDS[step]
        editable[step] = so_far | OPEN_STEP_FIELDS | {"document_ids"}
    editable["award"] = so_far | STEP_FIELDS["award"] | OPEN_STEP_FIELDS
    editable["award"] |= {"document_ids"}
    editable["signature"] = STEP_FIELDS["signature"] | OPEN_STEP_FIELDS
    editable["signature"] |= {"contract_documents_ready", "document_ids"}
    editable["done"] = {"document_ids", "active"}
    editable["cancelled"] = {"active"}
    return editable


# days the owner of a step is given before its activity is due
STEP_DEADLINE_DAYS = 14


class HccProcurement(models.Model):
    """From an established need (A1) or the review of a contract (A2) to the
    countersigned contract (A9), step by step as Appendix A of the procedure
    shares the work between the Service Manager and the Contract Support
    Officer. Each step is completed by its owner, who is then relieved of its
    activity while the owner of the next step gets one."""

    _name = "hcc.procurement"
    _description = "Procurement of a Social Care Service"
    _hcc_state_path = "step"
    _inherit = [
        "hcc.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hcc.reference.mixin",
    ]
    _hcc_reference_sequence = "hcc.procurement"
    _order = "id desc"
    _rec_names_search = ["name", "title"]
    _check_company_auto = True

    # ------------------------------------------------------------------
    # Identification (A1, A2)
    # ------------------------------------------------------------------
    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self._default_name(),
        index="trigram",
    )
    title = fields.Char(required=True, tracking=True, index="trigram")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env["hcc.contract"]._default_currency(),
    )
    origin = fields.Selection(
        [
            ("need", "New need for a service (A1)"),
            ("review", "Review of an existing contract (A2)"),
        ],
        required=True,
        default="need",
        tracking=True,
    )
    contract_id = fields.Many2one(
        "hcc.contract",
        string="Reviewed Contract",
        tracking=True,
        index=True,
        check_company=True,
        help="The existing contract whose review (A2) decided that the service "
        "should be procured again.",
    )
    need_description = fields.Html(
        string="Need",
        help="The need for the service, or the conclusions of the contract review.",
    )
    locality_id = fields.Many2one(
        "hcc.locality", required=True, tracking=True, index=True, check_company=True
    )
    care_group_id = fields.Many2one(
        "hcc.care.group", tracking=True, index=True, check_company=True
    )
    service_type_id = fields.Many2one(
        "hcc.service.type", tracking=True, index=True, check_company=True
    )
    lead_officer_id = fields.Many2one(
        "res.users",
        required=True,
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        help="The Service Manager who owns the procurement and its SM steps.",
    )
    support_officer_id = fields.Many2one(
        "res.users",
        string="Contract Support Officer",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
        help="Obtains the authorisations, runs the tender paperwork and sees the "
        "contract signed.",
    )
    step = fields.Selection(
        STEPS,
        default="need",
        required=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_steps",
    )
    step_owner = fields.Selection(
        [("sm", "Service Manager"), ("cso", "Contract Support Officer")],
        string="Step Owner Role",
        compute="_compute_step_owner",
        help="Who completes the current step, as Appendix A says.",
    )
    step_user_id = fields.Many2one(
        "res.users",
        string="Step Owner",
        compute="_compute_step_owner",
    )

    # ------------------------------------------------------------------
    # Option (A3) and authorisation (A4)
    # ------------------------------------------------------------------
    procurement_option = fields.Selection(
        PROCUREMENT_OPTIONS,
        tracking=True,
        help="Chosen by the Service Manager with the Contract Support Officer "
        "and the General Finance Manager (A3).",
    )
    option_rationale = fields.Text(string="Why this Option")
    finance_manager_id = fields.Many2one(
        "res.users",
        string="General Finance Manager",
        tracking=True,
        domain="[('share', '=', False)]",
    )
    finance_manager_name = fields.Char(
        string="General Finance Manager (Name)",
        tracking=True,
        help="When the General Finance Manager is not a user of the database.",
    )
    date_finance_consulted = fields.Date(string="Finance Consulted On", tracking=True)
    date_cso_liaised = fields.Date(
        string="CSO Consulted On",
        tracking=True,
        help="When the Service Manager agreed the option with the Contract "
        "Support Officer (A3).",
    )
    sm_information = fields.Html(
        string="Information and Narrative",
        help="What the Service Manager gives the Contract Support Officer to "
        "obtain authorisation (A4).",
    )
    authorisation_body = fields.Selection(
        AUTHORISATION_BODIES, string="Authorised By (Body)", tracking=True
    )
    authorised_by = fields.Char(
        tracking=True,
        help="Name of the person who gave the authorisation.",
    )
    date_authorised = fields.Date(string="Authorisation Date", tracking=True)
    authorisation_reference = fields.Char(
        help="Reference of the report or decision record."
    )

    # ------------------------------------------------------------------
    # Tender (A7), negotiation (A5), specification (A6)
    # ------------------------------------------------------------------
    date_advert = fields.Date(string="Advertisement Placed On", tracking=True)
    advert_text = fields.Text(string="Advertisement")
    date_invited = fields.Date(string="Tenders Invited On", tracking=True)
    date_closing = fields.Date(string="Closing Date for Tenders", tracking=True)
    date_closing_reminded = fields.Date(
        string="Closing Reminder Sent On",
        readonly=True,
        copy=False,
        help="When the Contract Support Officer was reminded that tenders had "
        "closed; cleared when the closing date changes.",
    )
    negotiation_notes = fields.Html(help="How the single tender negotiation went (A5).")
    spec_scope = fields.Html(string="Scope and Service")
    spec_standards = fields.Html(string="Service Standards")
    spec_meeting_information = fields.Text(string="Information for Monitoring Meetings")
    spec_meeting_staff = fields.Text(string="Staff at Monitoring Meetings")
    meeting_interval_months = fields.Integer(
        string="Monitoring Meetings Every (Months)", default=6
    )
    data_return_frequency = fields.Selection(
        RETURN_FREQUENCY, default="monthly", required=True
    )
    payment_basis = fields.Selection(PAYMENT_BASIS, default="delivered", required=True)
    requires_satisfaction_survey = fields.Boolean(
        string="Annual User Satisfaction Survey", default=True
    )
    requires_activity_information = fields.Boolean(
        string="Activity Information", default=True
    )
    date_contract_start = fields.Date(string="Proposed Start Date")
    date_contract_end = fields.Date(string="Proposed End Date")
    contract_documents_ready = fields.Boolean(
        string="Contract Documentation Prepared",
        tracking=True,
        help="The Contract Support Officer has prepared the contract "
        "documentation (A6, A9).",
    )

    # ------------------------------------------------------------------
    # Evaluation (A8), award (A9), signature (A9)
    # ------------------------------------------------------------------
    bid_ids = fields.One2many("hcc.procurement.bid", "procurement_id", string="Bids")
    bid_count = fields.Integer(compute="_compute_bid_count")
    received_bid_count = fields.Integer(
        string="Tenders Received", compute="_compute_bid_count"
    )
    quality_weight = fields.Integer(
        string="Quality Weighting (%)",
        default=60,
        help="Share of the total score given to quality; the rest goes to price.",
    )
    price_weight = fields.Integer(
        string="Price Weighting (%)", compute="_compute_price_weight"
    )
    evaluation_cso_consulted = fields.Boolean(
        string="Evaluated with the CSO", tracking=True
    )
    evaluation_fsu_consulted = fields.Boolean(
        string="Evaluated with the Finance Support Unit", tracking=True
    )
    evaluation_notes = fields.Html()
    recommendation = fields.Text(
        tracking=True,
        help="The Service Manager's recommendation to the County Manager or "
        "Chief Executive on the award (A9).",
    )
    awarded_bid_id = fields.Many2one(
        "hcc.procurement.bid",
        string="Recommended Bid",
        tracking=True,
        domain="[('procurement_id', '=', id), ('date_received', '!=', False)]",
        check_company=True,
    )
    awarded_partner_id = fields.Many2one(
        related="awarded_bid_id.partner_id", string="Recommended Provider"
    )
    award_body = fields.Selection(
        AWARD_BODIES, string="Award Authorised By", tracking=True
    )
    date_awarded = fields.Date(string="Award Date", tracking=True, copy=False)
    awarded_contract_id = fields.Many2one(
        "hcc.contract",
        readonly=True,
        copy=False,
        index=True,
        check_company=True,
    )
    date_sent_for_signature = fields.Date(
        string="Sent to Provider for Signature", tracking=True, copy=False
    )
    date_countersigned = fields.Date(
        string="Countersigned Contract Returned", tracking=True, copy=False
    )
    date_unsuccessful_informed = fields.Date(
        string="Unsuccessful Providers Informed", tracking=True, copy=False
    )
    contract_file_maintained = fields.Boolean(
        string="Locality Contract File Updated", tracking=True, copy=False
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A procurement with this reference already exists.",
        ),
    ]

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    def _group_expand_steps(self, steps, domain):
        return [key for key, _label in STEPS if key != "cancelled"]

    @api.depends("step", "lead_officer_id", "support_officer_id")
    def _compute_step_owner(self):
        for procurement in self:
            owner = STEP_OWNER.get(procurement.step, False)
            procurement.step_owner = owner
            procurement.step_user_id = procurement._owner_user(owner)

    @api.depends("bid_ids.date_received")
    def _compute_bid_count(self):
        for procurement in self:
            procurement.bid_count = len(procurement.bid_ids)
            procurement.received_bid_count = len(
                procurement.bid_ids.filtered("date_received")
            )

    @api.depends("quality_weight")
    def _compute_price_weight(self):
        for procurement in self:
            procurement.price_weight = 100 - procurement.quality_weight

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.constrains("origin", "contract_id")
    def _check_origin(self):
        for procurement in self:
            if procurement.origin == "review" and not procurement.contract_id:
                raise ValidationError(
                    _(
                        "Procurement %(ref)s comes from a contract review: choose "
                        "the reviewed contract.",
                        ref=procurement.name,
                    )
                )

    @api.constrains("contract_id", "awarded_contract_id")
    def _check_reviewed_not_awarded(self):
        for procurement in self:
            if (
                procurement.contract_id
                and procurement.contract_id == procurement.awarded_contract_id
            ):
                raise ValidationError(
                    _(
                        "Procurement %(ref)s awarded contract %(contract)s: it "
                        "cannot also be the reviewed contract.",
                        ref=procurement.name,
                        contract=procurement.contract_id.name,
                    )
                )

    @api.constrains("quality_weight")
    def _check_quality_weight(self):
        for procurement in self:
            if not 0 <= procurement.quality_weight <= 100:
                raise ValidationError(
                    _(
                        "Procurement %(ref)s: the quality weighting must be between "
                        "0 and 100%%.",
                        ref=procurement.name,
                    )
                )

    @api.constrains("date_invited", "date_closing")
    def _check_tender_dates(self):
        for procurement in self:
            if (
                procurement.date_invited
                and procurement.date_closing
                and procurement.date_closing <= procurement.date_invited
            ):
                raise ValidationError(
                    _(
                        "Procurement %(ref)s: the closing date for tenders must be "
                        "after the date they were invited.",
                        ref=procurement.name,
                    )
                )

    @api.constrains(
        "date_awarded",
        "date_authorised",
        "date_sent_for_signature",
        "date_countersigned",
        "date_unsuccessful_informed",
    )
    def _check_award_dates(self):
        for procurement in self:
            for message in procurement._get_award_date_problems():
                raise ValidationError(message)

    def _get_award_date_problems(self):
        self.ensure_one()
        problems = []
        awarded, ref = self.date_awarded, self.name
        if awarded and self.date_authorised and awarded < self.date_authorised:
            problems.append(
                _(
                    "Procurement %(ref)s: the award date (%(award)s) cannot be "
                    "before the authorisation to procure (%(auth)s).",
                    ref=ref,
                    award=fields.Date.to_string(awarded),
                    auth=fields.Date.to_string(self.date_authorised),
                )
            )
        for field_name in (
            "date_sent_for_signature",
            "date_countersigned",
            "date_unsuccessful_informed",
        ):
            value = self[field_name]
            if value and (not awarded or value < awarded):
                problems.append(
                    _(
                        "Procurement %(ref)s: “%(what)s” (%(date)s) cannot be "
                        "before the award of the contract (%(award)s).",
                        ref=ref,
                        what=self._fields[field_name].get_description(self.env)[
                            "string"
                        ],
                        date=fields.Date.to_string(value),
                        award=fields.Date.to_string(awarded) if awarded else _("none"),
                    )
                )
        sent, returned = self.date_sent_for_signature, self.date_countersigned
        if sent and returned and returned < sent:
            problems.append(
                _(
                    "Procurement %(ref)s: the countersigned contract cannot come "
                    "back (%(returned)s) before it was sent (%(sent)s).",
                    ref=ref,
                    returned=fields.Date.to_string(returned),
                    sent=fields.Date.to_string(sent),
                )
            )
        return problems

    @api.onchange("contract_id")
    def _onchange_contract_id(self):
        """A review (A2) procures the same service again: start from the
        reviewed contract's classification, officers and specification."""
        contract = self.contract_id
        if not contract:
            return
        self.title = self.title or contract.title
        for field_name in self._get_contract_copied_fields():
            self[field_name] = contract[field_name]

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        procurements = super().create(vals_list)
        procurements._schedule_step_activities()
        return procurements

    @api.model
    def _get_hcc_first_step_fields(self):
        """The need, where and for whom, and how it came."""
        return super()._get_hcc_first_step_fields() | {
            "company_id",
            "contract_id",
            "currency_id",
            "locality_id",
            "name",
            "need_description",
            "origin",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """Each step writes its own facts (Appendix A); the service being
        bought is shaped until the tenders are evaluated; the officers can be
        replaced and the file kept at any open step."""
        return {**super()._get_hcc_editable_fields(), **procurement_editable_fields()}

    @api.model
    def _get_hcc_action_fields(self):
        """The step changes only through the step buttons, so that each step
        is completed by its owner; the award names its contract."""
        return super()._get_hcc_action_fields() | {
            "step",
            "awarded_contract_id",
            "date_closing_reminded",
        }

    @api.model
    def _get_hcc_transitions(self):
        """The steps of Appendix A, each completed by its button; a procurement
        not yet finished may be cancelled."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_confirm_need=Transition(
                ("need",), "option", _("confirm the need (A1, A2)")
            ),
            action_confirm_option=Transition(
                ("option",),
                "authorisation",
                _("confirm the procurement option (A3, A4)"),
            ),
            # a single tender is negotiated, the others are advertised
            action_authorise=Transition(
                ("authorisation",),
                ("tender", "negotiation"),
                _("record the authorisation of the procurement (A4)"),
            ),
            action_close_tender=Transition(
                ("tender",), "evaluation", _("close the tender (A7)")
            ),
            action_close_negotiation=Transition(
                ("negotiation",), "evaluation", _("close the negotiation (A5)")
            ),
            action_complete_evaluation=Transition(
                ("evaluation",), "award", _("complete the evaluation (A8, A9)")
            ),
            action_award=Transition(
                ("award",), "signature", _("record the award (A9)")
            ),
            action_confirm_signature=Transition(
                ("signature",), "done", _("confirm the signature of the contract (A9)")
            ),
            action_cancel=Transition(
                OPEN_STEPS,
                "cancelled",
                _("cancel the procurement"),
                _("Only a procurement not yet finished can be cancelled."),
            ),
        )
        return transitions

    def write(self, vals):
        res = super().write(vals)
        if "date_closing" in vals:
            # a new closing date is reminded again
            self.filtered("date_closing_reminded").sudo().write(
                {"date_closing_reminded": False}
            )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(lambda p: p.step != "need" or p.bid_ids)
        if started:
            raise UserError(
                _(
                    "Procurement %(ref)s has a history and cannot be deleted: "
                    "cancel or archive it instead.",
                    ref=started[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Step actions (Appendix A)
    # ------------------------------------------------------------------
    def action_confirm_need(self):
        """A1/A2: the Service Manager has established the need."""
        return self._complete_step("action_confirm_need", "_get_need_problems")

    def action_confirm_option(self):
        """A3/A4: option chosen with the CSO and the General Finance Manager,
        and the information the CSO needs for the authorisation given."""
        return self._complete_step("action_confirm_option", "_get_option_problems")

    def action_authorise(self):
        """A4: the CSO records who authorised the procurement and when."""
        self.ensure_one()
        next_step = (
            "negotiation" if self.procurement_option == "single_tender" else "tender"
        )
        return self._complete_step(
            "action_authorise", "_get_authorisation_problems", next_step
        )

    def action_close_tender(self):
        """A7: the CSO advertised, invited and received the tenders."""
        return self._complete_step("action_close_tender", "_get_tender_problems")

    def action_close_negotiation(self):
        """A5: the Service Manager negotiated with the single provider."""
        return self._complete_step(
            "action_close_negotiation", "_get_negotiation_problems"
        )

    def action_complete_evaluation(self):
        """A8/A9: the Service Manager evaluated the bids with the CSO and the
        finance support unit and recommends one."""
        return self._complete_step(
            "action_complete_evaluation", "_get_evaluation_problems"
        )

    def action_award(self):
        """A9: the CSO records the award authorised by the County Manager or
        the Chief Executive; the draft contract is created from the winning
        bid and the specification."""
        self.ensure_one()
        self._hcc_check_transition("action_award")
        self._check_step_owner()
        if not self.date_awarded:
            self.date_awarded = fields.Date.context_today(self)
        self._raise_problems(self._get_award_problems())
        contract = self.env["hcc.contract"].create(self._prepare_contract_vals())
        self._hcc_record_action({"awarded_contract_id": contract.id})
        self._move_to("action_award")
        contract.message_post_with_source(
            "mail.message_origin_link",
            render_values={"self": contract, "origin": self},
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_confirm_signature(self):
        """A9: the contract went to the provider, came back countersigned,
        the unsuccessful providers were told and the locality file is kept."""
        self.ensure_one()
        self._complete_step("action_confirm_signature", "_get_signature_problems")
        contract = self.awarded_contract_id
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": contract,
                    "activity_type": todo,
                    "user": contract.lead_officer_id,
                    "summary": _("Countersigned contract returned: activate it"),
                    "date_deadline": fields.Date.context_today(self),
                }
            ]
        )
        return True

    def action_cancel(self):
        for procurement in self:
            procurement._hcc_check_transition("action_cancel")
            if not (
                self.env.user == procurement.lead_officer_id
                or self.env.user.has_group(GROUP_SUPPORT_OFFICER)
            ):
                raise UserError(
                    _(
                        "Only the lead officer or a Contract Support Officer can "
                        "cancel procurement %(ref)s.",
                        ref=procurement.name,
                    )
                )
        self._feedback_step_activities()
        self._hcc_transition("action_cancel")
        return True

    def action_view_contract(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hcc.contract",
            "res_id": self.awarded_contract_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------
    @api.model
    def _cron_remind_tenders_closed(self):
        """Daily: once the closing date of a tender has passed, remind the
        Contract Support Officer to close it and hand over the evaluation (A7).
        The reminder date is the marker, so a second run does nothing, and a
        missed day is caught up because every past closing date is selected."""
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        domain = [
            ("step", "=", "tender"),
            ("date_closing", "<", today),
            ("date_closing_reminded", "=", False),
        ]
        scheduler._run_steps(
            [
                scheduler._step(
                    self,
                    domain,
                    lambda batch: batch._remind_tenders_closed(today),
                )
            ]
        )

    def _remind_tenders_closed(self, today):
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": procurement,
                    "activity_type": todo,
                    "user": procurement._owner_user("cso"),
                    # env._: a comprehension's frame has no self for _()
                    "summary": self.env._(
                        "Tenders closed on %(date)s: close the tender step",
                        date=fields.Date.to_string(procurement.date_closing),
                    ),
                    "date_deadline": today,
                }
                for procurement in self
            ]
        )
        self.write({"date_closing_reminded": today})

    # ------------------------------------------------------------------
    # What each step needs before it is complete
    # ------------------------------------------------------------------
    def _get_need_problems(self):
        problems = []
        if is_html_empty(self.need_description):
            problems.append(_("Describe the need for the service (A1, A2)."))
        if not self.support_officer_id:
            problems.append(_("Name the Contract Support Officer who will assist."))
        return problems

    def _get_option_problems(self):
        problems = []
        if not self.procurement_option:
            problems.append(
                _("Choose single tender negotiation or competitive tender (A3).")
            )
        if not self.support_officer_id:
            problems.append(_("Name the Contract Support Officer who will assist."))
        if not self.date_cso_liaised:
            problems.append(
                _(
                    "Record when the option was agreed with the Contract Support "
                    "Officer (A3)."
                )
            )
        if not (self.finance_manager_id or self.finance_manager_name):
            problems.append(_("Record the General Finance Manager consulted (A3)."))
        if not self.date_finance_consulted:
            problems.append(_("Record when the General Finance Manager was consulted."))
        if is_html_empty(self.sm_information):
            problems.append(
                _(
                    "Give the information and narrative the Contract Support "
                    "Officer needs to obtain authorisation (A4)."
                )
            )
        return problems

    def _get_authorisation_problems(self):
        problems = []
        if not self.authorisation_body:
            problems.append(
                _(
                    "Record whether the Executive Member – Social Care, the Chief "
                    "Executive or the County Manager authorised it (A4)."
                )
            )
        if not self.authorised_by:
            problems.append(_("Record the name of the person who authorised it."))
        if not self.date_authorised:
            problems.append(_("Record the date of the authorisation."))
        elif self.date_authorised > fields.Date.context_today(self):
            problems.append(_("The authorisation date cannot be in the future."))
        return problems

    def _get_tender_problems(self):
        problems = []
        if not self.date_advert:
            problems.append(_("Record when the advertisement was placed (A7)."))
        if not self.date_invited or not self.date_closing:
            problems.append(
                _("Record when tenders were invited and the closing date (A7).")
            )
        if not self.bid_ids.filtered("date_received"):
            problems.append(_("No tender has been received."))
        problems += self._get_specification_problems()
        return problems

    def _get_negotiation_problems(self):
        problems = []
        if not self.bid_ids.filtered("date_received"):
            problems.append(
                _("Record the provider's offer, with the date it was received (A5).")
            )
        problems += self._get_specification_problems()
        return problems

    def _get_specification_problems(self):
        if is_html_empty(self.spec_scope):
            return [_("The service specification has no scope and service (A6).")]
        return []

    def _get_evaluation_problems(self):
        problems = []
        if not (self.evaluation_cso_consulted and self.evaluation_fsu_consulted):
            problems.append(
                _(
                    "The evaluation is done with the Contract Support Officer and "
                    "the finance support unit (A8): record that both took part."
                )
            )
        unscored = self.bid_ids.filtered(lambda b: b.date_received and not b.is_scored)
        if unscored:
            problems.append(
                _(
                    "Score every tender received: %(providers)s.",
                    providers=", ".join(unscored.mapped("partner_id.name")),
                )
            )
        if not self.recommendation:
            problems.append(_("Write the recommendation on the award (A9)."))
        problems += self._get_bidder_problems()
        return problems

    def _get_bidder_problems(self):
        bid = self.awarded_bid_id
        if not bid:
            return [_("Choose the bid recommended for the award.")]
        if bid.procurement_id != self or not bid.date_received:
            return [
                _(
                    "%(provider)s did not tender in procurement %(ref)s: the "
                    "contract can only go to a provider whose tender was received.",
                    provider=bid.partner_id.name,
                    ref=self.name,
                )
            ]
        return []

    def _get_award_problems(self):
        problems = []
        if not (
            self.authorisation_body and self.authorised_by and self.date_authorised
        ):
            problems.append(
                _(
                    "Procurement %(ref)s has no recorded authorisation to negotiate "
                    "or to invite tenders (A4): it cannot be awarded.",
                    ref=self.name,
                )
            )
        problems += self._get_bidder_problems()
        if not self.award_body:
            problems.append(
                _(
                    "Record whether the County Manager or the Chief Executive "
                    "authorised the award (A9)."
                )
            )
        if not self.contract_documents_ready:
            problems.append(_("The contract documentation is not prepared (A6, A9)."))
        return problems + self._get_award_date_problems()

    def _get_signature_problems(self):
        problems = []
        if not self.date_sent_for_signature:
            problems.append(_("Record when the contract was sent for signature."))
        if not self.date_countersigned:
            problems.append(_("Record when the countersigned contract came back."))
        losers = self.bid_ids.filtered("date_received") - self.awarded_bid_id
        if losers and not self.date_unsuccessful_informed:
            problems.append(
                _(
                    "Record when the unsuccessful providers were informed: "
                    "%(providers)s.",
                    providers=", ".join(losers.mapped("partner_id.name")),
                )
            )
        if not self.contract_file_maintained:
            problems.append(_("Update the locality contract file."))
        return problems + self._get_award_date_problems()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _complete_step(self, action, get_problems, next_step=None):
        """Complete the step of ``action`` (an entry of the transition table):
        its owner, what it needs, then the next step (``next_step`` where the
        action chooses it)."""
        for procurement in self:
            procurement._hcc_check_transition(action)
            procurement._check_step_owner()
            procurement._raise_problems(getattr(procurement, get_problems)())
        self._move_to(action, next_step)
        return True

    def _move_to(self, action, next_step=None):
        self._feedback_step_activities()
        self._hcc_transition(action, to_state=next_step)
        self._schedule_step_activities()

    def _check_step_owner(self):
        """Appendix A gives each step to the Service Manager leading the
        procurement or to a Contract Support Officer; the County Manager
        (Contracts) may stand in for either."""
        self.ensure_one()
        user = self.env.user
        if user.has_group(GROUP_COUNTY_MANAGER):
            return
        step_label = self._hcc_state_label(self.step)
        if STEP_OWNER[self.step] == "sm" and user != self.lead_officer_id:
            raise UserError(
                _(
                    "The step “%(step)s” of procurement %(ref)s belongs to the "
                    "Service Manager leading it, %(name)s.",
                    step=step_label,
                    ref=self.name,
                    name=self.lead_officer_id.name,
                )
            )
        if STEP_OWNER[self.step] == "cso" and not user.has_group(GROUP_SUPPORT_OFFICER):
            raise UserError(
                _(
                    "The step “%(step)s” of procurement %(ref)s belongs to a "
                    "Contract Support Officer.",
                    step=step_label,
                    ref=self.name,
                )
            )

    def _raise_problems(self, problems):
        if problems:
            raise problems_error(
                _("Procurement %(ref)s cannot move on yet:", ref=self.name), problems
            )

    def _owner_user(self, owner):
        if owner == "sm":
            return self.lead_officer_id
        if owner == "cso":
            return self.support_officer_id or self.lead_officer_id
        return self.env["res.users"]

    def _get_step_summaries(self):
        return {
            "need": _("Establish the need for the service (A1/A2)"),
            "option": _(
                "Choose the procurement option and give the information "
                "for authorisation (A3/A4)"
            ),
            "authorisation": _("Obtain authorisation to procure (A4)"),
            "tender": _("Advertise, invite and receive tenders (A7)"),
            "negotiation": _("Negotiate with the provider (A5)"),
            "evaluation": _("Evaluate the bids and recommend the award (A8/A9)"),
            "award": _("Record the award and create the contract (A9)"),
            "signature": _(
                "Have the contract countersigned and inform the "
                "unsuccessful providers (A9)"
            ),
        }

    def _schedule_step_activities(self):
        activity_type = self.env.ref(
            "hcc_contracts.mail_activity_type_procurement_step"
        )
        summaries = self._get_step_summaries()
        deadline = fields.Date.context_today(self) + timedelta(days=STEP_DEADLINE_DAYS)
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": procurement,
                    "activity_type": activity_type,
                    "user": procurement._owner_user(STEP_OWNER[procurement.step]),
                    "summary": summaries[procurement.step],
                    "date_deadline": deadline,
                }
                for procurement in self
                if procurement.step in STEP_OWNER
            ]
        )

    def _feedback_step_activities(self):
        """Mark done the open step activities, whoever they were given to: the
        step is complete once its owner (or the County Manager) completed it."""
        self.activity_feedback(
            ["hcc_contracts.mail_activity_type_procurement_step"],
            feedback=_("Step completed."),
        )

    def _get_contract_copied_fields(self):
        """Fields shared by a procurement and the contract it produces."""
        return [
            "locality_id",
            "care_group_id",
            "service_type_id",
            "lead_officer_id",
            "support_officer_id",
            "spec_scope",
            "spec_standards",
            "spec_meeting_information",
            "spec_meeting_staff",
            "meeting_interval_months",
            "data_return_frequency",
            "payment_basis",
            "requires_satisfaction_survey",
            "requires_activity_information",
        ]

    def _prepare_contract_vals(self):
        self.ensure_one()
        vals = {
            field_name: self._fields[field_name].convert_to_write(
                self[field_name], self
            )
            for field_name in self._get_contract_copied_fields()
        }
        vals.update(
            {
                "title": self.title,
                "company_id": self.company_id.id,
                "currency_id": self.currency_id.id,
                "partner_id": self.awarded_bid_id.partner_id.id,
                "representative_id": self.lead_officer_id.id,
                "annual_value": self.awarded_bid_id.price,
                "date_start": self.date_contract_start,
                "date_end": self.date_contract_end,
                "procurement_id": self.id,
            }
        )
        return vals
