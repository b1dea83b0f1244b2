from collections import defaultdict

from odoo import api, models


class ReportBudgetSpend(models.AbstractModel):
    """Spend against budget (procedure 12.6): the selected budget lines grouped
    by financial year, then by cost centre, with totals."""

    _name = "report.hcc_contracts_reports.report_budget_spend"
    _description = "Spend against budget"

    @api.model
    def _get_report_values(self, docids, data=None):
        lines = self.env["hcc.contract.budget"].browse(docids)
        lines.check_access("read")
        by_year = defaultdict(lambda: defaultdict(lambda: lines.browse()))
        for line in lines.sorted(lambda b: (b.financial_year, b.contract_id.name)):
            by_year[line.financial_year][line.analytic_account_id] |= line
        years = []
        for year in sorted(by_year):
            centres = []
            for centre, centre_lines in by_year[year].items():
                centres.append({"centre": centre, "lines": centre_lines})
            year_lines = lines.browse().union(*(c["lines"] for c in centres))
            years.append(
                {"year": year, "centres": centres, "totals": self._totals(year_lines)}
            )
        return {
            "doc_ids": docids,
            "doc_model": "hcc.contract.budget",
            "docs": lines,
            "years": years,
            "totals": self._totals(lines),
            "currency": lines[:1].currency_id or self.env.company.currency_id,
            "company": self.env.company,
        }

    @api.model
    def _totals(self, lines):
        return {
            field: sum(lines.mapped(field))
            for field in (
                "budgeted_amount",
                "committed_amount",
                "actual_amount",
                "remaining_amount",
            )
        }
