from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HccContractSpecificCase(models.Model):
    """A service user's case considered at a monitoring meeting (7.6).

    Personal details live here, apart from the minutes, behind the group
    "Case details" and the contract's record rules; minutes and agenda notes
    refer to the case by its reference only. The model has no chatter on
    purpose: tracking values would keep a copy of the personal details that
    the retention cron could not erase."""

    _name = "hcc.contract.case"
    _description = "Specific Case Considered at a Monitoring Meeting"
    _hcc_state_path = False
    _inherit = ["hcc.contract.record.mixin"]
    _order = "date desc, id desc"
    _rec_name = "case_reference"
    _check_company_auto = True

    case_reference = fields.Char(
        required=True,
        index=True,
        help="The reference of the case in the social care record system. Never "
        "a name.",
    )
    meeting_id = fields.Many2one(
        "hcc.contract.meeting",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    contract_id = fields.Many2one(
        compute="_compute_contract_id", store=True, readonly=False, precompute=True
    )
    date = fields.Date(
        string="Considered On",
        required=True,
        default=fields.Date.context_today,
        index=True,
    )
    summary = fields.Text(help="What was discussed about the case.")
    outcome = fields.Text()
    date_erased = fields.Date(
        string="Details Erased On",
        readonly=True,
        copy=False,
        index=True,
        help="The personal details were erased at the end of the retention period.",
    )

    @api.depends("meeting_id")
    def _compute_contract_id(self):
        for case in self:
            if case.meeting_id:
                case.contract_id = case.meeting_id.contract_id

    # ------------------------------------------------------------------
    # Guards: the retention of personal details is the system's
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_first_step_fields(self):
        """A specific case has no workflow: its details change until erased."""
        return super()._get_hcc_first_step_fields() | {
            "case_reference",
            "outcome",
            "summary",
        }

    @api.model
    def _get_hcc_action_fields(self):
        """Only the erasure records that the details were erased."""
        return super()._get_hcc_action_fields() | {"date_erased"}

    @api.model
    def _get_hcc_immutable_fields(self):
        """The date a case was considered starts its retention period: it is
        not moved afterwards, nor the case to another meeting."""
        return super()._get_hcc_immutable_fields() | {"date", "meeting_id"}

    def write(self, vals):
        erased = self.filtered("date_erased")
        if erased and {"summary", "outcome"} & vals.keys():
            raise UserError(
                _(
                    "The personal details of case %(ref)s were erased at the end of "
                    "their retention period: record the case again if it is "
                    "considered anew.",
                    ref=erased[0].case_reference,
                )
            )
        return super().write(vals)

    @api.constrains("date")
    def _check_date_not_future(self):
        today = fields.Date.context_today(self)
        for case in self:
            if case.date > today:
                raise ValidationError(
                    _(
                        "Case %(ref)s cannot be considered in the future: its date "
                        "starts the retention period of its personal details.",
                        ref=case.case_reference,
                    )
                )

    @api.constrains("meeting_id", "contract_id")
    def _check_meeting_contract(self):
        for case in self.filtered("meeting_id"):
            if case.meeting_id.contract_id != case.contract_id:
                raise ValidationError(
                    _(
                        "Case %(ref)s belongs to contract %(contract)s but was "
                        "considered at a meeting of another contract.",
                        ref=case.case_reference,
                        contract=case.contract_id.name,
                    )
                )

    @api.model
    def _cron_erase_expired(self):
        """Erase the personal details of cases older than the company's
        retention period. The summary and outcome are blanked rather than the
        record deleted: the case reference and date stay as evidence that the
        case was considered at the meeting (9.4), without anything personal.
        Erased cases have ``date_erased`` set, so a second run does nothing."""
        scheduler = self.env["hcc.scheduler"]
        scheduler._run_steps(
            scheduler._retention_steps(
                self.sudo(),
                [("date_erased", "=", False)],
                lambda cutoff: [("date", "<", cutoff)],
                self._erase_details,
            )
        )

    def _erase_details(self, cases):
        cases.write(
            {
                "summary": False,
                "outcome": False,
                "date_erased": fields.Date.context_today(self),
            }
        )
