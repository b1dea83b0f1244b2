from odoo.exceptions import UserError
from odoo.tests import tagged

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractActivation(HccContractsCase):
    """Standards 12.1-12.3: a contract cannot become active without a lead
    officer, a representative and a specification requiring surveys and
    activity information, nor with dates that make no sense."""

    def test_complete_contract_activates(self):
        contract = self._create_contract(user=self.user_cso)
        self.assertEqual(contract.state, "draft")
        contract.with_user(self.user_cso).action_activate()
        self.assertEqual(contract.state, "active")

    def _assert_blocked(self, expected_fragment, **overrides):
        contract = self._create_contract(user=self.user_cso, **overrides)
        with self.assertRaises(UserError) as caught:
            contract.with_user(self.user_cso).action_activate()
        message = str(caught.exception)
        self.assertIn(expected_fragment, message)
        self.assertIn(contract.name, message)
        self.assertEqual(contract.state, "draft", "nothing may change on refusal")
        return message

    def test_lead_officer_required(self):
        self._assert_blocked(
            "No lead officer is appointed (standard 12.1)", lead_officer_id=False
        )

    def test_representative_required(self):
        self._assert_blocked(
            "No representative is appointed (standard 12.2)", representative_id=False
        )

    def test_specification_scope_required(self):
        self._assert_blocked("no scope and service", spec_scope=False)
        self._assert_blocked("no scope and service", spec_scope="<p><br></p>")

    def test_survey_requirement_required(self):
        self._assert_blocked(
            "annual user satisfaction survey", requires_satisfaction_survey=False
        )

    def test_activity_information_required(self):
        self._assert_blocked(
            "activity information", requires_activity_information=False
        )

    def test_dates_required(self):
        self._assert_blocked("The start date is missing", date_start=False)
        self._assert_blocked("The end date is missing", date_end=False)

    def test_every_problem_listed_at_once(self):
        message = self._assert_blocked(
            "No lead officer",
            lead_officer_id=False,
            representative_id=False,
            requires_activity_information=False,
        )
        self.assertIn("No representative", message)
        self.assertIn("activity information", message)

    def test_only_drafts_activate(self):
        contract = self._create_contract()
        contract.action_activate()
        with self.assertRaises(UserError):
            contract.action_activate()

    def test_representative_nominee_flag(self):
        contract = self._create_contract(representative_id=self.user_sm_other.id)
        self.assertTrue(contract.representative_is_nominee)
        contract.representative_id = self.user_sm
        self.assertFalse(contract.representative_is_nominee)
