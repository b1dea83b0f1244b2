from odoo import http
from odoo.http import request

from odoo.addons.hcc_contracts_portal.controllers.portal import HccContractsPortal


class HccContractsAccountPortal(HccContractsPortal):
    """What the council paid under the provider's contracts: its posted
    vendor bills and credit notes, on each contract's page and on a page of
    their own, Payments, with its card on /my."""

    def _hcc_portal_contracts(self):
        Contract = request.env["hcc.contract"]
        return Contract.sudo().search(Contract._get_portal_domain(self._hcc_partner()))

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hcc_payment_count" in counters:
            values["hcc_payment_count"] = (
                request.env["account.move"]
                .sudo()
                .search_count(self._hcc_portal_contracts()._portal_payments_domain())
                if request.env.user._is_portal()
                else 0
            )
        return values

    @http.route()
    def portal_my_hcc_contract(self, contract_id, **kw):
        response = super().portal_my_hcc_contract(contract_id, **kw)
        contract = response.qcontext.get("contract")
        if contract:
            response.qcontext["payments"] = contract._portal_payments()
        return response

    @http.route("/my/payments", type="http", auth="user", website=True)
    def portal_my_hcc_payments(self, **kw):
        contracts = self._hcc_portal_contracts()
        return request.render(
            "hcc_contracts_account_portal.portal_my_hcc_payments",
            self._hcc_values("hcc_payments", payments=contracts._portal_payments()),
        )
