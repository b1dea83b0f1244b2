from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..common import on_earliest
from .common_notices import HccNoticesCase

ASK = {"hcc_ask_confirmation": True}


@tagged("post_install", "-at_install")
class TestOneApprovalAllChecks(HccNoticesCase):
    """Issue 43, point 6: one approval per decision, every check of a step
    listed at once, and the question to confirm asked only once the checks
    have passed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm

    def _revision(self, user, **overrides):
        vals = {
            "contract_id": self.contract.id,
            "title": "Extra Saturday sessions",
            "reason": "demand",
            "date_effective": "2026-09-01",
            **overrides,
        }
        return self.env["hcc.contract.revision"].with_user(user).create(vals)

    # ------------------------------------------------------------------
    # Revisions (7.4)
    # ------------------------------------------------------------------
    @freeze_time("2026-07-20")
    def test_county_manager_approval_is_the_approval(self):
        revision = self._revision(
            self.user_sm,
            is_contentious=True,
            description="<p>Add 520 sessions a year.</p>",
            cso_consulted_id=self.user_cso.id,
            date_cso_consulted="2026-07-20",
        )
        revision.action_mark_consulted()
        revision.with_user(self.user_cm).action_cm_approve()
        self.assertEqual(revision.state, "approved")
        self.assertEqual(revision.cm_decision, "approved")
        self.assertEqual(revision.cm_decision_user_id, self.user_cm)
        # the form offers no second Approve on a contentious revision
        arch = etree.fromstring(
            revision.with_user(self.user_cm).get_view(view_type="form")["arch"]
        )
        approve = arch.xpath("//button[@name='action_approve']")[0]
        self.assertIn("is_contentious", approve.get("invisible"))

    @freeze_time("2026-07-20")
    def test_cso_consulted_records_herself_and_today(self):
        revision = self._revision(
            self.user_cso, description="<p>Add 520 sessions a year.</p>"
        )
        revision.action_mark_consulted()
        self.assertEqual(revision.state, "consulted")
        self.assertEqual(revision.cso_consulted_id, self.user_cso)
        self.assertEqual(str(revision.date_cso_consulted), "2026-07-20")

    def test_cso_may_still_name_another_cso_and_day(self):
        other_cso = new_test_user(
            self.env,
            login="hcc_cso_other",
            groups="base.group_user,hcc_contracts.group_support_officer",
            name="Other CSO",
        )
        other_cso.hcc_locality_ids = self.locality_north
        with freeze_time("2026-07-20"):
            revision = self._revision(
                self.user_cso,
                description="<p>Add 520 sessions a year.</p>",
                cso_consulted_id=other_cso.id,
            )
        with freeze_time("2026-07-22"):
            revision.write({"date_cso_consulted": "2026-07-21"})
            revision.action_mark_consulted()
        self.assertEqual(revision.cso_consulted_id, other_cso)
        self.assertEqual(str(revision.date_cso_consulted), "2026-07-21")

    @freeze_time("2026-07-20")
    def test_every_missing_item_of_the_consultation_at_once(self):
        """The lead officer is not a CSO: nothing is filled in for her, and
        everything missing comes in one message."""
        revision = self._revision(self.user_sm)
        with self.assertRaises(UserError) as caught:
            revision.action_mark_consulted()
        message = str(caught.exception)
        self.assertIn("which Contract Support Officer was consulted", message)
        self.assertIn("Describe what changes in the contract", message)
        self.assertEqual(revision.state, "draft")
        self.assertFalse(revision.cso_consulted_id)

    # ------------------------------------------------------------------
    # Termination (9.4): checks first, then the question
    # ------------------------------------------------------------------
    def _discussed_case(self):
        case = self._termination_case(fundamental_breach=True)
        with on_earliest(case.date_provider_informed, "2026-07-16"):
            case.action_propose()
            case = case.with_user(self.user_cso)
            case.discussion_note = "<p>Agreed.</p>"
            case.action_record_discussion()
        return case

    def test_termination_buttons_do_not_ask_before_the_checks(self):
        for name, user in (
            ("action_decide_terminate", self.user_cm),
            ("action_complete", self.user_legal),
        ):
            arch = etree.fromstring(
                self.env["hcc.contract.termination"]
                .with_user(user)
                .get_view(view_type="form")["arch"]
            )
            button = arch.xpath(f"//button[@name='{name}']")
            self.assertTrue(button, name)
            self.assertIsNone(button[0].get("confirm"), name)
            self.assertIn("hcc_ask_confirmation", button[0].get("context"), name)

    @freeze_time("2026-07-20")
    def test_referral_lists_everything_then_asks(self):
        case = self._discussed_case().with_user(self.user_cm).with_context(**ASK)
        with self.assertRaises(UserError) as caught:
            case.action_decide_terminate()
        message = str(caught.exception)
        self.assertIn("Record when Legal Services were consulted", message)
        self.assertIn("Record the advice of Legal Services", message)
        self.assertIn("Legal Services and Decision", message)
        self.assertEqual(case.state, "discussed")
        case.write(
            {"date_legal_consulted": "2026-07-20", "legal_advice": "<p>Sound.</p>"}
        )
        dialog = case.action_decide_terminate()
        self.assertEqual(dialog["res_model"], "hcc.confirm.wizard")
        self.assertEqual(case.state, "discussed", "asked, not yet done")
        wizard = self.env["hcc.confirm.wizard"].with_user(self.user_cm)
        wizard = wizard.browse(dialog["res_id"])
        self.assertIn("Refer the case to them?", wizard.message)
        wizard.action_confirm()
        self.assertEqual(case.state, "referred")
        self.assertEqual(case.decided_by_id, self.user_cm)

    @freeze_time("2026-07-20")
    def test_completion_asks_with_the_day_it_ends(self):
        case = self._discussed_case().with_user(self.user_cm)
        case.write(
            {"date_legal_consulted": "2026-07-20", "legal_advice": "<p>Sound.</p>"}
        )
        case.action_decide_terminate()
        case = case.with_user(self.user_legal).with_context(**ASK)
        with self.assertRaises(UserError) as caught:
            case.action_complete()
        self.assertIn("reference is missing", str(caught.exception))
        self.assertIn("termination date is missing", str(caught.exception))
        case.write({"legal_reference": "LS/2026/5", "date_terminated": "2026-08-31"})
        dialog = case.action_complete()
        wizard = (
            self.env["hcc.confirm.wizard"]
            .with_user(self.user_legal)
            .browse(dialog["res_id"])
        )
        day = fields.Date.to_date("2026-08-31")
        self.assertIn("stays active until", wizard.message)
        self.assertEqual(case.state, "referred")
        wizard.action_confirm()
        self.assertEqual(case.state, "terminated")
        self.assertEqual(self.contract.termination_date, day)

    def test_the_dialog_calls_only_a_step(self):
        wizard = (
            self.env["hcc.confirm.wizard"]
            .with_user(self.user_sm)
            .create(
                {
                    "res_model": "hcc.contract",
                    "res_ids": self.contract.ids,
                    "action": "unlink",
                    "message": "Delete?",
                }
            )
        )
        with self.assertRaisesMessage(UserError, "not a step"):
            wizard.action_confirm()
        self.assertTrue(self.contract.exists())
