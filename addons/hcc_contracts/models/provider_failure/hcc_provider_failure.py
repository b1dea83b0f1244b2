from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ...tools.roles import GROUP_COUNTY_MANAGER, check_role
from ..hcc_workflow_mixin import Transition

CONTINGENCY_ACTIVITY = "hcc_contracts.mail_activity_type_provider_failure_contingency"


class HccProviderFailure(models.Model):
    """A provider's failure (Care Act 2014, ss.48-57: the council's temporary
    duty to meet the needs of the people whose care the failed provider gave).

    The County Manager (Contracts) records it: the date, the cause, the
    contracts affected (the provider's live contracts by default) and the
    number of people affected. Declaring it opens a contingency task for the
    lead officer of each contract and puts the contracts under watch, which
    turns them red; closing it, once the people's care is secured, lifts the
    watch of the contracts no other declared failure holds. A declared
    failure turns the provider's risk red. Never deleted."""

    _name = "hcc.provider.failure"
    _description = "Provider Failure"
    _inherit = ["hcc.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_failure desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Provider",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date_failure = fields.Date(
        string="Date of Failure",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The day the provider failed or stopped providing its services.",
    )
    cause = fields.Text(
        required=True,
        help="What happened: insolvency, withdrawal from the market, "
        "registration cancelled by the CQC...",
    )
    contract_ids = fields.Many2many(
        "hcc.contract",
        "hcc_provider_failure_contract_rel",
        "failure_id",
        "contract_id",
        string="Contracts Affected",
        compute="_compute_contract_ids",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        domain="[('partner_id', '=', partner_id), ('state', '=', 'active')]",
        help="The provider's live contracts, unless you choose otherwise.",
    )
    people_affected = fields.Integer(
        tracking=True,
        help="The number of people whose care the failure puts at risk.",
    )
    note = fields.Text(
        string="Notes", help="What is being done, as it is known; kept in the history."
    )
    state = fields.Selection(
        [("draft", "Draft"), ("declared", "Declared"), ("closed", "Closed")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    declared_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_declared = fields.Date(string="Declared On", readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)

    @api.depends("partner_id", "company_id")
    def _compute_contract_ids(self):
        for failure in self:
            if failure.state != "draft" or not failure.partner_id:
                failure.contract_ids = failure.contract_ids
                continue
            failure.contract_ids = self.env["hcc.contract"].search(
                [
                    ("partner_id", "=", failure.partner_id.id),
                    ("company_id", "=", failure.company_id.id),
                    ("state", "=", "active"),
                ]
            )

    @api.depends("partner_id", "date_failure")
    def _compute_display_name(self):
        for failure in self:
            failure.display_name = _(
                "Failure of %(provider)s on %(date)s",
                provider=failure.partner_id.display_name or "",
                date=format_date(self.env, failure.date_failure)
                if failure.date_failure
                else "",
            )

    # ------------------------------------------------------------------
    # The guard (hcc.workflow.mixin)
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_first_step_fields(self):
        return super()._get_hcc_first_step_fields() | {
            "date_failure",
            "cause",
            "contract_ids",
            "people_affected",
            "note",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """Once declared, what is known grows: the number of people and the
        notes; the contracts under watch are the ones declared."""
        editable = super()._get_hcc_editable_fields()
        editable.update(declared={"people_affected", "note"})
        return editable

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "declared_by_id",
            "date_declared",
            "closed_by_id",
            "date_closed",
        }

    @api.model
    def _get_hcc_immutable_fields(self):
        return super()._get_hcc_immutable_fields() | {"partner_id", "company_id"}

    @api.model
    def _get_hcc_transitions(self):
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_declare=Transition(
                ("draft",), "declared", _("declare the provider's failure")
            ),
            action_close=Transition(
                ("declared",), "closed", _("close the provider's failure")
            ),
        )
        return transitions

    # ------------------------------------------------------------------
    # Constraints and CRUD
    # ------------------------------------------------------------------
    @api.constrains("people_affected")
    def _check_people_affected(self):
        if any(failure.people_affected < 0 for failure in self):
            raise ValidationError(
                _("The number of people affected cannot be negative.")
            )

    @api.constrains("contract_ids", "partner_id")
    def _check_contracts_of_provider(self):
        for failure in self:
            others = failure.sudo().contract_ids.filtered(
                lambda c, failure=failure: c.partner_id != failure.partner_id
            )
            if others:
                raise ValidationError(
                    _(
                        "%(contract)s is not a contract of %(provider)s.",
                        contract=others[0].display_name,
                        provider=failure.partner_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "A provider failure is kept as evidence: close it once the care "
                "of the people affected is secured."
            )
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_declare(self):
        """Declare the failure: the contracts go under watch and the lead
        officer of each is given its contingency task."""
        check_role(self.env, GROUP_COUNTY_MANAGER, _("declare a provider's failure"))
        self.check_access("write")
        self._hcc_check_transition("action_declare")
        empty = self.filtered(lambda f: not f.contract_ids)
        if empty:
            raise UserError(
                _(
                    "%(failure)s affects no contract: choose the contracts the "
                    "failure affects.",
                    failure=empty[0].display_name,
                )
            )
        self._hcc_transition(
            "action_declare",
            {
                "declared_by_id": self.env.uid,
                "date_declared": fields.Date.context_today(self),
            },
        )
        contracts = self.sudo().contract_ids
        contracts._hcc_set_under_watch(True)
        self._open_contingency_tasks()
        return True

    def action_close(self):
        """Close the failure: the watch of its contracts is lifted unless
        another declared failure holds them."""
        check_role(self.env, GROUP_COUNTY_MANAGER, _("close a provider's failure"))
        self.check_access("write")
        self._hcc_check_transition("action_close")
        self._hcc_transition(
            "action_close",
            {
                "closed_by_id": self.env.uid,
                "date_closed": fields.Date.context_today(self),
            },
        )
        contracts = self.sudo().contract_ids
        still = (
            self.sudo()
            .search([("state", "=", "declared"), ("contract_ids", "in", contracts.ids)])
            .contract_ids
        )
        (contracts - still)._hcc_set_under_watch(False)
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _open_contingency_tasks(self):
        """A contingency task on each contract for its lead officer (or the
        County Manager when it has none), due on the day."""
        activity_type = self.env.ref(CONTINGENCY_ACTIVITY)
        today = fields.Date.context_today(self)
        requests = []
        for failure in self.sudo():
            summary = _(
                "%(provider)s failed: put the contingency plan in place",
                provider=failure.partner_id.display_name,
            )
            note = _(
                "Cause: %(cause)s. People affected across its contracts: %(people)s.",
                cause=failure.cause,
                people=failure.people_affected,
            )
            for contract in failure.contract_ids:
                requests.append(
                    {
                        "record": contract,
                        "activity_type": activity_type,
                        "user": contract.lead_officer_id
                        or contract.company_id.hcc_county_manager_id,
                        "summary": summary,
                        "note": note,
                        "date_deadline": today,
                    }
                )
        self.env["mail.activity"]._hcc_schedule(requests)
