from odoo import fields, models

from odoo.addons.hcc_contracts_procurement_act.models.hcc_statutory_notice import (
    ocds_datetime,
)


class HccStatutoryNotice(models.Model):
    """The contract payments notice (s.70): each payment of more than £30,000
    made under a public contract in a quarter, published within 30 days
    beginning with the last day of the quarter."""

    _inherit = "hcc.statutory.notice"

    notice_kind = fields.Selection(
        selection_add=[("contract_payments", "Contract payments notice")],
        ondelete={"contract_payments": "cascade"},
    )
    payment_period_start = fields.Date(
        readonly=True, help="First day of the quarter the notice reports."
    )
    payment_period_end = fields.Date(
        readonly=True, help="Last day of the quarter the notice reports."
    )

    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "payment_period_start",
            "payment_period_end",
        }

    def _get_ocds_tag(self):
        if self.notice_kind == "contract_payments":
            return ["implementationUpdate"]
        return super()._get_ocds_tag()

    def _get_ocds_contract(self):
        """The payments of the quarter as the contract's implementation
        transactions (OCDS 1.1)."""
        ocds_contract = super()._get_ocds_contract()
        if self.notice_kind != "contract_payments":
            return ocds_contract
        buyer = self._get_ocds_buyer()
        supplier = self._get_ocds_supplier()
        payments = self.contract_id._pa_payments_over_threshold(
            self.payment_period_start, self.payment_period_end
        )
        ocds_contract["implementation"] = {
            "transactions": [
                {
                    "id": f"{self.contract_id.name}-payment-{payment['id']}",
                    "source": "Council ledger",
                    "date": ocds_datetime(payment["date"]),
                    "value": {
                        "amount": payment["amount"],
                        "currency": self.contract_id.currency_id.name,
                    },
                    "payer": {"id": buyer["id"], "name": buyer["name"]},
                    "payee": {"id": supplier["id"], "name": supplier["name"]},
                }
                for payment in payments
            ]
        }
        return ocds_contract
