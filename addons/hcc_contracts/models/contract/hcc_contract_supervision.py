from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class HccContractSupervision(models.Model):
    """A supervision session of the representative with the lead officer in
    which the contract was a standing item (procedure 5.1): recorded when the
    representative is the lead officer's nominee. The sessions reset the
    reminder of the next one and count for standard 12.2 in the compliance
    report."""

    _name = "hcc.contract.supervision"
    _description = "Supervision Session on a Contract"
    _hcc_state_path = False
    _inherit = ["hcc.contract.record.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    supervisor_id = fields.Many2one(
        "res.users",
        required=True,
        domain="[('share', '=', False)]",
        default=lambda self: self._default_contract().lead_officer_id,
        help="The lead officer who held the session.",
    )
    representative_id = fields.Many2one(
        "res.users",
        string="Representative Supervised",
        required=True,
        domain="[('share', '=', False)]",
        default=lambda self: self._default_contract().representative_id,
    )
    note = fields.Text(
        required=True,
        help="What was reviewed of the management of the contract.",
    )

    def _default_contract(self):
        contract = self.env["hcc.contract"].browse(
            self.env.context.get("default_contract_id")
        )
        return contract.exists()

    @api.model
    def _get_hcc_first_step_fields(self):
        """A supervision session's note."""
        return super()._get_hcc_first_step_fields() | {
            "note",
        }

    @api.model
    def _get_hcc_immutable_fields(self):
        """A session is recorded once, as it happened."""
        return super()._get_hcc_immutable_fields() | {
            "date",
            "supervisor_id",
            "representative_id",
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            contract = self.env["hcc.contract"].browse(vals.get("contract_id")).sudo()
            vals.setdefault("supervisor_id", contract.lead_officer_id.id)
            vals.setdefault("representative_id", contract.representative_id.id)
        sessions = super().create(vals_list)
        today = fields.Date.context_today(self)
        for session in sessions:
            contract = session.contract_id.sudo()
            if not contract.representative_is_nominee:
                raise ValidationError(
                    _(
                        "Contract %(ref)s is represented by its lead officer: "
                        "supervision sessions are recorded when the representative "
                        "is a nominee (procedure 5.1).",
                        ref=contract.name,
                    )
                )
            if session.supervisor_id != contract.lead_officer_id:
                raise ValidationError(
                    _(
                        "The supervision of the representative of %(ref)s is held "
                        "with its lead officer, %(officer)s (procedure 5.1).",
                        ref=contract.name,
                        officer=contract.lead_officer_id.name,
                    )
                )
            if session.date > today:
                raise ValidationError(
                    _("A supervision session cannot be recorded in the future.")
                )
        sessions.contract_id.sudo()._supervision_recorded()
        return sessions

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            _(
                "A supervision session is part of the contract's record (procedure "
                "5.1) and is never deleted."
            )
        )
