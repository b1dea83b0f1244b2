import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


class ResCompany(models.Model):
    _inherit = "res.company"

    hcc_county_manager_id = fields.Many2one(
        "res.users",
        string="County Manager (Contracts)",
        domain="[('share', '=', False)]",
        help="Receives escalations of late reviews, meetings and returns, and is "
        "consulted on contentious revisions and early terminations.",
    )

    hcc_register_mapping = fields.Json(
        string="Register Import Columns",
        help="How the columns of a register were matched the last time one was "
        "imported: {column name as typed, in lower case: field}. The register "
        "import proposes them again.",
    )

    hcc_review_lead_months = fields.Integer(
        string="Create Reviews (Months Ahead)",
        default=3,
        help="How many months before its due date a contract review is created "
        "and the lead officer reminded. The review itself is due twelve months "
        "before the contract ends (procedure 10.1).",
    )

    hcc_return_due_days = fields.Integer(
        string="Data Returns Due After (Days)",
        default=15,
        help="A provider's data return is due this many days after the end of the "
        "period it covers.",
    )

    hcc_utilisation_amber = fields.Float(
        string="Utilisation Amber Below (%)",
        default=85.0,
        help="A contract turns amber when the service delivered over the last "
        "twelve months is below this share of the volume commissioned.",
    )

    hcc_utilisation_red = fields.Float(
        string="Utilisation Red Below (%)",
        default=70.0,
        help="A contract turns red when the service delivered over the last twelve "
        "months is below this share of the volume commissioned.",
    )

    hcc_indicator_tolerance = fields.Float(
        string="Indicator Tolerance (%)",
        default=10.0,
        help="How far from its target an indicator may be and still be approaching "
        "the target; twice this margin requires improvement, beyond it the "
        "indicator is inadequate.",
    )

    hcc_case_retention_months = fields.Integer(
        string="Keep Case Details (Months)",
        default=24,
        help="Personal details of specific cases considered at monitoring "
        "meetings are erased after this many months.",
    )

    hcc_supervision_interval_months = fields.Integer(
        string="Supervision Every (Months)",
        default=1,
        help="When the representative of a contract is the lead officer's "
        "nominee, the contract is a standing item of their supervision "
        "sessions (procedure 5.1): the lead officer is reminded when no "
        "session was recorded for this many months.",
    )

    @api.constrains("hcc_supervision_interval_months")
    def _check_hcc_supervision_interval_months(self):
        for company in self:
            if not 1 <= company.hcc_supervision_interval_months <= 12:
                raise ValidationError(
                    _(
                        "%(company)s: supervision sessions are held between every "
                        "month and every twelve months.",
                        company=company.name,
                    )
                )

    @api.constrains("hcc_review_lead_months")
    def _check_hcc_review_lead_months(self):
        for company in self:
            if not 1 <= company.hcc_review_lead_months <= 24:
                raise ValidationError(
                    _(
                        "%(company)s: reviews must be created between 1 and 24 "
                        "months before they are due.",
                        company=company.name,
                    )
                )

    @api.constrains(
        "hcc_return_due_days",
        "hcc_utilisation_amber",
        "hcc_utilisation_red",
        "hcc_indicator_tolerance",
    )
    def _check_hcc_performance_settings(self):
        for company in self:
            if company.hcc_return_due_days < 0:
                raise ValidationError(
                    _(
                        "%(company)s: data returns cannot be due before the end of "
                        "their period.",
                        company=company.name,
                    )
                )
            amber, red = company.hcc_utilisation_amber, company.hcc_utilisation_red
            if not 0 <= red <= amber <= 100:
                raise ValidationError(
                    _(
                        "%(company)s: the utilisation thresholds must lie between 0%% "
                        "and 100%%, with red (%(red)s%%) at or below amber "
                        "(%(amber)s%%).",
                        company=company.name,
                        red=red,
                        amber=amber,
                    )
                )
            if not 0 <= company.hcc_indicator_tolerance <= 100:
                raise ValidationError(
                    _(
                        "%(company)s: the indicator tolerance must lie between 0%% "
                        "and 100%%.",
                        company=company.name,
                    )
                )

    @api.constrains("hcc_case_retention_months")
    def _check_hcc_case_retention_months(self):
        for company in self:
            if company.hcc_case_retention_months < 1:
                raise ValidationError(
                    _(
                        "%(company)s: case details must be kept for at least one "
                        "month.",
                        company=company.name,
                    )
                )

    def _hcc_set_demo_currency(self, currency_id):
        """Demo data: the council keeps its books in this currency (pounds
        sterling). Where Invoicing already holds journal items in another
        currency it refuses the change: the company keeps its currency and
        the contracts' figures are converted to theirs."""
        currency = self.env["res.currency"].browse(currency_id)
        currency.active = True
        for company in self.filtered(lambda c: c.currency_id != currency):
            try:
                with self.env.cr.savepoint():
                    company.currency_id = currency
            except UserError as error:
                _logger.info(
                    "Demo data: %s keeps its currency %s (%s)",
                    company.name,
                    company.currency_id.name,
                    error,
                )
