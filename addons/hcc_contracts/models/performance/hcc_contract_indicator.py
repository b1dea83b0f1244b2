from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HccContractIndicator(models.Model):
    """A performance indicator the specification asks the provider to report on
    (procedure 7.6: statistical data and performance indicator information),
    measured in each data return and rated against its target."""

    _name = "hcc.contract.indicator"
    _description = "Contract Performance Indicator"
    _hcc_state_path = "contract_id.state"
    _inherit = ["hcc.contract.record.mixin"]
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    target = fields.Float(required=True)
    unit = fields.Char(help="e.g. %, days, visits")
    direction = fields.Selection(
        [("higher", "Higher is better"), ("lower", "Lower is better")],
        required=True,
        default="higher",
    )
    description = fields.Text()
    value_ids = fields.One2many("hcc.data.return.indicator.value", "indicator_id")

    @api.model
    def _get_hcc_first_step_fields(self):
        """What an indicator is measured against, fixed once the contract is live."""
        return super()._get_hcc_first_step_fields() | {
            "direction",
            "target",
            "value_ids",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """On a live contract an indicator is renamed, reordered or retired;
        its target and direction are what returns are rated against, so
        they stay as signed."""
        editable = super()._get_hcc_editable_fields()
        editable.update(
            active={"name", "sequence", "active", "unit", "description"},
            expired={"active"},
            terminated={"active"},
        )
        return editable

    @api.ondelete(at_uninstall=False)
    def _unlink_except_measured(self):
        if self.value_ids:
            raise UserError(
                _(
                    "Indicator %(name)s has been measured in data returns and cannot "
                    "be deleted: archive it instead.",
                    name=self.value_ids[0].indicator_id.name,
                )
            )

    def _rate(self, value):
        """Rate a measured value against the target: good when the target is met,
        approaching within the company's tolerance, requires improvement within
        twice the tolerance, inadequate beyond."""
        self.ensure_one()
        tolerance = abs(self.target) * self.company_id.hcc_indicator_tolerance / 100.0
        shortfall = (
            self.target - value if self.direction == "higher" else value - self.target
        )
        if shortfall <= 0:
            return "good"
        if shortfall <= tolerance:
            return "approaching"
        if shortfall <= 2 * tolerance:
            return "requires_improvement"
        return "inadequate"
