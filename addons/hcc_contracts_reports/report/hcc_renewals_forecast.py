from odoo import api, models


class ReportRenewalsForecast(models.AbstractModel):
    """Contracts ending in the next 24 months with the status of their review,
    by end date. Printed from the contracts selected in a list, or for every
    readable contract from the Reporting menu."""

    _name = "report.hcc_contracts_reports.report_renewals_forecast"
    _description = "Renewals forecast"

    @api.model
    def _get_report_values(self, docids, data=None):
        contracts = self.env["hcc.contract"].browse(docids)
        contracts.check_access("read")
        forecast = contracts.filtered_domain(
            contracts._get_renewals_forecast_domain()
        ).sorted(lambda c: (c.date_end, c.name))
        return {
            "doc_ids": docids,
            "doc_model": "hcc.contract",
            "docs": forecast,
            "company": self.env.company,
            "total_annual_value": sum(forecast.mapped("annual_value")),
            "currency": forecast[:1].currency_id or self.env.company.currency_id,
        }
