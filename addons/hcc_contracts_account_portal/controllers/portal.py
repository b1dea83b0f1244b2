from odoo import http

from odoo.addons.hcc_contracts_portal.controllers.portal import HccContractsPortal


class HccContractsAccountPortal(HccContractsPortal):
    """The contract page of the provider portal lists what the council paid
    under the contract: its posted vendor bills and credit notes."""

    @http.route()
    def portal_my_hcc_contract(self, contract_id, **kw):
        response = super().portal_my_hcc_contract(contract_id, **kw)
        contract = response.qcontext.get("contract")
        if contract:
            response.qcontext["payments"] = contract._portal_payments()
        return response
