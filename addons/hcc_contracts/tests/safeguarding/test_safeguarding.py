from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_safeguarding import HccSafeguardingCase


@tagged("post_install", "-at_install")
class TestSafeguardingConcern(HccSafeguardingCase):
    def test_open_concern_turns_the_contract_amber_then_red_without_names(self):
        self.assertEqual(self.contract.rag_status, "green")
        concern = self._concern()
        self.assertEqual(self.contract.rag_status, "amber")
        self.assertEqual(self.contract.rag_reasons, "1 open safeguarding concern(s).")
        self._concern(case_reference="SG-0043", level="low")
        self.assertEqual(self.contract.rag_reasons, "2 open safeguarding concern(s).")
        concern.level = "high"
        self.assertEqual(self.contract.rag_status, "red")
        self.assertNotIn("SG-004", self.contract.rag_reasons)
        self.assertNotIn("medication", self.contract.rag_reasons)
        concern.action_start_enquiry()
        self.assertEqual(self.contract.rag_status, "red", "under enquiry is open")
        concern.outcome = "substantiated"
        concern.action_close()
        self.assertEqual(self.contract.rag_status, "amber")
        self.assertEqual(self.contract.rag_reasons, "1 open safeguarding concern(s).")

    def test_recorded_by_and_state_are_the_systems(self):
        with self.assertRaises(UserError):
            self._concern(recorded_by_id=self.user_cm.id)
        with self.assertRaises(UserError):
            self._concern(state="closed")
        concern = self.env(user=self.user_safeguarding)[
            "hcc.safeguarding.concern"
        ].with_context(default_state="closed", default_recorded_by_id=self.user_cm.id)
        concern = concern.create(
            {"contract_id": self.contract.id, "case_reference": "SG-0044"}
        )
        self.assertEqual(concern.state, "open")
        self.assertEqual(concern.recorded_by_id, self.user_safeguarding)
        with self.assertRaises(UserError):
            concern.state = "closed"
        with self.assertRaises(UserError):
            concern.date_raised = "2026-04-02"

    def test_closing_asks_to_confirm_and_is_final(self):
        concern = self._concern()
        concern.action_start_enquiry()
        with self.assertRaises(UserError):
            concern.action_close()
        concern.outcome = "partly_substantiated"
        dialog = concern.with_context(hcc_ask_confirmation=True).action_close()
        self.assertEqual(dialog["res_model"], "hcc.confirm.wizard")
        self.assertEqual(concern.state, "enquiry", "asking changes nothing")
        wizard = self.env(user=self.user_safeguarding)["hcc.confirm.wizard"].browse(
            dialog["res_id"]
        )
        wizard.action_confirm()
        self.assertEqual(concern.state, "closed")
        self.assertTrue(concern.date_closed)
        for vals in (
            {"summary": "Changed"},
            {"outcome": "not_substantiated"},
            {"level": "high"},
        ):
            with self.assertRaises(UserError):
                concern.write(vals)
        with self.assertRaises(UserError):
            concern.action_start_enquiry()
        with self.assertRaises(UserError):
            concern.action_close()
        with self.assertRaises(UserError):
            concern.unlink()
        with self.assertRaises(UserError):
            concern.sudo().unlink()

    def test_no_future_concern(self):
        with self.assertRaises(ValidationError):
            self._concern(date_raised="2099-01-01")

    def test_only_safeguarding_and_county_manager_reach_concerns(self):
        concern = self._concern()
        by_cm = self._concern(user=self.user_cm, case_reference="SG-2")
        self.assertEqual(by_cm.recorded_by_id, self.user_cm)
        for user in (
            self.user_sm,
            self.user_sm_south,
            self.user_cso,
            self.user_finance,
            self.user_viewer,
            self.user_legal,
        ):
            Concern = self.env(user=user)["hcc.safeguarding.concern"]
            with self.assertRaises(AccessError, msg=user.login):
                Concern.search_count([])
            with self.assertRaises(AccessError, msg=user.login):
                concern.with_user(user).read(["case_reference"])
        # the administrator is a County Manager (Contracts) too
        self.assertEqual(
            self.env(user=self.user_admin)["hcc.safeguarding.concern"].search_count([]),
            2,
        )

    def test_retention_erases_the_summary_once(self):
        with freeze_time("2026-05-01"):
            old = self._concern(date_raised="2026-05-01")
            old.outcome = "not_substantiated"
            old.action_close()
        with freeze_time("2027-06-01"):
            recent = self._concern(case_reference="SG-0043")
            recent.outcome = "inconclusive"
            recent.action_close()
            still_open = self._concern(case_reference="SG-0044")
        Concern = self.env["hcc.safeguarding.concern"]
        with freeze_time("2028-05-01"):
            Concern._cron_erase_expired_summaries()
        self.assertFalse(old.date_erased, "exactly 24 months is still kept")
        with freeze_time("2028-05-02"):
            Concern._cron_erase_expired_summaries()
            self.assertEqual(str(old.date_erased), "2028-05-02")
            self.assertFalse(old.summary)
            # type, dates and outcome stay as evidence
            self.assertEqual(old.case_reference, "SG-0042")
            self.assertEqual(old.category, "neglect")
            self.assertEqual(str(old.date_raised), "2026-05-01")
            self.assertEqual(str(old.date_closed), "2026-05-01")
            self.assertEqual(old.outcome, "not_substantiated")
            self.assertTrue(recent.summary)
            write_date = old.write_date
            Concern._cron_erase_expired_summaries()
            self.assertEqual(old.write_date, write_date, "second run changes nothing")
        with self.assertRaises(UserError):
            old.with_user(self.user_safeguarding).summary = "Written again"
        self.company.hcc_case_retention_months = 6
        with freeze_time("2028-05-03"):
            Concern._cron_erase_expired_summaries()
        self.assertTrue(recent.date_erased)
        self.assertFalse(still_open.date_erased, "an open concern is kept")
        self.assertTrue(still_open.summary)
