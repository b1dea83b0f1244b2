from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..roles.common_integrity import HccIntegrityCase
from .common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestTermination(HccNoticesCase):
    """Early termination (procedure 9.2 to 9.5, 12.5) and its gates, through
    the termination case, the one route there is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm

    def _assert_untouched(self, contract):
        contract.invalidate_recordset()
        self.assertEqual(contract.state, "active")
        self.assertFalse(contract.termination_date)
        self.assertFalse(contract.termination_legal_reference)

    def test_refused_while_the_remedy_period_runs_then_allowed(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice()  # remedy due 30 June
        with freeze_time("2026-06-30"):
            with self.assertRaisesMessage(UserError, "No notice was served"):
                self._terminate_through_case(date_provider_informed="2026-06-29")
            self._assert_untouched(self.contract)
        with freeze_time("2026-07-20"):
            case = self._terminate_through_case()
        self.assertEqual(case.state, "terminated")
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
        self.assertTrue(
            any("LS/2026/117" in (m.body or "") for m in contract.message_ids)
        )
        # the open notice is escalated, the provider having been told
        self.assertEqual(notice.state, "escalated")
        self.assertEqual(str(notice.date_provider_informed_closed), "2026-07-14")

    def test_remedied_notice_does_not_open_the_way(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice()
        with freeze_time("2026-07-10"):
            notice.write({"date_provider_informed_closed": "2026-07-10"})
            notice.action_remedy()
        with freeze_time("2026-07-20"):
            with self.assertRaisesMessage(UserError, "No notice was served"):
                self._terminate_through_case()
        self._assert_untouched(self.contract)

    @freeze_time("2026-07-20")
    def test_fundamental_breach_without_a_notice(self):
        self._terminate_through_case(fundamental_breach=True)
        self.assertEqual(self.contract.state, "terminated")
        self.assertTrue(self.contract.termination_fundamental_breach)


@tagged("post_install", "-at_install", "hcc_rpc")
class TestOneRouteToTerminationRpc(HccIntegrityCase):
    """Issue 37: the County Manager's Terminate Early wizard ran beside the
    termination case, even while the case was with Legal Services, who could
    then never complete it. Over JSON-RPC, as the web client calls: the wizard
    is gone, and the case, each step by its own role, terminates the
    contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm
        cls.logins["legal"] = cls.user_legal

    def _ok(self, role, model, method, *args, **kwargs):
        reply = self._jsonrpc(role, model, method, *args, **kwargs)
        self.assertNotIn("error", reply, reply.get("error"))
        return reply["result"]

    @freeze_time("2026-07-20")
    def test_no_second_route(self):
        message = self.assertJsonrpcRefused(
            "county_manager",
            "hcc.contract",
            "action_open_terminate_wizard",
            [self.contract.id],
        )
        self.assertIn("action_open_terminate_wizard", message)
        message = self.assertJsonrpcRefused(
            "county_manager",
            "hcc.contract.terminate.wizard",
            "create",
            {"contract_id": self.contract.id, "fundamental_breach": True},
        )
        self.assertIn("hcc.contract.terminate.wizard", message)
        form = self._ok(
            "county_manager", "hcc.contract", "get_views", [[False, "form"]]
        )
        arch = form["views"]["form"]["arch"]
        self.assertNotIn("Terminate Early", arch)
        self.assertIn("action_view_termination_cases", arch)
        self.contract.invalidate_recordset()
        self.assertEqual(self.contract.state, "active")

    @freeze_time("2026-07-20")
    def test_the_case_terminates_the_contract(self):
        Case = "hcc.contract.termination"
        case_id = self._ok(
            "service_manager",
            Case,
            "create",
            {
                "contract_id": self.contract.id,
                "fundamental_breach": True,
                "reason": "<p>Registration cancelled by the regulator.</p>",
                "service_users_affected": 12,
                "impact_note": "<p>Twelve people need another service.</p>",
                "alternative_arrangements": "<p>Two framework providers.</p>",
                "alternative_date": "2026-08-15",
                "date_provider_informed": "2026-07-20",
                "date_termination_planned": "2026-08-31",
            },
        )
        self._ok("service_manager", Case, "action_propose", [case_id])
        self._ok(
            "support_officer",
            Case,
            "write",
            [case_id],
            {"discussion_note": "<p>Agreed.</p>"},
        )
        self._ok("support_officer", Case, "action_record_discussion", [case_id])
        self._ok(
            "county_manager",
            Case,
            "write",
            [case_id],
            {"date_legal_consulted": "2026-07-20", "legal_advice": "<p>Sound.</p>"},
        )
        self._ok("county_manager", Case, "action_decide_terminate", [case_id])
        # with Legal Services, nobody else terminates the contract
        self.assertJsonrpcRefused("county_manager", Case, "action_complete", [case_id])
        self._ok(
            "legal",
            Case,
            "write",
            [case_id],
            {"legal_reference": "LS/2026/301", "date_terminated": "2026-07-20"},
        )
        self._ok("legal", Case, "action_complete", [case_id])
        case = self.env[Case].browse(case_id)
        self.assertEqual(case.state, "terminated")
        self.assertEqual(case.completed_by_id, self.user_legal)
        self.contract.invalidate_recordset()
        self.assertEqual(self.contract.state, "terminated")
        self.assertEqual(self.contract.termination_legal_reference, "LS/2026/301")
        self.assertEqual(self.contract.termination_cso_consulted_id, self.user_cso)
