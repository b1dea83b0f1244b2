from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.finance.common_budget import HccBudgetCase

from .common_reports import ReportsMixin


@tagged("post_install", "-at_install")
class TestReportFinance(ReportsMixin, HccBudgetCase):
    """Spend against budget by financial year, and the renewals forecast."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_uk_english()
        cls.contract = cls._create_contract(
            title="Day care north", analytic_account_id=cls.cost_centre.id
        )
        cls.contract_south = cls._create_contract(
            title="Home care south",
            locality_id=cls.locality_south.id,
            lead_officer_id=cls.user_sm_south.id,
            representative_id=cls.user_sm_south.id,
            analytic_account_id=cls.cost_centre_other.id,
            date_end="2027-09-30",
        )

    def test_spend_against_budget_by_year_and_cost_centre(self):
        lines = (
            self._budget(self.contract, "2026/27", 120000.0)
            | self._budget(self.contract, "2027/28", 125000.0)
            | self._budget(self.contract_south, "2026/27", 50000.0)
        )
        self._spend(self.cost_centre, "2026-05-31", 10000.0)
        self._spend(self.cost_centre, "2026-06-30", 11500.0)
        self._spend(self.cost_centre_other, "2026-06-30", 52000.0)
        self.env.flush_all()
        text = self._render_text("action_report_budget_spend", lines, self.user_finance)
        self.assertAllIn(
            [
                "Spend against budget",
                "Financial year 2026/27",
                "Financial year 2027/28",
                "Test ASC day care north",
                "Test ASC home care south",
                "120,000.00",
                "21,500.00",  # actual north 2026/27
                "98,500.00",  # remaining north
                "52,000.00",  # south over budget
                "170,000.00",  # budget 2026/27 in total
                "73,500.00",  # spend 2026/27 in total
            ],
            text,
        )
        self.assertLess(text.index("2026/27"), text.index("2027/28"))

    def test_budget_report_respects_access_rights(self):
        line = self._budget(self.contract, "2026/27", 120000.0)
        with self.assertRaises(AccessError):
            self._render_text("action_report_budget_spend", line, self.user_sm_south)

    @freeze_time("2026-06-01")
    def test_renewals_forecast_lists_contracts_ending_within_24_months(self):
        later = self._create_contract(title="Ends in 2029", date_end="2029-03-31")
        action = (
            self.env["hcc.contract"]
            .with_user(self.user_cm)
            .action_print_renewals_forecast()
        )
        self.assertEqual(
            action["report_name"], "hcc_contracts_reports.report_renewals_forecast"
        )
        # every contract the County Manager reads that ends within 24 months
        # (a database with demo data has more of them)
        forecast = action["context"]["active_ids"]
        self.assertIn(self.contract_south.id, forecast)
        self.assertNotIn(later.id, forecast)
        contracts = self.contract | self.contract_south | later
        text = self._render_text(
            "action_report_renewals_forecast", contracts, self.user_cm
        )
        self.assertAllIn(
            [
                "Renewals forecast",
                "Home care south",
                "Test Provider Ltd",
                "30/09/2027",  # end date
                "30/09/2026",  # review due by
                "Not Created",  # review status
                "Contracts listed: 1",
            ],
            text,
        )
        self.assertNotIn("Ends in 2029", text)
        self.assertNotIn("Day care north", text)

    @freeze_time("2026-06-01")
    def test_renewals_forecast_shows_the_options_left(self):
        contract = self.contract_south.sudo()
        # the maximum term is a signed term: recorded as the superuser here,
        # as a revision records it on a live contract
        contract.date_end_max = "2029-09-30"
        Option = self.env["hcc.contract.option"]
        for months, decide in ((12, "2027-03-31"), (6, "2028-03-31")):
            Option.create(
                {
                    "contract_id": contract.id,
                    "length_months": months,
                    "date_decide": decide,
                }
            )
        text = self._render_text(
            "action_report_renewals_forecast", contract, self.user_cm
        )
        self.assertAllIn(
            [
                "Extension options left",
                "2 left (12 + 6 months), next to decide by 31/03/2027",
                "30/09/2029",  # maximum term
            ],
            text,
        )

    @freeze_time("2026-06-01")
    def test_renewals_forecast_shows_only_readable_contracts(self):
        action = (
            self.env["hcc.contract"]
            .with_user(self.user_sm)
            .action_print_renewals_forecast()
        )
        self.assertFalse(action["context"].get("active_ids"))
        with self.assertRaises(AccessError):
            self._render_text(
                "action_report_renewals_forecast", self.contract_south, self.user_sm
            )
