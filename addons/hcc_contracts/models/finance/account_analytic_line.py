from odoo import api, models


class AccountAnalyticLine(models.Model):
    """Keep the actual spend of contract budgets in step with the analytic
    lines posted by the council's accounting, so that spend never has to be
    keyed in twice."""

    _inherit = "account.analytic.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._refresh_contract_budgets()
        return lines

    def write(self, vals):
        tracked = {"amount", "date", "company_id", *self._get_plan_fnames()}
        if not tracked & set(vals):
            return super().write(vals)
        before = self._get_budget_keys()
        result = super().write(vals)
        after = self._get_budget_keys()
        self.env["hcc.contract.budget"]._refresh_actuals(
            before[0] | after[0], before[1] | after[1]
        )
        return result

    def unlink(self):
        accounts, dates = self._get_budget_keys()
        result = super().unlink()
        self.env["hcc.contract.budget"]._refresh_actuals(accounts, dates)
        return result

    def _get_budget_keys(self):
        """Cost centres and dates touched by these lines, on any plan."""
        accounts = self.env["account.analytic.account"]
        for line in self.sudo():
            accounts |= line._get_analytic_accounts()
        return accounts, set(self.sudo().mapped("date"))

    def _refresh_contract_budgets(self):
        self.env["hcc.contract.budget"]._refresh_actuals(*self._get_budget_keys())
