from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import is_html_empty

from ...tools.errors import problems_error
from ...tools.event_dates import (
    EventDate,
    check_event_dates,
    event_date_fields,
    post_stated_dates,
)
from ...tools.roles import (
    GROUP_COUNTY_MANAGER,
    GROUP_SUPPORT_OFFICER,
    check_role,
    check_role_holders,
    has_role,
    role_users_domain,
)
from ..hcc_workflow_mixin import Transition

REVISION_REASONS = [
    ("referral_patterns", "Unforeseen change in patterns of referral"),
    ("demand", "Change in demand"),
    ("specification", "Service specification"),
    ("provider_issue", "Issue identified by the provider"),
    ("fee_review", "Annual fee review"),
    ("other", "Other"),
]
# once decided, what the revision is and why cannot change (none of them is
# editable in a decided state, ``_get_hcc_editable_fields``)
REVISION_DECIDED_STATES = ("approved", "applied", "rejected")
REVISION_LOCKED_FIELDS = {
    "contract_id",
    "title",
    "description",
    "reason",
    "reason_detail",
    "date_effective",
    "is_contentious",
    "cso_consulted_id",
    "date_cso_consulted",
    "line_ids",
}
# once the Contract Support Officer was consulted, whether the revision goes to
# the County Manager (Contracts) is settled (editable in the draft only)
REVISION_CONSULTED_FIELDS = {"is_contentious"}
# only the County Manager (Contracts) writes the guidance; the decision itself is
# recorded by the decision buttons (``_get_hcc_action_fields``)
REVISION_DECISION_FIELDS = {"cm_decision_note"}
# the dates of past events a user states (tools/event_dates.py); the
# effective date is not one
REVISION_EVENT_DATES = (
    EventDate("date_cso_consulted"),
    EventDate(
        "date_provider_informed", after=("date_cso_consulted", "date_cm_decision")
    ),
)


class HccContractRevision(models.Model):
    """A variation of a contract that has started (procedure 7.4): discussed
    with the Contract Support Officer first, decided by the County Manager
    (Contracts) when contentious, and the provider kept informed (9.5)."""

    _name = "hcc.contract.revision"
    _description = "Contract Revision"
    _inherit = [
        "hcc.contract.record.mixin",
        "hcc.reference.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _hcc_reference_sequence = "hcc.contract.revision"
    _order = "date_effective desc, id desc"
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
    title = fields.Char(
        string="Change",
        required=True,
        tracking=True,
        help="What changes, in a few words.",
    )
    description = fields.Html(help="What changes in the contract, in detail.")
    reason = fields.Selection(REVISION_REASONS, required=True, tracking=True)
    reason_detail = fields.Text(string="Why")
    date_effective = fields.Date(
        string="Effective Date",
        tracking=True,
        help="The day the new terms take effect: bills, value for money and the "
        "terms as at a date use the old values before it and the new ones from "
        "it. It may be before or after the day the revision is applied; left "
        "empty, it is the day the revision is applied.",
    )
    is_contentious = fields.Boolean(
        string="Contentious",
        tracking=True,
        help="The County Manager (Contracts) decides contentious revisions.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("consulted", "CSO Consulted"),
            ("approved", "Approved"),
            ("applied", "Applied"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    cso_consulted_id = fields.Many2one(
        "res.users",
        string="CSO Consulted",
        tracking=True,
        domain=lambda self: role_users_domain(self.env, GROUP_SUPPORT_OFFICER),
        check_company=True,
        help="The Contract Support Officer consulted on the revision (procedure 7.4).",
    )
    date_cso_consulted = fields.Date(string="CSO Consulted On", tracking=True)
    cm_decision = fields.Selection(
        [("approved", "Approved"), ("rejected", "Rejected")],
        string="County Manager's Decision",
        readonly=True,
        copy=False,
        tracking=True,
    )
    cm_decision_user_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False
    )
    date_cm_decision = fields.Date(string="Decided On", readonly=True, copy=False)
    cm_decision_note = fields.Text(string="Guidance", tracking=True, copy=False)
    date_provider_informed = fields.Date(
        string="Provider Informed On",
        tracking=True,
        copy=False,
        help="The lead officer keeps the provider informed of any intention to "
        "revise the contract (procedure 9.5).",
    )
    date_applied = fields.Date(readonly=True, copy=False, tracking=True)
    applied_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    line_ids = fields.One2many(
        "hcc.contract.revision.line",
        "revision_id",
        string="Changes",
        copy=True,
        help="The signed terms the revision changes: applying it writes the new "
        "values to the contract.",
    )

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------
    @api.constrains("contract_id")
    def _check_contract_live(self):
        for revision in self:
            if revision.contract_id.state != "active":
                raise ValidationError(
                    _(
                        "Contract %(ref)s is %(state)s: only an active contract is "
                        "revised; edit a draft directly.",
                        ref=revision.contract_id.name,
                        state=revision.contract_id._hcc_state_label(
                            revision.contract_id.state
                        ).lower(),
                    )
                )

    @api.constrains(*event_date_fields(REVISION_EVENT_DATES))
    def _check_event_dates(self):
        """Consulted and informed are past events: not in the future, not
        before the revision was raised, the provider not informed before the
        CSO was consulted or the County Manager decided."""
        check_event_dates(self, REVISION_EVENT_DATES)

    @api.constrains("cso_consulted_id")
    def _check_cso_consulted(self):
        check_role_holders(
            self, "cso_consulted_id", GROUP_SUPPORT_OFFICER, _("the CSO consulted")
        )

    @api.model
    def _get_hcc_first_step_fields(self):
        """The variation, as the CSO was consulted on it."""
        return super()._get_hcc_first_step_fields() | {
            "cso_consulted_id",
            "date_cso_consulted",
            "description",
            "is_contentious",
            "line_ids",
            "name",
            "reason",
            "reason_detail",
            "title",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """Once the CSO is consulted, the variation itself is fixed: the
        County Manager's guidance and the effective date are still recorded
        until it is decided (``REVISION_LOCKED_FIELDS``), the letter until it
        is applied."""
        letter = {"date_provider_informed", "no_letter_reason", "document_ids"}
        editable = super()._get_hcc_editable_fields()
        editable.update(
            consulted={"cm_decision_note", "date_effective", *letter},
            approved=letter,
            applied=letter,
        )
        return editable

    def _hcc_step_refusal_message(self, state, names):
        """Once the CSO is consulted, whether the revision is contentious is
        settled; once decided, what it is and why no longer change."""
        if names & REVISION_CONSULTED_FIELDS:
            return _(
                "Revision %(ref)s: the Contract Support Officer has been "
                "consulted, so whether it is contentious is settled. Reject "
                "it and raise a new revision if that was wrong.",
                ref=self.name,
            )
        if state in REVISION_DECIDED_STATES and names & REVISION_LOCKED_FIELDS:
            return _(
                "Revision %(ref)s has been decided and cannot be changed: "
                "raise a new revision instead.",
                ref=self.name,
            )
        return super()._hcc_step_refusal_message(state, names)

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "cm_decision",
            "cm_decision_user_id",
            "date_cm_decision",
            "date_applied",
            "applied_by_id",
        }

    @api.model
    def _get_hcc_transitions(self):
        """The CSO is consulted on a draft (7.4); the County Manager
        (Contracts) decides a contentious revision the CSO was consulted on,
        once: an approval approves it, a rejection rejects it; the lead
        officer approves the others; an approved revision is applied."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_mark_consulted=Transition(
                ("draft",),
                "consulted",
                _("record that the Contract Support Officer was consulted"),
            ),
            action_approve=Transition(
                ("consulted",), "approved", _("approve the revision")
            ),
            action_apply=Transition(
                ("approved",), "applied", _("apply the revision to the contract")
            ),
            action_reject=Transition(
                ("draft", "consulted"), "rejected", _("reject the revision")
            ),
            action_cm_approve=Transition(
                ("consulted",),
                "approved",
                _("record the approval of the County Manager (Contracts)"),
            ),
            action_cm_reject=Transition(
                ("consulted",),
                "rejected",
                _("record the rejection of the County Manager (Contracts)"),
            ),
        )
        return transitions

    @api.model_create_multi
    def create(self, vals_list):
        self._check_decision_rights(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_decision_rights([vals])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        decided = self.filtered(lambda r: r.state != "draft")
        if decided:
            raise UserError(
                _(
                    "Revision %(ref)s has a history and cannot be deleted: reject "
                    "it instead.",
                    ref=decided[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_mark_consulted(self):
        """Record that the Contract Support Officer was consulted (7.4). A
        CSO who records it and names nobody, or no date, records herself and
        today; naming another CSO or another day stays possible."""
        self._hcc_check_transition("action_mark_consulted")
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        defaults = self._consulted_defaults()
        for revision in self:
            problems = revision._get_consultation_problems(defaults)
            if problems:
                raise problems_error(
                    _(
                        "Revision %(ref)s cannot be marked as consulted yet:",
                        ref=revision.name,
                    ),
                    problems,
                )
        for revision in self:
            vals = {
                name: value for name, value in defaults.items() if not revision[name]
            }
            if vals:
                revision.write(vals)
        self._hcc_transition("action_mark_consulted")
        for revision in self:
            post_stated_dates(revision, ["date_cso_consulted"])
        return True

    def _consulted_defaults(self):
        """Who and when a CSO recording the consultation records, when the
        revision says nothing: herself, today."""
        if self.env.su or not has_role(self.env, GROUP_SUPPORT_OFFICER):
            return {}
        return {
            "cso_consulted_id": self.env.user.id,
            "date_cso_consulted": fields.Date.context_today(self),
        }

    def _get_consultation_problems(self, defaults):
        """Everything missing before the CSO is recorded as consulted, at
        once."""
        self.ensure_one()
        problems = []
        cso = self.cso_consulted_id or defaults.get("cso_consulted_id")
        consulted_on = self.date_cso_consulted or defaults.get("date_cso_consulted")
        if not cso or not consulted_on:
            problems.append(
                _(
                    "Record which Contract Support Officer was consulted and when "
                    "(procedure 7.4)."
                )
            )
        if is_html_empty(self.description):
            problems.append(_("Describe what changes in the contract."))
        return problems

    def action_approve(self):
        for revision in self:
            revision._hcc_check_transition("action_approve")
            if revision.is_contentious:
                raise UserError(
                    _(
                        "Revision %(ref)s is contentious: the County Manager "
                        "(Contracts) must approve it, with “Approve as County "
                        "Manager”; that approval is the approval.",
                        ref=revision.name,
                    )
                )
        self._hcc_transition("action_approve")
        return True

    def action_apply(self):
        """Apply the approved changes to the contract in one step (7.4): its
        signed terms take the new values of the lines, the revision records
        who applied it and when. Refused when the contract changed since the
        revision was drafted."""
        check_role(
            self.env, GROUP_SUPPORT_OFFICER, _("apply a variation to a contract")
        )
        for revision in self:
            revision._hcc_check_transition("action_apply")
            problems = revision._get_apply_problems()
            if problems:
                raise problems_error(
                    _("Revision %(ref)s cannot be applied yet:", ref=revision.name),
                    problems,
                )
        today = fields.Date.context_today(self)
        for revision in self:
            changes = {line.field_name: line._new_value() for line in revision.line_ids}
            if changes:
                revision.contract_id._hcc_record_action(changes)
            revision._hcc_transition(
                "action_apply",
                {
                    "date_applied": today,
                    "applied_by_id": self.env.user.id,
                    "date_effective": revision.date_effective or today,
                },
            )
            post_stated_dates(revision, ["date_provider_informed"])
            revision.contract_id.message_post(
                body=_(
                    "Revision %(ref)s applied: %(title)s.%(changes)s",
                    ref=revision.name,
                    title=revision.title,
                    changes="".join(
                        f" {line.display_name}: {line.old_value_display} → "
                        f"{line.new_value_display}."
                        for line in revision.line_ids
                    ),
                )
            )
        return True

    def _get_apply_problems(self):
        """What stops this approved revision from being applied. Other
        features extend it (the contract file asks for the letter)."""
        self.ensure_one()
        problems = []
        if not self.date_provider_informed:
            problems.append(
                _(
                    "Record when the provider was informed before applying it "
                    "(procedure 9.5)."
                )
            )
        for line in self.line_ids:
            if line._is_stale():
                problems.append(
                    _(
                        "The contract's %(term)s changed since the revision was "
                        "drafted (it was %(old)s): raise a new revision.",
                        term=line.display_name,
                        old=line.old_value_display,
                    )
                )
        return problems

    def _check_changes_open(self):
        """The changes of a revision are what was consulted on and decided:
        they are set while it is a draft or being consulted, not after."""
        decided = self.filtered(
            lambda r: r.state not in ("draft", "consulted") and not r.env.su
        )
        if decided:
            raise UserError(
                _(
                    "Revision %(ref)s has been decided: its changes cannot be "
                    "edited. Raise a new revision instead.",
                    ref=decided[0].name,
                )
            )

    def action_reject(self):
        self._hcc_transition("action_reject")
        return True

    def action_cm_approve(self):
        return self._record_decision("approved", "action_cm_approve")

    def action_cm_reject(self):
        return self._record_decision("rejected", "action_cm_reject")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _record_decision(self, decision, action):
        check_role(
            self.env,
            GROUP_COUNTY_MANAGER,
            _("record a decision on a contentious revision"),
        )
        for revision in self:
            revision._hcc_check_transition(action)
            if not revision.is_contentious:
                raise UserError(
                    _(
                        "Revision %(ref)s is not contentious: it needs no decision "
                        "of the County Manager (Contracts).",
                        ref=revision.name,
                    )
                )
        self._hcc_transition(
            action,
            {
                "cm_decision": decision,
                "cm_decision_user_id": self.env.user.id,
                "date_cm_decision": fields.Date.context_today(self),
            },
        )
        return True

    def _check_decision_rights(self, vals_list):
        if any(REVISION_DECISION_FIELDS.intersection(vals) for vals in vals_list):
            check_role(
                self.env,
                GROUP_COUNTY_MANAGER,
                _("record a decision on a contentious revision"),
            )
