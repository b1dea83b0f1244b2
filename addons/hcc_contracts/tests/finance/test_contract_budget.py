from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_budget import HccBudgetCase

SUMMARY_FIELDS = [
    "budget_financial_year",
    "no_cost_centre",
    "budget_amount",
    "budget_committed_amount",
    "budget_actual_amount",
    "budget_remaining_amount",
    "budget_variance_amount",
    "budget_spend_percent",
    "budget_message",
]


@tagged("post_install", "-at_install")
class TestContractBudget(HccBudgetCase):
    def test_contract_starting_mid_year_is_committed_pro_rata(self):
        contract = self._create_contract(
            date_start="2026-10-01",
            date_end="2029-09-30",
            annual_value=120000.0,
            analytic_account_id=self.cost_centre.id,
        )
        first = self._budget(contract, "2026/27", 60000.0)
        leap = self._budget(contract, "2027/28", 120000.0)
        last = self._budget(contract, "2029/30", 60000.0)
        # 182 of 365 days; a whole leap year; 183 of 365 days
        self.assertEqual(first.committed_amount, 59835.62)
        self.assertEqual(leap.committed_amount, 120000.0)
        self.assertEqual(last.committed_amount, 60164.38)
        self.assertEqual(str(first.date_from), "2026-04-01")
        self.assertEqual(str(first.date_to), "2027-03-31")
        # the committed amount follows the contract
        contract.annual_value = 36500.0
        self.assertEqual(first.committed_amount, 18200.0)

    def test_spend_on_31_march_and_1_april_fall_in_different_years(self):
        contract = self._create_contract(analytic_account_id=self.cost_centre.id)
        year_one = self._budget(contract, "2026/27", 120000.0)
        year_two = self._budget(contract, "2027/28", 120000.0)
        self._spend(self.cost_centre, "2027-03-31", 1000.0)
        self._spend(self.cost_centre, "2027-04-01", 250.0)
        self._spend(self.cost_centre, "2026-06-01", -100.0, name="Credit note")
        # spend on another cost centre is not this contract's
        self._spend(self.cost_centre_other, "2026-06-01", 5000.0)
        self.assertEqual(year_one.actual_amount, 900.0)
        self.assertEqual(year_two.actual_amount, 250.0)

        line = self.env["account.analytic.line"].search(
            [("account_id", "=", self.cost_centre.id), ("date", "=", "2027-03-31")]
        )
        line.date = "2027-04-02"
        self.assertEqual(year_one.actual_amount, -100.0)
        self.assertEqual(year_two.actual_amount, 1250.0)
        line.unlink()
        self.assertEqual(year_two.actual_amount, 250.0)

    def test_spend_posted_before_the_budget_line_is_counted(self):
        contract = self._create_contract()
        self._spend(self.cost_centre, "2026-05-10", 4000.0)
        line = self._budget(contract, "2026/27", 10000.0)
        self.assertTrue(line.no_cost_centre)
        self.assertEqual(line.actual_amount, 0.0)
        contract.analytic_account_id = self.cost_centre
        self.assertFalse(line.no_cost_centre)
        self.assertEqual(line.actual_amount, 4000.0)

    def test_variance_and_remaining(self):
        contract = self._create_contract(analytic_account_id=self.cost_centre.id)
        line = self._budget(contract, "2026/27", 100000.0)
        self._spend(self.cost_centre, "2026-07-31", 30000.0)
        self.assertEqual(line.committed_amount, 120000.0)
        self.assertEqual(line.actual_amount, 30000.0)
        self.assertEqual(line.remaining_amount, 70000.0)
        self.assertEqual(line.variance_amount, -20000.0)
        self._spend(self.cost_centre, "2026-08-31", 75000.0)
        self.assertEqual(line.remaining_amount, -5000.0)

    @freeze_time("2026-11-26")
    def test_contract_summary_of_current_year(self):
        contract = self._create_contract(analytic_account_id=self.cost_centre.id)
        self._budget(contract, "2026/27", 150000.0)
        self._budget(contract, "2027/28", 125000.0)
        self._spend(self.cost_centre, "2026-09-30", 60000.0)
        self.assertEqual(contract.budget_financial_year, "2026/27")
        self.assertEqual(contract.budget_amount, 150000.0)
        self.assertEqual(contract.budget_committed_amount, 120000.0)
        self.assertEqual(contract.budget_actual_amount, 60000.0)
        self.assertEqual(contract.budget_remaining_amount, 90000.0)
        self.assertEqual(contract.budget_variance_amount, 30000.0)
        self.assertEqual(contract.budget_spend_percent, 40.0)
        self.assertEqual(contract.budget_message, "Within budget.")

    @freeze_time("2026-11-26")
    def test_no_cost_centre_says_so(self):
        contract = self._create_contract()
        line = self._budget(contract, "2026/27", 100000.0)
        self.assertTrue(line.no_cost_centre)
        self.assertTrue(contract.no_cost_centre)
        self.assertEqual(
            contract.budget_message,
            "No cost centre: spend against budget cannot be shown.",
        )
        no_line = self._create_contract(analytic_account_id=self.cost_centre.id)
        self.assertEqual(no_line.budget_message, "No budget for 2026/27.")

    def test_bad_financial_year_is_refused(self):
        contract = self._create_contract()
        for wrong in ("2026-27", "2026/28", "26/27"):
            with self.assertRaises(ValidationError) as caught:
                self._budget(contract, wrong, 1000.0)
            self.assertIn(f"“{wrong}” is not a financial year", str(caught.exception))
            self.assertIn("like 2026/27", str(caught.exception))
        self.assertFalse(contract.budget_ids)

    def test_negative_budget_and_year_outside_term_are_refused(self):
        contract = self._create_contract()
        with self.assertRaises(ValidationError) as caught:
            self._budget(contract, "2026/27", -1.0)
        self.assertIn(
            "the budget for 2026/27 cannot be negative", str(caught.exception)
        )
        with self.assertRaises(ValidationError) as caught:
            self._budget(contract, "2029/30", 1000.0)
        self.assertIn("2029/30 is outside its term", str(caught.exception))
        line = self._budget(contract, "2026/27", 1000.0)
        with self.assertRaises(ValidationError):
            line.budgeted_amount = -5.0
        self.assertEqual(line.budgeted_amount, 1000.0)
        self.assertEqual(len(contract.budget_ids), 1)

    def test_one_line_per_contract_and_year(self):
        contract = self._create_contract()
        self._budget(contract, "2026/27", 1000.0)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._budget(contract, "2026/27", 2000.0)
        self.assertEqual(contract.budget_ids.mapped("budgeted_amount"), [1000.0])

    @freeze_time("2026-11-26")
    def test_started_year_is_archived_not_deleted(self):
        contract = self._create_contract()
        current = self._budget(contract, "2026/27", 1000.0)
        future = self._budget(contract, "2027/28", 1000.0)
        with self.assertRaises(ValidationError) as caught:
            current.unlink()
        self.assertIn("has started and cannot be deleted", str(caught.exception))
        self.assertTrue(current.exists())
        current.action_archive()
        self.assertFalse(current.active)
        future.unlink()
        self.assertFalse(future.exists())

    @freeze_time("2026-09-30")
    def test_value_for_money_without_delivery_data(self):
        contract = self._create_contract()
        self.assertEqual(
            contract._get_delivered_units(contract.date_start, contract.date_end), {}
        )
        # 1 April to 30 September 2026: 183 days of 365
        self.assertEqual(contract.vfm_period, "01/04/2026 to 30/09/2026")
        self.assertAlmostEqual(contract.vfm_period_cost, 120000.0 * 183 / 365, 2)
        # no month has accepted data: nothing to compare delivery with yet
        self.assertFalse(contract.vfm_data_period)
        self.assertEqual(contract.vfm_expected_units, 0.0)
        self.assertEqual(contract.unit_cost_commissioned, 20.0)
        self.assertFalse(contract.vfm_has_delivery_data)
        self.assertEqual(contract.vfm_unit_cost_delivered, 0.0)
        self.assertEqual(contract.vfm_undelivered_share, 0.0)
        self.assertIn("No delivery data yet", contract.vfm_message)

    @freeze_time("2026-09-30")
    def test_value_for_money_before_the_contract_runs(self):
        contract = self._create_contract(date_start="2027-01-01", date_end="2029-12-31")
        self.assertFalse(contract.vfm_period)
        self.assertEqual(contract.vfm_period_cost, 0.0)
        self.assertEqual(
            contract.vfm_message,
            "The contract has not run in this financial year yet.",
        )

    def test_budget_summary_query_count_does_not_grow(self):
        def make(count):
            contracts = self.env["hcc.contract"]
            for _index in range(count):
                contract = self._create_contract(
                    analytic_account_id=self.cost_centre.id
                )
                self._budget(contract, "2026/27", 100000.0)
                contracts |= contract
            return contracts

        few, many = make(5), make(50)
        with freeze_time("2026-11-26"):
            # warm the caches of access rules and groups
            self.env.invalidate_all()
            few.with_user(self.user_finance).read(SUMMARY_FIELDS)
            for contracts in (few, many):
                self.env.invalidate_all()
                # contract fields (two reads), budget lines (ids, then fields),
                # the user and its partner, the currency
                with self.assertQueryCount(7):
                    contracts.with_user(self.user_finance).read(SUMMARY_FIELDS)
