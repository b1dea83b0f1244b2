from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.errors import problems_error
from ..tools.roles import GROUP_COUNTY_MANAGER, check_role


class HccContractTerminateWizard(models.TransientModel):
    """The County Manager (Contracts) records an early termination that
    Legal Services carried out (their reference is required), with the case,
    the consultations and the impact on service users (procedure 9.2 to 9.4,
    12.5). The procedure's own route is the termination case
    (``hcc.contract.termination``): the lead officer proposes, the CSO
    discusses, the County Manager decides, Legal Services carry it out. Both
    pass the same gates (``hcc.contract._get_early_termination_problems``):
    refused unless the default/improvement process was worked through (a
    served notice whose remedy period passed without remedy) or a
    fundamental breach is recorded."""

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
        self.contract_id._terminate_early(self._termination_facts(), self.env.user)
        return {"type": "ir.actions.act_window_close"}

    def _termination_facts(self):
        """What the contract's gates read and its termination records (see
        ``hcc.contract._get_early_termination_problems``)."""
        return {
            "fundamental_breach": self.fundamental_breach,
            "reason": self.reason,
            "cso": self.cso_consulted_id,
            "date_cso_consulted": self.date_cso_consulted,
            "alternative_arrangements": self.alternative_arrangements,
            "alternative_date": self.alternative_date,
            "service_users_affected": self.service_users_affected,
            "date_provider_informed": self.date_provider_informed,
            "date_terminated": self.date_terminated,
            "legal_reference": self.legal_services_reference,
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
        return self.contract_id._get_early_termination_problems(
            self._termination_facts()
        )
