"""Amounts in pounds are pounds (issue 43, point 2): the spend posted on a
cost centre is in the company's currency; a contract in pounds counts it
converted at the rate of its date. The web client's group sums and grand
totals take the contracts' currency, not the company's."""

from freezegun import freeze_time

from .common_budget import HccBudgetCase


@freeze_time("2026-06-10")
class TestBudgetCurrency(HccBudgetCase):
    def test_spend_in_the_company_currency_is_converted(self):
        """The company keeps its books in US dollars, £1 = $1.25: $1,250 of
        spend is £1,000 of the contract's budget."""
        self.assertNotEqual(self.company.currency_id, self.gbp)
        self.env["res.currency.rate"].create(
            {
                "name": "2026-01-01",
                "currency_id": self.gbp.id,
                "company_id": self.company.id,
                "rate": 0.8,
            }
        )
        contract = self._create_contract(analytic_account_id=self.cost_centre.id)
        self.assertEqual(contract.currency_id, self.gbp)
        budget = self._budget(contract, "2026/27", 50000.0)
        self._spend(self.cost_centre, "2026-05-01", 1250.0)
        self.assertAlmostEqual(budget.actual_amount, 1000.0, places=2)
        self.assertAlmostEqual(budget.remaining_amount, 49000.0, places=2)

    def test_totals_take_the_contracts_currency(self):
        """The web client is given the contracts' currency for the company
        (pounds, though the company's is another) for its grouped totals
        (ir.http.session_info; the tour of the grouped list reads it), and
        none once the company's contracts are in several."""
        Contract = self.env["hcc.contract"].with_user(self.user_finance)
        self._create_contract()
        self.assertEqual(
            Contract._hcc_currency_by_company(self.company),
            {self.company.id: self.gbp},
        )
        eur = self.env.ref("base.EUR")
        eur.active = True
        self._create_contract(currency_id=eur.id)
        self.assertEqual(Contract._hcc_currency_by_company(self.company), {})
