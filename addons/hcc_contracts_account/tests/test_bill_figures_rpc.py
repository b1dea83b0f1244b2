"""What a bill line paying a contract may charge, over real HTTP as Finance's
web client calls it (issue 37): the units of the return at the contract's
price, the instalment of a month that is over, and a period once billed is
not replaced by a new import of the case-management system's data."""

from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.hcc_contracts.tests.roles.call_kw import HccCallKwMixin

from ..models.account_move_line import HCC_TZ
from .common_bills import HccBillsCase


@tagged("post_install", "-at_install", "hcc_rpc")
class TestBillFiguresRpc(HccCallKwMixin, HccBillsCase, HttpCase):
    def _line(self, contract, quantity, price, **links):
        return {
            "name": "Contract payment",
            "quantity": quantity,
            "price_unit": price,
            "tax_ids": [[5, 0, 0]],
            "analytic_distribution": {str(self.cost_centre.id): 100.0},
            "hcc_contract_id": contract.id,
            **links,
        }

    def _bill_vals(self, day, line):
        """A vendor bill of the provider, dated ``day``, with one line."""
        return {
            "move_type": "in_invoice",
            "partner_id": self.provider.id,
            "currency_id": self.delivered.currency_id.id,
            "invoice_date": str(day),
            "invoice_line_ids": [[0, 0, line]],
        }

    def _create_bill(self, day, line):
        return self._call_kw(
            self.user_finance, "account.move", "create", self._bill_vals(day, line)
        )

    def test_return_line_takes_the_return_figures(self):
        ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 7230)
        text = self.assertCallKwRefused(
            self.user_finance,
            "account.move",
            "create",
            self._bill_vals(
                "2026-04-30",
                self._line(self.delivered, 999999, 25.0, hcc_return_id=ret.id),
            ),
        )
        self.assertIn("7,230.00", text)
        bill_id = self._create_bill(
            "2026-04-30", self._line(self.delivered, 7230, 25.0, hcc_return_id=ret.id)
        )
        bill = self.env["account.move"].browse(bill_id)
        line = bill.invoice_line_ids
        for vals in ({"quantity": 999999}, {"price_unit": 99.0}, {"discount": 50.0}):
            self.assertCallKwRefused(
                self.user_finance, "account.move.line", "write", line.ids, vals
            )
        # a line changed before this check existed is refused at posting
        self.env.cr.execute(
            "UPDATE account_move_line SET quantity = 999999 WHERE id = %s", line.ids
        )
        self.env.invalidate_all()
        text = self.assertCallKwRefused(
            self.user_finance, "account.move", "action_post", [bill_id]
        )
        self.assertIn("credit note", text)
        self.env.cr.execute(
            "UPDATE account_move_line SET quantity = 7230 WHERE id = %s", line.ids
        )
        self.env.invalidate_all()
        self._call_kw(self.user_finance, "account.move", "action_post", [bill_id])
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.amount_total, 7230 * 25.0)

    def test_instalment_only_for_a_month_that_is_over(self):
        this_month = datetime.now(HCC_TZ).date().replace(day=1)
        last_month = this_month - relativedelta(months=1)
        amount = self.block._hcc_instalment_amount(this_month)
        text = self.assertCallKwRefused(
            self.user_finance,
            "account.move",
            "create",
            self._bill_vals(
                str(this_month),
                self._line(self.block, 1, amount, hcc_instalment_date=str(this_month)),
            ),
        )
        self.assertIn("before the month is over", text)
        amount = self.block._hcc_instalment_amount(last_month)
        self.assertCallKwRefused(
            self.user_finance,
            "account.move",
            "create",
            self._bill_vals(
                str(last_month),
                self._line(
                    self.block,
                    1,
                    amount + 1000,
                    hcc_instalment_date=str(last_month),
                ),
            ),
        )
        bill_id = self._create_bill(
            last_month,
            self._line(self.block, 1, amount, hcc_instalment_date=str(last_month)),
        )
        self._call_kw(self.user_finance, "account.move", "action_post", [bill_id])
        self.assertEqual(self.env["account.move"].browse(bill_id).amount_total, amount)

    def test_billed_case_system_period_is_not_replaced(self):
        contract = self._contract_for_bills(
            title="Home care from the case-management system",
            payment_basis="delivered",
            unit_price=25.0,
            activity_source="case_system",
        )
        row = {
            "contract_reference": contract.name,
            "date_from": "2026-04-01",
            "date_to": "2026-04-30",
            "units_delivered": 300,
        }
        method = "import_case_system_activity"
        result = self._call_kw(self.user_cso, "hcc.data.return", method, [row])
        ret = self.env["hcc.data.return"].browse(result["imported"])
        self._call_kw(
            self.user_finance, "hcc.data.return", "action_draft_vendor_bill", ret.ids
        )
        result = self._call_kw(
            self.user_cso,
            "hcc.data.return",
            method,
            [row | {"units_delivered": 900}],
        )
        self.assertFalse(result["imported"])
        self.assertIn("credit note", result["refused"][0]["errors"][0])
        ret.invalidate_recordset()
        self.assertEqual(ret.units_delivered, 300)
