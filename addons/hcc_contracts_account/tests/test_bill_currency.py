"""Every amount shown in pounds is in pounds (issue 43, point 2): a
contract in pounds billed by a company keeping its books in another currency
shows what its bills charged and paid in pounds, not the company's figures
labelled £; a bill or a ledger line in a third currency is converted at the
rate of its date."""

from freezegun import freeze_time

from odoo import Command

from .common_bills import HccBillsCase


@freeze_time("2026-06-10")
class TestBillCurrency(HccBillsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.env.ref("base.EUR")
        cls.eur.active = True
        cls.usd = cls.env.ref("base.USD")
        cls.usd.active = True

    def _rate(self, currency, rate):
        """``rate`` units of ``currency`` for one unit of the company's."""
        self.env["res.currency.rate"].create(
            {
                "name": "2026-01-01",
                "currency_id": currency.id,
                "company_id": self.company.id,
                "rate": rate,
            }
        )

    def _bill_in(self, currency, day, amount):
        """A bill of the provider for the contract, in ``currency``, not
        paying a return (an adjustment), posted by Finance."""
        bill = (
            self.env["account.move"]
            .with_user(self.user_finance)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.provider.id,
                    "currency_id": currency.id,
                    "invoice_date": day,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Adjustment",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                                "analytic_distribution": {
                                    str(self.cost_centre.id): 100.0
                                },
                                "hcc_contract_id": self.delivered.id,
                            }
                        )
                    ],
                }
            )
        )
        bill.action_post()
        return bill

    def _spend_by_hand(self, day, amount):
        """A cost posted by the council's accounting on the cost centre, in
        the company's currency (an analytic line is in its company's)."""
        column = self.cost_centre.plan_id._column_name()
        self.env["account.analytic.line"].create(
            {
                "name": "Journal spend",
                "date": day,
                column: self.cost_centre.id,
                "amount": amount,
                "company_id": self.company.id,
            }
        )

    def _bill_and_pay_10000_pounds(self):
        ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 400)
        bill = self._bill_of(ret)
        self.assertEqual(bill.currency_id, self.gbp)
        bill.with_user(self.user_finance).action_post()
        self._pay(bill, "2026-05-20", amount=4000.0)
        return bill

    def _assert_figures(self, budget, billed, paid, spend):
        budget.invalidate_recordset()
        contract = self.delivered.with_user(self.user_finance)
        contract.invalidate_recordset()
        self.assertEqual(contract.currency_id, self.gbp)
        self.assertAlmostEqual(contract.hcc_billed_amount, billed, places=2)
        self.assertAlmostEqual(contract.hcc_paid_amount, paid, places=2)
        self.assertAlmostEqual(contract.hcc_outstanding_amount, billed - paid, 2)
        self.assertAlmostEqual(contract.hcc_vfm_billed_amount, billed, places=2)
        self.assertAlmostEqual(budget.billed_amount, billed, places=2)
        self.assertAlmostEqual(budget.paid_amount, paid, places=2)
        self.assertAlmostEqual(budget.outstanding_amount, billed - paid, places=2)
        self.assertAlmostEqual(budget.actual_amount, spend, places=2)
        self.assertAlmostEqual(contract.budget_actual_amount, spend, places=2)

    def test_company_in_dollars_contract_in_pounds(self):
        """The company keeps its books in US dollars (£1 = $1.25): a £10,000
        bill with £4,000 paid reads £10,000 billed, £4,000 paid, not the
        $12,500 and $5,000 of the company's ledger."""
        self.assertEqual(self.company.currency_id, self.usd)
        self._rate(self.gbp, 0.8)
        self._rate(self.eur, 0.9)
        budget = self._budget(self.delivered, "2026/27", 150000.0, self.user_finance)
        bill = self._bill_and_pay_10000_pounds()
        self.assertEqual(bill.amount_total_signed, -12500.0, "the company's dollars")
        self._assert_figures(budget, billed=10000.0, paid=4000.0, spend=10000.0)
        # €900 = $1,000 = £800, at the rates of the bill's date
        self._bill_in(self.eur, "2026-05-31", 900.0)
        self._assert_figures(budget, billed=10800.0, paid=4000.0, spend=10800.0)
        # $125 of spend posted by hand on the cost centre = £100
        self._spend_by_hand("2026-06-01", -125.0)
        self._assert_figures(budget, billed=10800.0, paid=4000.0, spend=10900.0)

    def test_company_in_pounds(self):
        """The company keeps its books in pounds too: the same figures, and a
        bill in euros converted (€900 = £1,000)."""
        self.company.currency_id = self.gbp
        self._rate(self.eur, 0.9)
        budget = self._budget(self.delivered, "2026/27", 150000.0, self.user_finance)
        bill = self._bill_and_pay_10000_pounds()
        self.assertEqual(bill.amount_total_signed, -10000.0)
        self._assert_figures(budget, billed=10000.0, paid=4000.0, spend=10000.0)
        self._bill_in(self.eur, "2026-05-31", 900.0)
        self._assert_figures(budget, billed=11000.0, paid=4000.0, spend=11000.0)
        self._spend_by_hand("2026-06-01", -125.0)
        self._assert_figures(budget, billed=11000.0, paid=4000.0, spend=11125.0)
