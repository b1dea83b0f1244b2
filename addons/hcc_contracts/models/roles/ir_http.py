from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """The currency of the social care contracts of each company the user
        works in, so that the grouped lists of contracts and budgets keep
        its sign on the sums of their groups and on their grand total (Odoo
        formats those without a currency). It is the contracts' own
        currency, not the company's; where a company's contracts are in
        several currencies there is none, and sums show no sign."""
        result = super().session_info()
        if self.env.user._is_internal():
            companies = result.get("user_companies", {}).get("allowed_companies", {})
            currencies = self.env["hcc.contract"]._hcc_currency_by_company(
                self.env.user.company_ids.filtered(lambda c: c.id in companies)
            )
            for company_id, currency in currencies.items():
                companies[company_id]["hcc_currency_id"] = currency.id
        return result
