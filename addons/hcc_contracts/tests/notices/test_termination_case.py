from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..common import on_earliest
from ..view_spec import view_specification
from .common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestTerminationCase(HccNoticesCase):
    """The case for early termination as the procedure runs it (9.2 to 9.5,
    Appendix A 11): the lead officer proposes, the CSO records the
    discussion, the County Manager records the consultation of Legal Services
    and decides, Legal Services carry it out. Each step as its role, and each
    refusal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm
        cls.step_type = cls.env.ref("hcc_contracts.mail_activity_type_termination_step")

    def _case(self, user=None, **overrides):
        vals = {
            "contract_id": self.contract.id,
            "reason": "<p>Weekend visits still missed after the notice.</p>",
            "service_users_affected": 42,
            "impact_note": "<p>42 older people lose their weekend visits.</p>",
            "alternative_arrangements": "<p>Spot purchase from two providers.</p>",
            "alternative_date": "2026-09-30",
            "date_provider_informed": "2026-07-14",
            "date_termination_planned": "2026-08-31",
        }
        vals.update(overrides)
        # opened on or before the day the provider was informed
        with on_earliest(vals.get("date_provider_informed")):
            return (
                self.env["hcc.contract.termination"]
                .with_user(user or self.user_sm)
                .create(vals)
            )

    def _step_users(self, case):
        return case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.step_type
        ).user_id

    def _to_discussed(self, **overrides):
        """Proposed and discussed on the day the case was opened, before
        Legal Services are consulted."""
        case = self._case(**overrides)
        with on_earliest(case.date_provider_informed, "2026-07-16"):
            case.action_propose()
            case = case.with_user(self.user_cso)
            case.discussion_note = "<p>Agreed: notice process exhausted.</p>"
            case.action_record_discussion()
        return case

    def _to_referred(self, **overrides):
        case = self._to_discussed(**overrides).with_user(self.user_cm)
        case.write(
            {
                "date_legal_consulted": "2026-07-16",
                "legal_advice": "<p>Grounds are sound; 30 days' notice.</p>",
            }
        )
        case.action_decide_terminate()
        return case

    def _assert_contract_live(self):
        self.contract.invalidate_recordset()
        self.assertEqual(self.contract.state, "active")
        self.assertFalse(self.contract.termination_date)

    def test_whole_case_from_proposal_to_legal_services(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice()  # remedy due 30 June
        with freeze_time("2026-07-20"):
            case = self._case()
            self.flush_tracking()
            self.assertEqual(case.state, "draft")
            self.assertEqual(case.qualifying_notice_ids, notice)
            case.action_propose()
            self.assertEqual(case.state, "proposed")
            self.assertEqual(case.proposed_by_id, self.user_sm)
            self.assertEqual(self._step_users(case), self.user_cso)

            case = case.with_user(self.user_cso)
            case.write(
                {
                    "discussion_note": "<p>Agreed: notice process exhausted.</p>",
                    "county_manager_consulted": True,
                }
            )
            case.action_record_discussion()
            self.assertEqual(case.state, "discussed")
            self.assertEqual(case.cso_id, self.user_cso)
            self.assertEqual(str(case.date_discussed), "2026-07-20")
            self.assertEqual(self._step_users(case), self.user_cm)

            case = case.with_user(self.user_cm)
            case.write(
                {
                    "date_legal_consulted": "2026-07-20",
                    "legal_advice": "<p>Grounds are sound.</p>",
                }
            )
            case.action_decide_terminate()
            self.assertEqual(case.state, "referred")
            self.assertEqual(case.decided_by_id, self.user_cm)
            self.assertEqual(self._step_users(case), self.user_legal)
            # decided, not yet carried out: the contract runs on
            self._assert_contract_live()

            case = case.with_user(self.user_legal)
            self.assertEqual(case.contract_id.read(["state"])[0]["state"], "active")
            case.write(
                {"legal_reference": "LS/2026/117", "date_terminated": "2026-08-31"}
            )
            case.action_complete()
        self.assertEqual(case.state, "terminated")
        self.assertEqual(case.completed_by_id, self.user_legal)
        self.assertFalse(self._step_users(case))
        contract = self.contract
        contract.invalidate_recordset()
        # recorded on 20 July for 31 August: the service runs until then
        self.assertEqual(contract.state, "active")
        with freeze_time("2026-08-31"):
            self.env["hcc.contract"]._cron_contract_lifecycle()
        contract.invalidate_recordset()
        self.assertEqual(contract.state, "terminated")
        self.assertEqual(str(contract.termination_date), "2026-08-31")
        self.assertEqual(contract.termination_legal_reference, "LS/2026/117")
        self.assertEqual(contract.termination_decided_by_id, self.user_cm)
        self.assertEqual(contract.termination_cso_consulted_id, self.user_cso)
        self.assertEqual(str(contract.termination_date_cso_consulted), "2026-07-20")
        self.assertEqual(contract.termination_service_users_affected, 42)
        self.assertIn("Spot purchase", contract.termination_alternative_arrangements)
        self.assertEqual(notice.state, "escalated")
        self.assertEqual(str(notice.date_provider_informed_closed), "2026-07-14")
        # the chatter of the contract names Legal Services' user
        self.assertTrue(
            any("Hcc Legal" in (m.body or "") for m in contract.message_ids)
        )
        # the chatter of the case tracks its steps
        self.flush_tracking()
        tracked = case.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertIn("Terminated", tracked.mapped("new_value_char"))

    @freeze_time("2026-07-20")
    def test_only_the_lead_officer_proposes(self):
        case = self._case(fundamental_breach=True)
        for user in (self.user_sm_other, self.user_cso, self.user_cm):
            with self.assertRaises(AccessError):
                case.with_user(user).action_propose()
        for user in (self.user_viewer, self.user_finance, self.user_legal):
            with self.assertRaisesMessage(
                AccessError, "may propose an early termination"
            ):
                case.with_user(user).action_propose()
        self.assertEqual(case.state, "draft")

    @freeze_time("2026-07-20")
    def test_proposal_needs_the_case_and_its_consequences(self):
        case = self._case(
            reason=False, impact_note=False, alternative_arrangements=False
        )
        with self.assertRaises(UserError) as caught:
            case.action_propose()
        message = str(caught.exception)
        for expected in (
            "cannot be proposed yet",
            "case for early termination is not recorded",
            "impact on the service users",
            "alternative arrangements",
        ):
            self.assertIn(expected, message)
        self.assertEqual(case.state, "draft")

    @freeze_time("2026-07-20")
    def test_cso_records_the_discussion_with_a_note(self):
        case = self._case(fundamental_breach=True)
        case.action_propose()
        with self.assertRaisesMessage(AccessError, "may record the discussion"):
            case.with_user(self.user_sm).action_record_discussion()
        with self.assertRaisesMessage(UserError, "write what was discussed"):
            case.with_user(self.user_cso).action_record_discussion()
        self.assertEqual(case.state, "proposed")
        # a CSO of another locality does not reach the case
        cso_south = new_test_user(
            self.env,
            login="hcc_cso_south",
            groups="base.group_user,hcc_contracts.group_support_officer",
        )
        cso_south.hcc_locality_ids = self.locality_south
        with self.assertRaises(AccessError):
            case.with_user(cso_south).write({"discussion_note": "<p>Not mine.</p>"})

    @freeze_time("2026-07-20")
    def test_county_manager_decides_after_legal_services(self):
        case = self._to_discussed(fundamental_breach=True)
        for user in (self.user_sm, self.user_cso, self.user_legal):
            with self.assertRaisesMessage(
                AccessError, "may decide on an early termination"
            ):
                case.with_user(user).action_decide_terminate()
        case = case.with_user(self.user_cm)
        with self.assertRaises(UserError) as caught:
            case.action_decide_terminate()
        self.assertIn(
            "Record when Legal Services were consulted", str(caught.exception)
        )
        self.assertIn("advice of Legal Services", str(caught.exception))
        # a consultation still to come is refused as it is typed
        with self.assertRaisesMessage(ValidationError, "a day still to come"):
            case.write(
                {"date_legal_consulted": "2026-07-21", "legal_advice": "<p>OK</p>"}
            )
        with self.assertRaisesMessage(UserError, "Record when Legal Services"):
            case.action_decide_terminate()
        self.assertEqual(case.state, "discussed")
        # Legal Services see nothing of a case not referred to them
        self.assertFalse(
            self.env["hcc.contract.termination"]
            .with_user(self.user_legal)
            .search([("id", "=", case.id)])
        )
        self.assertFalse(
            self.env["hcc.contract"]
            .with_user(self.user_legal)
            .search([("id", "=", self.contract.id)])
        )

    @freeze_time("2026-07-20")
    def test_decision_keeps_the_12_5_gates(self):
        """Without a notice not remedied in time nor a fundamental breach,
        the County Manager cannot refer the case; nor without the provider
        informed or a date within the term."""
        case = self._to_discussed(
            date_provider_informed=False, date_termination_planned="2030-01-01"
        ).with_user(self.user_cm)
        case.write({"date_legal_consulted": "2026-07-20", "legal_advice": "<p>OK</p>"})
        with self.assertRaises(UserError) as caught:
            case.action_decide_terminate()
        message = str(caught.exception)
        for expected in (
            "cannot be decided yet",
            "No notice was served whose remedy period",
            "provider was informed",
            "within the term of the contract",
        ):
            self.assertIn(expected, message)
        self.assertNotIn("Legal Services' reference", message)
        self.assertEqual(case.state, "discussed")
        self._assert_contract_live()

    @freeze_time("2026-07-20")
    def test_county_manager_decides_not_to_terminate(self):
        case = self._to_discussed().with_user(self.user_cm)
        case.write(
            {"date_legal_consulted": "2026-07-18", "legal_advice": "<p>Weak.</p>"}
        )
        with self.assertRaisesMessage(UserError, "reasons for not terminating"):
            case.action_decide_not_terminate()
        case.decision_note = "<p>Resolve through a second improvement notice.</p>"
        case.action_decide_not_terminate()
        self.assertEqual(case.state, "declined")
        self.assertFalse(self._step_users(case))
        self._assert_contract_live()
        # decided: the case is frozen, and a new case may be opened
        with self.assertRaisesMessage(UserError, "cannot be changed now"):
            case.with_user(self.user_sm).write({"reason": "<p>Rewritten</p>"})
        self.assertTrue(self._case(fundamental_breach=True))

    @freeze_time("2026-07-20")
    def test_only_legal_services_carry_it_out(self):
        case = self._to_referred(fundamental_breach=True)
        for user in (self.user_sm, self.user_cso, self.user_cm, self.user_admin):
            with self.assertRaisesMessage(
                AccessError, "may record that an early termination was carried out"
            ):
                case.with_user(user).action_complete()
        case = case.with_user(self.user_legal)
        with self.assertRaises(UserError) as caught:
            case.action_complete()
        self.assertIn("Legal Services' reference is missing", str(caught.exception))
        self.assertIn("termination date is missing", str(caught.exception))
        self.assertEqual(case.state, "referred")
        self._assert_contract_live()
        # Legal Services record only their part: the decided case is frozen
        with self.assertRaisesMessage(UserError, "cannot be changed now"):
            case.write({"reason": "<p>Rewritten</p>"})
        with self.assertRaises(AccessError):
            case.write({"state": "terminated"})
        with self.assertRaises(AccessError):
            self.contract.with_user(self.user_legal).write({"title": "Renamed"})
        case.write({"legal_reference": "LS/2026/9", "date_terminated": "2026-07-20"})
        case.action_complete()
        self.assertEqual(self.contract.state, "terminated")
        self.assertTrue(self.contract.termination_fundamental_breach)
        with self.assertRaisesMessage(UserError, "cannot be changed now"):
            case.write({"legal_reference": "LS/2026/10"})
        with self.assertRaisesMessage(
            UserError,
            "you cannot record that an early termination was carried out now",
        ):
            case.action_complete()

    def test_completion_checks_the_gates_again(self):
        """A notice remedied after the referral closes the way: Legal
        Services cannot carry out a termination its gates no longer allow."""
        with freeze_time("2026-06-02"):
            notice = self._served_notice()
        with freeze_time("2026-07-20"):
            case = self._to_referred()
        with freeze_time("2026-07-22"):
            notice.write({"date_provider_informed_closed": "2026-07-21"})
            notice.action_remedy()
            case = case.with_user(self.user_legal)
            case.write(
                {"legal_reference": "LS/2026/9", "date_terminated": "2026-08-31"}
            )
            with self.assertRaisesMessage(UserError, "No notice was served"):
                case.action_complete()
        self.assertEqual(case.state, "referred")
        self._assert_contract_live()

    @freeze_time("2026-07-20")
    def test_withdrawal_and_one_open_case(self):
        case = self._case()
        with self.assertRaisesMessage(ValidationError, "already has an open case"):
            self._case()
        with self.assertRaises(AccessError):
            case.with_user(self.user_cso).action_withdraw()
        case.action_withdraw()
        self.assertEqual(case.state, "withdrawn")
        second = self._case()
        second.with_user(self.user_cm).action_withdraw()
        self.assertEqual(second.state, "withdrawn")
        referred = self._to_referred(fundamental_breach=True)
        with self.assertRaisesMessage(
            UserError,
            "is at the step “Referred to Legal Services”: you cannot withdraw the "
            "case now. Only a case not yet decided can be withdrawn.",
        ):
            referred.with_user(self.user_cm).action_withdraw()

    @freeze_time("2026-07-20")
    def test_no_case_on_a_contract_not_active_and_never_deleted(self):
        draft = self._create_contract()
        with self.assertRaisesMessage(ValidationError, "on an active contract only"):
            self._case(contract_id=draft.id)
        case = self._case()
        for user in (self.user_sm, self.user_cm, self.user_admin):
            with self.assertRaises(AccessError):
                case.with_user(user).unlink()
        self.assertTrue(case.exists())
        with self.assertRaisesMessage(AccessError, "cannot be written directly"):
            self._case(state="terminated", contract_id=self._create_contract().id)

    @freeze_time("2026-07-20")
    def test_legal_services_work_from_the_case_form(self):
        """Legal Services read the case form and the contract's essentials,
        not the contract form, whose monitoring records are not theirs; the
        register's menus are not shown to them."""
        case = self._to_referred(fundamental_breach=True)
        env = self.env(user=self.user_legal)
        spec = view_specification(env, "hcc.contract.termination", "form")
        self.assertNotIn("qualifying_notice_ids", spec)
        values = env["hcc.contract.termination"].browse(case.id).web_read(spec)[0]
        self.assertEqual(values["contract_title"], self.contract.title)
        self.assertEqual(values["state"], "referred")
        menus = env["ir.ui.menu"].search([]).mapped("complete_name")
        self.assertIn("Social Care Contracts/Contracts/Early Termination Cases", menus)
        self.assertNotIn("Social Care Contracts/Contracts/All Contracts", menus)
        # the other roles still open the contract from the case
        action = case.with_user(self.user_sm).action_open_contract()
        self.assertEqual(action["res_id"], self.contract.id)

    @freeze_time("2026-07-20")
    def test_contract_button_opens_the_open_case_or_a_new_one(self):
        action = self.contract.with_user(self.user_sm).action_view_termination_cases()
        self.assertEqual(action["res_model"], "hcc.contract.termination")
        self.assertEqual(action["views"], [(False, "form")])
        self.assertFalse(action.get("res_id"))
        self.assertEqual(action["context"]["default_contract_id"], self.contract.id)
        case = self._case()
        action = self.contract.with_user(self.user_sm).action_view_termination_cases()
        self.assertEqual(action["res_id"], case.id)
