from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

RENEWALS_HORIZON_MONTHS = 24


class HccContract(models.Model):
    _inherit = "hcc.contract"

    @api.model
    def _get_renewals_forecast_domain(self):
        """Live contracts ending from today to 24 months ahead."""
        today = fields.Date.context_today(self)
        return [
            ("state", "in", ("draft", "active")),
            ("date_end", ">=", today),
            ("date_end", "<=", today + relativedelta(months=RENEWALS_HORIZON_MONTHS)),
        ]

    @api.model
    def action_print_renewals_forecast(self):
        """Print the renewals forecast for every contract the user may read
        that ends in the next 24 months (the search applies the record rules)."""
        contracts = self.search(self._get_renewals_forecast_domain(), order="date_end")
        return self.env.ref(
            "hcc_contracts_reports.action_report_renewals_forecast"
        ).report_action(contracts)
