from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestTermination(HccNoticesCase):
    """Early termination (procedure 9.2 to 9.5, 12.5) and its gates."""

    def _assert_untouched(self, contract):
        contract.invalidate_recordset()
        self.assertEqual(contract.state, "active")
        self.assertFalse(contract.termination_date)
        self.assertFalse(contract.termination_legal_reference)

    @freeze_time("2026-07-20")
    def test_refused_without_the_notice_process(self):
        wizard = self._wizard(self.user_cm)
        with self.assertRaisesMessage(
            UserError, "No notice was served whose remedy period"
        ):
            wizard.action_confirm()
        self._assert_untouched(self.contract)

    def test_refused_while_the_remedy_period_runs_then_allowed(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice()  # remedy due 30 June
        with freeze_time("2026-06-30"):
            wizard = self._wizard(self.user_cm, date_provider_informed="2026-06-29")
            self.assertFalse(wizard.qualifying_notice_ids)
            with self.assertRaisesMessage(UserError, "No notice was served"):
                wizard.action_confirm()
            self._assert_untouched(self.contract)
        with freeze_time("2026-07-20"):
            wizard = self._wizard(self.user_cm)
            self.assertEqual(wizard.qualifying_notice_ids, notice)
            wizard.action_confirm()
        contract = self.contract
        self.assertEqual(contract.state, "terminated")
        self.assertEqual(str(contract.termination_date), "2026-08-31")
        self.assertEqual(contract.termination_legal_reference, "LS/2026/117")
        self.assertEqual(contract.termination_service_users_affected, 42)
        self.assertEqual(str(contract.termination_provider_informed_date), "2026-07-14")
        self.assertEqual(contract.termination_decided_by_id, self.user_cm)
        self.assertEqual(contract.termination_cso_consulted_id, self.user_cso)
        self.assertFalse(contract.termination_fundamental_breach)
        self.assertIn("Spot purchase", contract.termination_alternative_arrangements)
        self.assertIn("LS/2026/117", contract.message_ids[0].body)
        # the open notice is escalated, the provider having been told
        self.assertEqual(notice.state, "escalated")
        self.assertEqual(str(notice.date_provider_informed_closed), "2026-07-14")

    def test_remedied_or_withdrawn_notice_does_not_open_the_way(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice()
        with freeze_time("2026-07-10"):
            notice.write({"date_provider_informed_closed": "2026-07-10"})
            notice.action_remedy()
        with freeze_time("2026-07-20"):
            with self.assertRaisesMessage(UserError, "No notice was served"):
                self._wizard(self.user_cm).action_confirm()
        self._assert_untouched(self.contract)

    @freeze_time("2026-07-20")
    def test_fundamental_breach_with_legal_reference(self):
        with self.assertRaisesMessage(
            UserError, "Legal Services' reference is missing"
        ):
            self._wizard(
                self.user_cm, fundamental_breach=True, legal_services_reference=" "
            ).action_confirm()
        self._assert_untouched(self.contract)
        self._wizard(self.user_cm, fundamental_breach=True).action_confirm()
        self.assertEqual(self.contract.state, "terminated")
        self.assertTrue(self.contract.termination_fundamental_breach)

    @freeze_time("2026-07-20")
    def test_refused_for_other_roles(self):
        for user in (self.user_sm, self.user_cso, self.user_finance, self.user_viewer):
            wizard = self._wizard(user, fundamental_breach=True)
            with self.assertRaisesMessage(
                UserError,
                "“County Manager (Contracts)” may terminate a contract early",
            ):
                wizard.action_confirm()
            self._assert_untouched(self.contract)

    @freeze_time("2026-07-20")
    def test_consequences_and_consultation_required(self):
        wizard = self._wizard(
            self.user_cm,
            fundamental_breach=True,
            cso_consulted_id=False,
            alternative_arrangements=False,
            date_provider_informed=False,
            date_terminated="2030-01-01",
        )
        with self.assertRaises(UserError) as caught:
            wizard.action_confirm()
        self._assert_untouched(self.contract)
        message = str(caught.exception)
        self.assertIn("cannot be terminated early yet", message)
        for expected in (
            "Contract Support Officer was consulted",
            "alternative arrangements",
            "provider was informed",
            "within the term of the contract",
        ):
            self.assertIn(expected, message)

    @freeze_time("2029-04-02")
    def test_expired_contract_cannot_be_terminated(self):
        self.contract.action_expire()
        wizard = self._wizard(
            self.user_cm, fundamental_breach=True, date_terminated="2029-03-01"
        )
        with self.assertRaisesMessage(UserError, "is expired: only an active contract"):
            wizard.action_confirm()
        self.contract.invalidate_recordset()
        self.assertEqual(self.contract.state, "expired")
        self.assertFalse(self.contract.termination_date)

    def test_button_only_for_the_county_manager(self):
        arch = (
            self.env["hcc.contract"]
            .with_user(self.user_sm)
            .get_view(view_type="form")["arch"]
        )
        self.assertNotIn("action_open_terminate_wizard", arch)
        arch = (
            self.env["hcc.contract"]
            .with_user(self.user_cm)
            .get_view(view_type="form")["arch"]
        )
        self.assertIn("action_open_terminate_wizard", arch)
        action = self.contract.with_user(self.user_cm).action_open_terminate_wizard()
        self.assertEqual(action["res_model"], "hcc.contract.terminate.wizard")
        self.assertEqual(action["context"]["default_contract_id"], self.contract.id)
