from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_budget import HccBudgetCase

# amounts are formatted with a no-break space after the pound sign
POUND = "£\N{NO-BREAK SPACE}"


@tagged("post_install", "-at_install")
class TestContractBudgetAccess(HccBudgetCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._create_contract(analytic_account_id=cls.cost_centre.id)
        cls.line = cls._budget(cls.contract, "2026/27", 100000.0)

    def test_finance_and_county_manager_edit_budgets(self):
        for user in (self.user_finance, self.user_cm):
            line = self.line.with_user(user)
            line.budgeted_amount = 90000.0
            self.assertEqual(line.budgeted_amount, 90000.0)
        new = self._budget(self.contract, "2027/28", 80000.0, user=self.user_finance)
        self.assertEqual(new.committed_amount, 120000.0)

    def test_other_roles_read_but_cannot_change_budgets(self):
        for user in (self.user_sm, self.user_cso, self.user_viewer):
            line = self.line.with_user(user)
            self.assertEqual(line.budgeted_amount, 100000.0)
            with self.assertRaises(AccessError):
                line.budgeted_amount = 1.0
            with self.assertRaises(AccessError):
                self._budget(self.contract, "2027/28", 1.0, user=user)
        self.assertEqual(self.line.budgeted_amount, 100000.0)
        self.assertEqual(len(self.contract.budget_ids), 1)

    def test_service_manager_of_another_locality_sees_nothing(self):
        Budget = self.env["hcc.contract.budget"].with_user(self.user_sm_south)
        self.assertFalse(Budget.search([("id", "=", self.line.id)]))
        with self.assertRaises(AccessError):
            self.line.with_user(self.user_sm_south).read(["budgeted_amount"])

    def test_only_finance_links_a_cost_centre(self):
        for user in (self.user_sm, self.user_cso):
            contract = self.contract.with_user(user)
            with self.assertRaises(UserError) as caught:
                contract.analytic_account_id = self.cost_centre_other
            self.assertIn("Finance", str(caught.exception))
            self.assertEqual(contract.analytic_account_id, self.cost_centre)
            self.assertFalse(contract.can_edit_budget)
            with self.assertRaises(UserError):
                self._create_contract(
                    user=user, analytic_account_id=self.cost_centre.id
                )
        # other fields stay theirs to change
        self.contract.with_user(self.user_sm).title = "Renamed by the lead officer"
        finance_contract = self.contract.with_user(self.user_finance)
        self.assertTrue(finance_contract.can_edit_budget)
        finance_contract.analytic_account_id = self.cost_centre_other
        self.assertEqual(self.contract.analytic_account_id, self.cost_centre_other)
        self.assertEqual(self.line.analytic_account_id, self.cost_centre_other)

    def test_every_role_opens_a_contract_with_a_cost_centre(self):
        spec = {
            "analytic_account_id": {"fields": {"display_name": {}}},
            "budget_message": {},
            "can_edit_budget": {},
            "budget_ids": {"fields": {"financial_year": {}, "actual_amount": {}}},
        }
        for user in (self.user_sm, self.user_cso, self.user_viewer, self.user_finance):
            contract = self.contract.with_user(user)
            contract.get_views([(False, "form"), (False, "list")])
            [values] = contract.web_read(spec)
            self.assertEqual(
                values["analytic_account_id"]["display_name"], self.cost_centre.name
            )
            self.assertEqual(values["budget_ids"][0]["financial_year"], "2026/27")

    def test_only_finance_reads_the_spend_lines(self):
        self._spend(self.cost_centre, "2026-06-30", 1200.0)
        for user in (self.user_sm, self.user_viewer):
            with self.assertRaises(AccessError):
                self.env["account.analytic.line"].with_user(user).search([])

    def test_finance_reads_the_spend_lines(self):
        self._spend(self.cost_centre, "2026-06-30", 1200.0)
        action = self.line.with_user(self.user_finance).action_view_analytic_lines()
        lines = (
            self.env["account.analytic.line"]
            .with_user(self.user_finance)
            .search(action["domain"])
        )
        self.assertEqual(lines.mapped("amount"), [-1200.0])
        self.assertIn("2026/27", action["name"])


@tagged("post_install", "-at_install")
class TestContractBudgetRag(HccBudgetCase):
    rag_sources = ("budget",)

    @freeze_time("2026-11-26")
    def test_overspend_is_red_and_overcommitment_amber(self):
        over_spent = self._create_contract(analytic_account_id=self.cost_centre.id)
        over_committed = self._create_contract(
            analytic_account_id=self.cost_centre_other.id
        )
        within = self._create_contract()
        contracts = over_spent | over_committed | within
        contracts.action_activate()
        self._budget(over_spent, "2026/27", 150000.0, user=self.user_finance)
        self._budget(over_committed, "2026/27", 100000.0, user=self.user_finance)
        self._budget(within, "2026/27", 120000.0, user=self.user_finance)
        # last year's overspend does not count this year
        self._spend(self.cost_centre, "2026-03-31", 900000.0)
        self.assertEqual(over_spent.rag_status, "green")
        self.assertEqual(over_committed.rag_status, "amber")
        self.assertIn(
            f"commits {POUND}120,000.00 in 2026/27, over the budget of "
            f"{POUND}100,000.00",
            over_committed.rag_reasons,
        )
        # posting spend refreshes the status at once
        self._spend(self.cost_centre, "2026-10-31", 150000.01)
        self.assertEqual(over_spent.rag_status, "red")
        self.assertIn(
            f"Spend of {POUND}150,000.01 in 2026/27 is over the budget of "
            f"{POUND}150,000.00",
            over_spent.rag_reasons,
        )
        self.assertEqual(within.rag_status, "green")

        self.env["hcc.contract"]._cron_update_rag()
        self.env.flush_all()
        before = contracts.read(["rag_status", "rag_reasons", "write_date"])
        self.env["hcc.contract"]._cron_update_rag()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(
            contracts.read(["rag_status", "rag_reasons", "write_date"]), before
        )

    @freeze_time("2026-11-26")
    def test_raising_the_budget_clears_the_warning(self):
        contract = self._create_contract(analytic_account_id=self.cost_centre.id)
        contract.action_activate()
        line = self._budget(contract, "2026/27", 100000.0, user=self.user_finance)
        self.assertEqual(contract.rag_status, "amber")
        line.with_user(self.user_finance).budgeted_amount = 120000.0
        self.assertEqual(contract.rag_status, "green")
        self.assertFalse(contract.rag_reasons)
