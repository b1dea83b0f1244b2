from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, is_html_empty

from ..tools.errors import problems_error
from ..tools.roles import GROUP_COUNTY_MANAGER, check_role


class HccContractTerminateWizard(models.TransientModel):
    """The guided step of an early termination (procedure 9.2 to 9.4, 12.5):
    the County Manager (Contracts) records the case, the consultations, the
    impact on service users and Legal Services' reference. It is refused
    unless the default/improvement process was worked through (a served
    notice whose remedy period passed without remedy) or a fundamental breach
    is recorded."""

    _name = "hcc.contract.terminate.wizard"
    _description = "Early Termination of a Contract"
    _check_company_auto = True

    contract_id = fields.Many2one(
        "hcc.contract", required=True, readonly=True, check_company=True
    )
    company_id = fields.Many2one(related="contract_id.company_id")
    qualifying_notice_ids = fields.Many2many(
        "hcc.contract.notice",
        string="Notices Not Remedied",
        compute="_compute_qualifying_notice_ids",
        help="Served notices whose remedy period has passed without remedy, or "
        "escalated notices.",
    )
    reason = fields.Html(string="Case for Early Termination")
    fundamental_breach = fields.Boolean(
        help="A clear case of fundamental breach of contract (procedure 9.3): "
        "termination without working through a notice first.",
    )
    cso_consulted_id = fields.Many2one(
        "res.users",
        string="CSO Consulted",
        domain="[('share', '=', False)]",
        default=lambda self: self._default_cso(),
    )
    date_cso_consulted = fields.Date(string="CSO Consulted On")
    legal_services_reference = fields.Char(
        help="Legal Services carry out any early termination (procedure 9.4).",
    )
    service_users_affected = fields.Integer()
    alternative_arrangements = fields.Html(
        help="How the service will be delivered to the service users affected "
        "(procedure 9.3).",
    )
    alternative_date = fields.Date(string="Alternative Arrangements By")
    date_provider_informed = fields.Date(
        string="Provider Informed On",
        help="When the lead officer informed the provider of the intention to "
        "terminate (procedure 9.5).",
    )
    date_terminated = fields.Date(
        string="Termination Date", default=fields.Date.context_today
    )
    problems = fields.Text(
        string="Still Missing",
        compute="_compute_problems",
        help="What stands in the way of the termination (the same checks as "
        "the Terminate button), shown before it is offered.",
    )

    def _default_cso(self):
        contract = self.env["hcc.contract"].browse(
            self.env.context.get("default_contract_id")
        )
        return contract.exists().support_officer_id

    @api.depends("contract_id")
    def _compute_qualifying_notice_ids(self):
        for wizard in self:
            wizard.qualifying_notice_ids = wizard.contract_id._unremedied_notices()

    @api.depends(
        "contract_id",
        "fundamental_breach",
        "legal_services_reference",
        "reason",
        "cso_consulted_id",
        "date_cso_consulted",
        "alternative_arrangements",
        "alternative_date",
        "service_users_affected",
        "date_provider_informed",
        "date_terminated",
    )
    def _compute_problems(self):
        for wizard in self:
            wizard.problems = "\n".join(wizard._get_problems()) or False

    def action_confirm(self):
        self.ensure_one()
        self._check_can_terminate()
        contract = self.contract_id
        notices = contract._unremedied_notices().filtered(lambda n: n.state == "served")
        notices._hcc_record_action(
            {
                "outcome_note": _("Escalated to early termination."),
                "date_provider_informed_closed": self.date_provider_informed,
            }
        )
        notices.action_escalate()
        contract._hcc_record_action(self._prepare_contract_vals())
        contract.message_post(
            body=_(
                "Contract terminated early on %(date)s by %(user)s. Legal Services "
                "reference: %(ref)s. Service users affected: %(count)s. Provider "
                "informed on %(informed)s.",
                date=format_date(self.env, self.date_terminated),
                user=self.env.user.name,
                ref=self.legal_services_reference,
                count=self.service_users_affected,
                informed=format_date(self.env, self.date_provider_informed),
            )
        )
        return {"type": "ir.actions.act_window_close"}

    def _prepare_contract_vals(self):
        return {
            "state": "terminated",
            "termination_date": self.date_terminated,
            "termination_reason": self.reason,
            "termination_fundamental_breach": self.fundamental_breach,
            "termination_legal_reference": self.legal_services_reference,
            "termination_cso_consulted_id": self.cso_consulted_id.id,
            "termination_date_cso_consulted": self.date_cso_consulted,
            "termination_decided_by_id": self.env.user.id,
            "termination_service_users_affected": self.service_users_affected,
            "termination_alternative_arrangements": self.alternative_arrangements,
            "termination_alternative_date": self.alternative_date,
            "termination_provider_informed_date": self.date_provider_informed,
        }

    def _check_can_terminate(self):
        check_role(
            self.env,
            GROUP_COUNTY_MANAGER,
            _("terminate a contract early (procedure 9.2 to 9.4)"),
        )
        contract = self.contract_id
        if contract.state != "active":
            raise UserError(
                _(
                    "Contract %(ref)s is %(state)s: only an active contract can be "
                    "terminated early.",
                    ref=contract.name,
                    state=contract._state_label(),
                )
            )
        problems = self._get_problems()
        if problems:
            raise problems_error(
                _(
                    "Contract %(ref)s cannot be terminated early yet:",
                    ref=contract.name,
                ),
                problems,
            )

    def _get_problems(self):
        contract = self.contract_id
        today = fields.Date.context_today(self)
        problems = []
        if not self.fundamental_breach and not contract._unremedied_notices():
            problems.append(
                _(
                    "No notice was served whose remedy period has passed without "
                    "remedy, and no fundamental breach is recorded: work through "
                    "the default/improvement process first (procedure 9.1, 12.5)."
                )
            )
        if not (self.legal_services_reference or "").strip():
            problems.append(_("Legal Services' reference is missing (procedure 9.4)."))
        if is_html_empty(self.reason):
            problems.append(_("The case for early termination is not recorded."))
        if not self.cso_consulted_id or not self.date_cso_consulted:
            problems.append(
                _(
                    "Record which Contract Support Officer was consulted and when "
                    "(procedure 9.2)."
                )
            )
        if is_html_empty(self.alternative_arrangements) or not self.alternative_date:
            problems.append(
                _(
                    "Describe the alternative arrangements for service users and "
                    "their timescale (procedure 9.3)."
                )
            )
        if self.service_users_affected < 0:
            problems.append(_("The number of service users cannot be negative."))
        if not self.date_provider_informed:
            problems.append(_("Record when the provider was informed (procedure 9.5)."))
        elif self.date_provider_informed > today:
            problems.append(_("The provider cannot have been informed in the future."))
        if not self.date_terminated:
            problems.append(_("The termination date is missing."))
        elif (contract.date_start and self.date_terminated < contract.date_start) or (
            contract.date_end and self.date_terminated > contract.date_end
        ):
            problems.append(
                _("The termination date must fall within the term of the contract.")
            )
        return problems
