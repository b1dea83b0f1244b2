"""Billing a return twice, or a queried one, over real XML-RPC (as an external
client or an import would), with the rights of Finance."""

from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.roles.common_integrity import HccIntegrityCase


@tagged("post_install", "-at_install", "hcc_rpc")
class TestBillRpc(HccIntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.env["account.analytic.plan"].create({"name": "RPC Cost Centres"})
        centre = cls.env["account.analytic.account"].create(
            {"name": "RPC home care", "plan_id": plan.id}
        )
        cls.delivered = cls._create_contract(
            payment_basis="delivered",
            unit_price=20.0,
            analytic_account_id=centre.id,
            activity_source="provider_returns",
        )
        cls.delivered.action_activate()

    def _return(self, accept=True):
        ret = self.env["hcc.data.return"].create(
            {
                "contract_id": self.delivered.id,
                "date_from": "2026-04-01",
                "date_to": "2026-04-30",
                "units_delivered": 10,
            }
        )
        ret.action_receive()
        if accept:
            ret.action_accept()
        else:
            ret.action_query(question="Units delivered look wrong: please check.")
        return ret

    def _bill_vals(self, ret):
        return {
            "move_type": "in_invoice",
            "partner_id": self.provider.id,
            # a bill pays a contract in the contract's currency
            "currency_id": self.delivered.currency_id.id,
            "invoice_date": "2026-04-30",
            "invoice_line_ids": [
                [
                    0,
                    0,
                    {
                        "name": "Forged",
                        "quantity": 10,
                        "price_unit": 20.0,
                        "hcc_contract_id": self.delivered.id,
                        "hcc_return_id": ret.id,
                    },
                ]
            ],
        }

    def test_no_double_billing_over_rpc(self):
        ret = self._return()
        first = self._xmlrpc("finance", "account.move", "create", self._bill_vals(ret))
        self.assertTrue(first)
        message = self.assertXmlrpcRefused(
            "finance", "account.move", "create", self._bill_vals(ret), kind="user"
        )
        self.assertIn("is already billed", message)
        other = self._xmlrpc(
            "finance",
            "account.move",
            "create",
            {"move_type": "in_invoice", "partner_id": self.provider.id},
        )
        message = self.assertXmlrpcRefused(
            "finance",
            "account.move",
            "write",
            [other],
            {"invoice_line_ids": self._bill_vals(ret)["invoice_line_ids"]},
            kind="user",
        )
        self.assertIn("is already billed", message)
        self.assertEqual(
            self.env["account.move.line"].search_count(
                [("hcc_return_id", "=", ret.id)]
            ),
            1,
        )

    def test_queried_return_is_not_billed_over_rpc(self):
        ret = self._return(accept=False)
        message = self.assertXmlrpcRefused(
            "finance", "account.move", "create", self._bill_vals(ret), kind="user"
        )
        self.assertIn("only an accepted return", message)
        # nor by a role without the Invoicing rights
        self.assertXmlrpcRefused(
            "service_manager", "account.move", "create", self._bill_vals(ret)
        )
