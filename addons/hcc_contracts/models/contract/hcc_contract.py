from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date, is_html_empty

from ...tools.errors import problems_error
from ..hcc_workflow_mixin import Transition

PAYMENT_BASIS = [
    ("delivered", "Service delivered"),
    ("block", "Block contract"),
]
RETURN_FREQUENCY = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("six_monthly", "Six-monthly"),
    ("annually", "Annually"),
]
# months covered by one data return, per frequency
RETURN_FREQUENCY_MONTHS = {
    "monthly": 1,
    "quarterly": 3,
    "six_monthly": 6,
    "annually": 12,
}
# days before its start date when a draft contract not yet activated is chased
ACTIVATION_REMINDER_DAYS = 30
# days before a supervision session falls due when the lead officer is reminded
SUPERVISION_REMINDER_DAYS = 7
VOLUME_UNITS = [
    ("hour", "Hours"),
    ("session", "Sessions"),
    ("place", "Places"),
    ("night", "Nights"),
    ("visit", "Visits"),
    ("week", "Care weeks"),
    ("person", "People supported"),
]


class HccContract(models.Model):
    _name = "hcc.contract"
    _description = "Social Care Contract"
    _inherit = [
        "hcc.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hcc.rag.mixin",
        "hcc.counter.mixin",
        "hcc.reference.mixin",
    ]
    _order = "date_end, name desc, id desc"
    _rec_names_search = ["name", "title", "partner_id.name"]
    _check_company_auto = True
    _hcc_reference_sequence = "hcc.contract"

    # ------------------------------------------------------------------
    # Identification and parties
    # ------------------------------------------------------------------
    # not read-only in the model (the form shows it read-only), so that an
    # import of an existing register keeps the council's own references
    name = fields.Char(
        string="Reference",
        required=True,
        copy=False,
        default=lambda self: self._default_name(),
        index="trigram",
        help="Numbered by the app when the contract is registered; an import "
        "of an existing register keeps the council's own references.",
    )
    title = fields.Char(required=True, tracking=True, index="trigram")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Provider",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        help="The organisation that provides the service.",
    )
    provider_contact_id = fields.Many2one(
        "res.partner",
        string="Provider Contract Manager",
        tracking=True,
        index="btree_not_null",
        domain="[('parent_id', '=', partner_id), ('is_company', '=', False)]",
        help="The provider's named contract manager, a contact of the provider: "
        "receives the circulated minutes and is the addressee of notice letters.",
    )
    lead_officer_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
        help="Responsible for managing the contract (procedure 4.1): normally the "
        "operational manager for the care group, e.g. the Service Manager.",
    )
    representative_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
        help="Acts on behalf of the Department with the provider (procedure 5.1). "
        "May be the lead officer or their nominee.",
    )
    representative_is_nominee = fields.Boolean(
        compute="_compute_representative_is_nominee",
        help="The representative is a nominee of the lead officer: management of "
        "the contract must be a standing item in their supervision sessions.",
    )
    support_officer_id = fields.Many2one(
        "res.users",
        string="Contract Support Officer",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
        help="Assists the lead officer (Policy; Appendix A).",
    )
    locality_id = fields.Many2one(
        "hcc.locality",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
    )
    care_group_id = fields.Many2one(
        "hcc.care.group", tracking=True, index=True, check_company=True
    )
    service_type_id = fields.Many2one(
        "hcc.service.type", tracking=True, index=True, check_company=True
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expired", "Expired"),
            ("terminated", "Terminated early"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_states",
    )
    is_my_contract = fields.Boolean(
        compute="_compute_is_my_contract",
        search="_search_is_my_contract",
        help="You are its lead officer, representative or support officer.",
    )
    is_my_locality = fields.Boolean(
        compute="_compute_is_my_locality",
        search="_search_is_my_locality",
        help="The contract belongs to one of the localities you cover.",
    )

    # ------------------------------------------------------------------
    # Term and money
    # ------------------------------------------------------------------
    date_start = fields.Date(string="Start Date", tracking=True, index=True)
    date_end = fields.Date(string="End Date", tracking=True, index=True)
    review_due_date = fields.Date(
        compute="_compute_review_due_date",
        store=True,
        index=True,
        help="Twelve months before the end date: the comprehensive review must "
        "be done by then (procedure 10.1, 12.7).",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self._default_currency(),
    )
    annual_value = fields.Monetary(tracking=True, currency_field="currency_id")
    total_value = fields.Monetary(
        string="Annual Value over the Term",
        compute="_compute_total_value",
        store=True,
        currency_field="currency_id",
        help="The annual value for each whole year of the term, a twelfth of "
        "it for each further whole month, and pro rata for the days left: a "
        "working figure, not the value written in the contract.",
    )
    contract_value = fields.Monetary(
        string="Contract Value (as Signed)",
        tracking=True,
        currency_field="currency_id",
        help="The total value of the contract as written in the signed "
        "contract. Once signed it changes only through an applied variation.",
    )
    payment_basis = fields.Selection(
        PAYMENT_BASIS,
        required=True,
        default="delivered",
        tracking=True,
        help="The Department normally pays only for the service delivered; a block "
        "contract pays for a volume of service whether or not it is all used "
        "(procedure 6.3).",
    )
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Cost Centre",
        tracking=True,
        index=True,
        check_company=True,
    )

    # ------------------------------------------------------------------
    # Volumes and unit costs (6.3)
    # ------------------------------------------------------------------
    commissioned_volume = fields.Float(
        string="Commissioned Volume per Year",
        tracking=True,
        help="The volume of service commissioned each year, in the unit below. For "
        "a block contract, the volume that would normally be achievable.",
    )
    volume_unit = fields.Selection(VOLUME_UNITS, default="hour", string="Unit")
    unit_price = fields.Monetary(
        currency_field="currency_id",
        tracking=True,
        help="Agreed price per unit of service delivered.",
    )
    unit_cost_commissioned = fields.Monetary(
        compute="_compute_unit_cost_commissioned",
        store=True,
        currency_field="currency_id",
        help="Annual value divided by the commissioned volume.",
    )

    # ------------------------------------------------------------------
    # Service specification (6.1, 6.2)
    # ------------------------------------------------------------------
    spec_scope = fields.Html(
        string="Scope and Service",
        help="What the service is and whom it is for.",
    )
    spec_standards = fields.Html(
        string="Service Standards",
        help="The standard to which the service must be provided.",
    )
    meeting_interval_months = fields.Integer(
        string="Monitoring Meetings Every (Months)",
        default=6,
        tracking=True,
        help="Contract monitoring meetings are held at least twice a year "
        "(procedure 7.1), more often at the start of a contract.",
    )
    spec_meeting_information = fields.Text(
        string="Information for Monitoring Meetings",
        help="What the provider brings to contract monitoring meetings.",
    )
    spec_meeting_staff = fields.Text(
        string="Staff at Monitoring Meetings",
        help="Who attends monitoring meetings; one must be the lead officer or "
        "their nominee.",
    )
    data_return_frequency = fields.Selection(
        RETURN_FREQUENCY,
        default="monthly",
        required=True,
        tracking=True,
        help="Data returns are currently required monthly (procedure 8.2).",
    )
    data_return_type = fields.Text(
        string="Data Returns Required",
        default=lambda self: self._default_data_return_type(),
        help="Minimum content of each return (procedure 8.1).",
    )
    requires_satisfaction_survey = fields.Boolean(
        string="Annual User Satisfaction Survey",
        default=True,
        tracking=True,
        help="The specification requires the provider to undertake a user "
        "satisfaction survey every year (procedure 6.2, 12.3).",
    )
    requires_activity_information = fields.Boolean(
        string="Activity Information",
        default=True,
        tracking=True,
        help="The specification requires the provider to submit activity "
        "information (procedure 6.2, 12.3).",
    )
    paf_related = fields.Boolean(
        string="Related to Performance Indicators",
        help="The service relates to national performance indicators (PAF), or "
        "payment depends on activity levels: activity information is crucial "
        "(procedure 6.2), and the contract names the indicators the provider "
        "reports against before it is activated.",
    )
    supervision_note = fields.Text(
        help="How the management of this contract is covered in supervision "
        "sessions between the representative and the lead officer (procedure 5.1).",
    )
    supervision_ids = fields.One2many(
        "hcc.contract.supervision", "contract_id", string="Supervision Sessions"
    )
    supervision_count = fields.Integer(
        string="Number of Supervision Sessions",
        compute="_compute_contract_counters",
        store=True,
        depends=["supervision_ids"],
    )
    last_supervision_date = fields.Date(
        compute="_compute_supervision_dates",
        store=True,
        help="The last supervision session recorded in which this contract was "
        "a standing item (procedure 5.1).",
    )
    next_supervision_due_date = fields.Date(
        compute="_compute_supervision_dates",
        store=True,
        index=True,
        help="When the representative is a nominee of the lead officer: the last "
        "session (or the start of the contract) plus the interval set in "
        "Settings.",
    )
    supervision_reminder_sent = fields.Boolean(
        copy=False,
        readonly=True,
        help="The lead officer was reminded of the supervision session now due; "
        "recording a session clears it.",
    )
    notes = fields.Html()

    activation_reminded = fields.Boolean(
        copy=False,
        readonly=True,
        help="The officers were reminded that this draft contract starts soon "
        "and is not active yet.",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A contract with this reference already exists.",
        ),
    ]

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------
    def _default_currency(self):
        gbp = self.env.ref("base.GBP", raise_if_not_found=False)
        return gbp if gbp and gbp.active else self.env.company.currency_id

    @api.model
    def _hcc_currency_by_company(self, companies):
        """``{company id: currency}`` of the contracts of each company when
        they are all in one currency (the default contract currency when
        the company has none yet); a company whose contracts are in several
        currencies is left out. Aggregates only, read for the web client's
        totals."""
        used = {}
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [("company_id", "in", companies.ids)],
                groupby=["company_id", "currency_id"],
            )
        )
        for company, currency in groups:
            used.setdefault(company.id, []).append(currency)
        default = self._default_currency()
        return {
            company.id: used[company.id][0] if company.id in used else default
            for company in companies
            if len(used.get(company.id, [default])) == 1
        }

    def _default_data_return_type(self):
        return _(
            "Nature of service provided; age range of service users; number of "
            "people receiving the service; statements of service issued to "
            "recipients; assessments and reviews carried out."
        )

    @api.model
    def get_import_templates(self):
        """The template the import screen offers (Favourites > Import
        records): the columns of a council's register, named as the fields
        so that they map by themselves. See README, "Importing an existing
        register"."""
        return [
            {
                "label": _("Import Template for Contracts"),
                "template": "/hcc_contracts/static/xls/"
                "hcc_contract_import_template.csv",
            }
        ]

    def _group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    # ------------------------------------------------------------------
    # Computes and searches
    # ------------------------------------------------------------------
    @api.depends("representative_id", "lead_officer_id")
    def _compute_representative_is_nominee(self):
        for contract in self:
            contract.representative_is_nominee = bool(
                contract.representative_id
                and contract.representative_id != contract.lead_officer_id
            )

    @api.depends(
        "supervision_ids.date",
        "representative_id",
        "lead_officer_id",
        "state",
        "date_start",
        "company_id.hcc_supervision_interval_months",
    )
    def _compute_supervision_dates(self):
        for contract in self:
            last = max(contract.supervision_ids.mapped("date"), default=False)
            contract.last_supervision_date = last
            start = last or contract.date_start
            contract.next_supervision_due_date = (
                start + relativedelta(months=contract._supervision_interval())
                if contract.state == "active"
                and contract.representative_is_nominee
                and start
                else False
            )

    def _supervision_interval(self):
        return max(self.company_id.hcc_supervision_interval_months, 1)

    @api.depends_context("uid")
    @api.depends("lead_officer_id", "representative_id", "support_officer_id")
    def _compute_is_my_contract(self):
        user = self.env.user
        for contract in self:
            contract.is_my_contract = user in (
                contract.lead_officer_id
                | contract.representative_id
                | contract.support_officer_id
            )

    def _search_is_my_contract(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on “My Contracts”."))
        uid = self.env.uid
        domain = [
            "|",
            "|",
            ("lead_officer_id", "=", uid),
            ("representative_id", "=", uid),
            ("support_officer_id", "=", uid),
        ]
        positive = (operator == "=") == value
        return domain if positive else ["!", *domain]

    @api.depends_context("uid")
    @api.depends("locality_id")
    def _compute_is_my_locality(self):
        localities = self.env.user.hcc_locality_ids
        for contract in self:
            contract.is_my_locality = contract.locality_id in localities

    def _search_is_my_locality(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on “My Localities”."))
        positive = (operator == "=") == value
        ids = self.env.user.hcc_locality_ids.ids
        return [("locality_id", "in" if positive else "not in", ids)]

    @api.depends("date_end")
    def _compute_review_due_date(self):
        for contract in self:
            contract.review_due_date = (
                contract.date_end - relativedelta(months=12)
                if contract.date_end
                else False
            )

    @api.depends("annual_value", "date_start", "date_end")
    def _compute_total_value(self):
        """Three years at £412,000 a year are £1,236,000, leap day or not: the
        whole years and months of the term count as such, only the days left
        over pro rata (of 365)."""
        for contract in self:
            if contract.date_start and contract.date_end:
                term = relativedelta(
                    contract.date_end + timedelta(days=1), contract.date_start
                )
                contract.total_value = contract.annual_value * (
                    term.years + term.months / 12 + term.days / 365
                )
            else:
                contract.total_value = 0.0

    def _hcc_contract_value(self):
        """The value to publish and report: as signed, or the annual value
        over the term while no signed value is recorded."""
        self.ensure_one()
        return self.contract_value or self.total_value

    @api.depends("annual_value", "commissioned_volume")
    def _compute_unit_cost_commissioned(self):
        for contract in self:
            contract.unit_cost_commissioned = (
                contract.annual_value / contract.commissioned_volume
                if contract.commissioned_volume
                else 0.0
            )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("partner_id", "provider_contact_id")
    def _check_provider_contact(self):
        for contract in self.filtered("provider_contact_id"):
            if contract.provider_contact_id.parent_id != contract.partner_id:
                raise ValidationError(
                    _(
                        "Contract %(ref)s: %(contact)s is not a contact of the "
                        "provider %(provider)s. Choose one of the provider's "
                        "contacts as its contract manager.",
                        ref=contract.name,
                        contact=contract.provider_contact_id.display_name,
                        provider=contract.partner_id.display_name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if (
                contract.date_start
                and contract.date_end
                and contract.date_end <= contract.date_start
            ):
                raise ValidationError(
                    _(
                        "Contract %(ref)s: the end date must be after the start date.",
                        ref=contract.name,
                    )
                )

    @api.constrains("annual_value", "commissioned_volume", "unit_price")
    def _check_amounts(self):
        for contract in self:
            if contract.annual_value < 0:
                raise ValidationError(
                    _(
                        "Contract %(ref)s: the annual value cannot be negative.",
                        ref=contract.name,
                    )
                )
            if contract.commissioned_volume < 0 or contract.unit_price < 0:
                raise ValidationError(
                    _(
                        "Contract %(ref)s: volumes and unit prices cannot be negative.",
                        ref=contract.name,
                    )
                )

    @api.constrains("meeting_interval_months")
    def _check_meeting_interval(self):
        for contract in self:
            if not 1 <= contract.meeting_interval_months <= 6:
                raise ValidationError(
                    _(
                        "Contract %(ref)s: monitoring meetings must be held at least "
                        "twice a year, so the interval must be between 1 and 6 "
                        "months.",
                        ref=contract.name,
                    )
                )

    @api.onchange("date_start")
    def _onchange_date_start_reminder(self):
        self.activation_reminded = False

    @api.constrains(
        "state",
        "lead_officer_id",
        "representative_id",
        "spec_scope",
        "requires_satisfaction_survey",
        "requires_activity_information",
    )
    def _check_live_standards(self):
        """Standards 12.1, 12.2 and 12.3 hold for the whole life of a live
        contract, not only when it is activated: its lead officer,
        representative, scope and requirements can be changed, not removed."""
        for contract in self.filtered(lambda c: c.state == "active"):
            problems = contract._get_live_problems()
            if problems:
                raise problems_error(
                    _(
                        "Contract %(ref)s is live: what the procedure requires of "
                        "it can be changed, not removed.",
                        ref=contract.name,
                    ),
                    problems,
                    error=ValidationError,
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_first_step_fields(self):
        """A draft's signed terms (then changed by a revision, 7.4), its
        company and the procurement that let it."""
        return (
            super()._get_hcc_first_step_fields()
            | self._get_hcc_signed_terms()
            | {"company_id", "procurement_id", "variation_line_ids"}
        )

    @api.model
    def _get_hcc_editable_fields(self):
        """A live contract changes its people, its monitoring and its records,
        not its signed terms (those change by a revision, 7.4); an ended one
        keeps its notes, its budgets and its file, and may be archived."""
        live = {
            "title",
            "lead_officer_id",
            "representative_id",
            "support_officer_id",
            "provider_contact_id",
            "locality_id",
            "care_group_id",
            "service_type_id",
            "notes",
            "supervision_note",
            "spec_meeting_information",
            "spec_meeting_staff",
            "requires_activity_information",
            "requires_satisfaction_survey",
            "activity_source",
            "data_return_frequency",
            "data_return_type",
            "return_next_date",
            "survey_next_date",
            "meeting_interval_months",
            "case_data_next_check",
            "paf_related",
            "analytic_account_id",
            # the records of the contract, each guarded by its own model
            "action_ids",
            "budget_ids",
            "complaint_ids",
            "document_ids",
            "early_termination_case_ids",
            "indicator_ids",
            "meeting_ids",
            "notice_ids",
            "return_ids",
            "review_ids",
            "review_procurement_ids",
            "revision_ids",
            "supervision_ids",
            "survey_ids",
        }
        ended = {
            "active",
            "notes",
            "supervision_note",
            "analytic_account_id",
            "budget_ids",
            "document_ids",
        }
        editable = super()._get_hcc_editable_fields()
        editable.update(active=live, expired=ended, terminated=ended)
        return editable

    @api.model
    def _get_hcc_action_fields(self):
        """The state and the RAG status are recorded by the actions and the
        refresh of the status, never written directly."""
        return super()._get_hcc_action_fields() | {
            "state",
            "rag_status",
            "rag_reasons",
            "rag_recheck_date",
            "supervision_reminder_sent",
            "activation_reminded",
        }

    @api.model
    def _get_hcc_transitions(self):
        """A draft goes live once its standards are met; a live contract
        expires after its end date. (Early termination is the termination
        case's, ``_terminate_early``.)"""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_activate=Transition(
                ("draft",), "active", _("activate the contract")
            ),
            action_expire=Transition(
                ("active",), "expired", _("record the contract as expired")
            ),
        )
        return transitions

    @api.model
    def _get_hcc_immutable_fields(self):
        """The reference is given once, by the sequence or by the register a
        council imports, and names the contract in its evidence for good."""
        return super()._get_hcc_immutable_fields() | {"name"}

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for contract, vals in zip(self, vals_list, strict=True):
            if "title" not in (default or {}):
                vals["title"] = _("%(title)s (copy)", title=contract.title)
        return vals_list

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            live = self.filtered(lambda c: c.state == "active")
            if live:
                raise UserError(
                    _(
                        "Contract %(ref)s is active: it can be archived only once it "
                        "has expired or been terminated.",
                        ref=live[0].name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_history(self):
        used = self.filtered(lambda c: c.state != "draft")
        if used:
            raise UserError(
                _(
                    "Contract %(ref)s has a history and cannot be deleted: archive it "
                    "instead.",
                    ref=used[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_activate(self):
        """Make draft contracts live once the procedure's performance standards
        that can be checked at the start are met (12.1, 12.2, 12.3)."""
        for contract in self:
            contract._hcc_check_transition("action_activate")
            problems = contract._get_activation_problems()
            if problems:
                raise problems_error(
                    _("Contract %(ref)s cannot be activated yet:", ref=contract.name),
                    problems,
                )
        self._hcc_transition("action_activate")
        self.env["hcc.provider.risk"]._assess_providers_of(self)
        return True

    def action_expire(self):
        """End the contracts whose scheduled end date has passed."""
        today = fields.Date.context_today(self)
        for contract in self:
            contract._hcc_check_transition("action_expire")
            if contract.date_end and contract.date_end >= today:
                raise UserError(
                    _(
                        "Contract %(ref)s runs until %(date)s: it cannot expire "
                        "before its end date.",
                        ref=contract.name,
                        date=fields.Date.to_string(contract.date_end),
                    )
                )
        self._hcc_transition("action_expire")
        return True

    def _action_view_records(
        self, xmlid, domain=None, context=None, single=None, name=None
    ):
        """The action of a smart button of the contract: the window action
        ``xmlid`` on this contract's records (or on ``domain``), creating new
        ones for this contract. ``single``, when it is one record, opens its
        form straight away; ``name`` renames the window."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = (
            domain if domain is not None else [("contract_id", "=", self.id)]
        )
        action["context"] = {"default_contract_id": self.id, **(context or {})}
        if name:
            action.update(name=name, display_name=name)
        if single is not None and len(single) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=single.id)
        return action

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_delivered_units(self, date_from, date_to):
        """Extension point of value for money: units of service delivered by
        each contract of ``self`` in the accepted data of periods lying
        between the two dates (inclusive), as ``{contract id: (units, last
        day covered)}``. Value for money compares them with the commissioned
        volume of the same days, up to the last day covered. A contract
        missing from the result has no delivery data yet (not the same as
        nothing delivered). The base knows no deliveries; the performance
        information (data returns) fills it in for all contracts at once."""
        return {}

    @api.readonly
    def web_read(self, specification):
        """The form names several people (provider, lead officer, support
        officer, representative...): the web client reads each many2one's
        display name in turn, a user and then its partner per field. Read
        the names of all of them at once first: two queries, not two per
        field."""
        people = {"res.partner": [], "res.users": []}
        for name, field_spec in specification.items():
            field = self._fields.get(name)
            if (
                field
                and field.type == "many2one"
                and field.comodel_name in people
                and "display_name" in field_spec.get("fields", ())
            ):
                people[field.comodel_name].append(name)
        if len(people["res.partner"]) + len(people["res.users"]) > 1:
            users = (
                self.env["res.users"]
                .sudo()
                .union(*(self[name] for name in people["res.users"]))
            )
            partners = (
                self.env["res.partner"]
                .sudo()
                .union(*(self[name] for name in people["res.partner"]))
            )
            # a user's name is its partner's: one query for all the partners
            (users.partner_id | partners).mapped("name")
            partners.mapped("display_name")
            users.mapped("display_name")
        return super().web_read(specification)

    def _get_contract_counters(self):
        """The contract's own counter: the supervision sessions of 5.1."""
        return super()._get_contract_counters() + [
            ("supervision_count", "hcc.contract.supervision", [])
        ]

    def _get_activation_problems(self):
        """Return the translated list of what stops this contract from becoming
        active. Other modules extend it to add their own prerequisites."""
        self.ensure_one()
        problems = self._get_live_problems()
        if not self.date_start:
            problems.append(_("The start date is missing."))
        if not self.date_end:
            problems.append(_("The end date is missing."))
        if self.date_start and self.date_end and self.date_end <= self.date_start:
            problems.append(_("The end date must be after the start date."))
        return problems

    def _get_live_problems(self):
        """What standards 12.1 to 12.3 require of a contract for as long as it
        is live: checked when it is activated, and on every change after."""
        self.ensure_one()
        problems = []
        if not self.lead_officer_id:
            problems.append(_("No lead officer is appointed (standard 12.1)."))
        if not self.representative_id:
            problems.append(_("No representative is appointed (standard 12.2)."))
        if is_html_empty(self.spec_scope):
            problems.append(
                _("The service specification has no scope and service (6.1).")
            )
        if not self.requires_satisfaction_survey:
            problems.append(
                _(
                    "The service specification does not require an annual user "
                    "satisfaction survey (standard 12.3)."
                )
            )
        if not self.requires_activity_information:
            problems.append(
                _(
                    "The service specification does not require activity "
                    "information (standard 12.3)."
                )
            )
        return problems

    # ------------------------------------------------------------------
    # Scheduled action: contract lifecycle
    # ------------------------------------------------------------------
    @api.model
    def _cron_contract_lifecycle(self):
        """Daily: expire the active contracts whose end date has passed (every
        day missed is caught up, as the domain looks at all past end dates),
        and remind the officers of draft contracts that start soon but are
        not active yet (once per contract)."""
        self.env["hcc.scheduler"]._run_steps(self._get_hcc_lifecycle_steps())

    @api.model
    def _get_hcc_lifecycle_steps(self):
        """The steps of the daily lifecycle cron; features add theirs (call
        super())."""
        scheduler = self.env["hcc.scheduler"]
        today = fields.Date.context_today(self)
        to_remind = [
            ("state", "=", "draft"),
            ("activation_reminded", "=", False),
            ("date_start", "!=", False),
            ("date_start", "<=", today + timedelta(days=ACTIVATION_REMINDER_DAYS)),
        ]
        return [
            scheduler._step(
                self,
                [("state", "=", "active"), ("date_end", "<", today)],
                lambda batch: batch._hcc_expire(),
            ),
            scheduler._step(
                self,
                to_remind,
                lambda batch: batch._hcc_remind_activation(),
            ),
        ]

    def _hcc_escalation_users(self):
        """Who hears of a late item of the contract, in order: the lead
        officer, then the contract support officer, then the County Manager
        (Contracts)."""
        self.ensure_one()
        return [
            self.lead_officer_id,
            self.support_officer_id,
            self.company_id.hcc_county_manager_id,
        ]

    def _hcc_expire(self):
        self.action_expire()
        self._close_on_expiry()
        self._hcc_refresh_rag_later()

    def _close_on_expiry(self):
        """Hook: a feature closes here what an expired contract leaves open
        (the reviews feature cancels the open reviews)."""

    def _hcc_remind_activation(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        requests = []
        for contract in self:
            lead, cso, county_manager = contract._hcc_escalation_users()
            requests.append(
                {
                    "record": contract,
                    "activity_type": activity_type,
                    "user": lead or cso or county_manager,
                    "summary": _("Activate the contract before it starts"),
                    "note": _(
                        "Contract %(ref)s starts on %(date)s and is still a draft: "
                        "complete it and activate it.",
                        ref=contract.name,
                        date=format_date(self.env, contract.date_start),
                    ),
                    "date_deadline": contract.date_start,
                }
            )
        self.env["mail.activity"]._hcc_schedule(requests)
        self.write({"activation_reminded": True})

    # ------------------------------------------------------------------
    # Supervision of a nominee representative (5.1)
    # ------------------------------------------------------------------
    def action_view_supervisions(self):
        return self._action_view_records(
            "hcc_contracts.hcc_contract_supervision_action"
        )

    def _supervision_recorded(self):
        """A session was recorded: the reminder of the one now due is done,
        and the next one will be reminded in its turn."""
        self.sudo().activity_feedback(
            ["hcc_contracts.mail_activity_type_supervision_due"]
        )
        self.sudo().filtered("supervision_reminder_sent").write(
            {"supervision_reminder_sent": False}
        )

    @api.model
    def _cron_supervision_due(self):
        """Daily: remind the lead officer, once, that the supervision session
        in which the contract of their nominee is a standing item falls due
        (procedure 5.1). The flag ``supervision_reminder_sent`` keeps a second
        run from reminding again; recording a session clears it."""
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        domain = [
            ("state", "=", "active"),
            ("next_supervision_due_date", "!=", False),
            (
                "next_supervision_due_date",
                "<=",
                today + timedelta(days=SUPERVISION_REMINDER_DAYS),
            ),
            ("supervision_reminder_sent", "=", False),
        ]
        scheduler._run_steps(
            [scheduler._step(self, domain, self._remind_supervision_due)]
        )

    def _remind_supervision_due(self, contracts):
        activity_type = self.env.ref("hcc_contracts.mail_activity_type_supervision_due")
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": contract,
                    "activity_type": activity_type,
                    "user": contract.lead_officer_id,
                    "summary": self.env._(
                        "Supervision with %(representative)s due on %(date)s: "
                        "%(ref)s is a standing item (procedure 5.1)",
                        representative=contract.representative_id.name,
                        date=format_date(self.env, contract.next_supervision_due_date),
                        ref=contract.name,
                    ),
                    "date_deadline": contract.next_supervision_due_date,
                }
                for contract in contracts
            ]
        )
        contracts.write({"supervision_reminder_sent": True})
