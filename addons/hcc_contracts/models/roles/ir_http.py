from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        """The currency of each company the user works in, so that the lists
        of contracts keep the pound sign on the sums of their groups (Odoo
        formats a group's sum without a currency)."""
        result = super().session_info()
        if self.env.user._is_internal():
            companies = result.get("user_companies", {}).get("allowed_companies", {})
            for company in self.env.user.company_ids:
                if company.id in companies:
                    companies[company.id]["hcc_currency_id"] = company.currency_id.id
        return result
