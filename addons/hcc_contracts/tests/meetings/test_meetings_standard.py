from freezegun import freeze_time

from odoo.tests import tagged

from .common_meetings import HccMeetingsCase


@tagged("post_install", "-at_install")
class TestMeetingsStandard(HccMeetingsCase):
    rag_sources = ("meetings",)

    def _met(self, when):
        with freeze_time(when):
            self.contract.invalidate_recordset(["standard_12_4_met"])
            met = self.contract.with_user(self.user_viewer).standard_12_4_met
            found = self.env["hcc.contract"].search(
                [("id", "=", self.contract.id), ("standard_12_4_met", "=", True)]
            )
            self.assertEqual(bool(found), met, "search agrees with compute")
            return met

    def test_12_4_counts_documented_meetings_in_the_last_12_months(self):
        self.assertFalse(self._met("2026-04-02"))
        self._document(self._meeting("2026-05-01 10:00:00"), "2026-05-02")
        held = self._meeting("2026-08-01 10:00:00")
        with freeze_time("2026-08-02"):
            held.action_mark_held()  # held, minutes never circulated
        self.assertFalse(self._met("2026-10-01"), "a held meeting does not count")
        self._document(self._meeting("2026-10-01 10:00:00"), "2026-10-02")
        self.assertTrue(self._met("2026-10-03"))
        self.assertTrue(self._met("2027-04-30 23:00:00"))
        self.assertFalse(self._met("2027-05-01 11:00:00"), "May meeting now too old")

    def test_next_meeting_follows_the_interval(self):
        # first meeting: within three months of the start on 1 April
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-07-01")
        self._document(self._meeting("2026-05-12 10:00:00"), "2026-05-13")
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-11-12")
        self.contract.meeting_interval_months = 3
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-08-12")
        self.assertEqual(str(self.contract.last_documented_meeting_date), "2026-05-12")

    def test_meetings_due_cron_reminds_then_escalates_once_each(self):
        self.company.hcc_county_manager_id = self.user_cm
        kind = self.env.ref("hcc_contracts.mail_activity_type_meeting_due")
        Contract = self.env["hcc.contract"]

        def owners():
            return self.contract.activity_ids.filtered(
                lambda a: a.activity_type_id == kind
            ).user_id

        steps = [
            ("2026-06-01", "none", self.env["res.users"]),
            ("2026-06-20", "reminded", self.user_sm),
            ("2026-07-02", "late", self.user_sm | self.user_cso),
            ("2026-08-02", "escalated", self.user_sm | self.user_cso | self.user_cm),
        ]
        for when, state, users in steps:
            with freeze_time(when):
                Contract._cron_meetings_due()
                self.assertEqual(self.contract.meeting_reminder_state, state, when)
                self.assertEqual(owners(), users, when)
                count = len(self.contract.activity_ids)
                Contract._cron_meetings_due()
                self.assertEqual(len(self.contract.activity_ids), count, "twice")
        # holding the meeting moves the due date and starts again
        self._document(self._meeting("2026-05-12 10:00:00"), "2026-05-13")
        self.assertEqual(self.contract.meeting_reminder_state, "none")
        with freeze_time("2026-11-01"):
            Contract._cron_meetings_due()
        self.assertEqual(self.contract.meeting_reminder_state, "reminded")

    def test_no_reminder_when_a_meeting_is_planned(self):
        self._meeting("2026-04-10 10:00:00")
        with freeze_time("2026-04-05"):
            self.env["hcc.contract"]._cron_meetings_due()
        self.assertEqual(self.contract.meeting_reminder_state, "none")

    def test_overdue_meeting_makes_the_contract_amber(self):
        with freeze_time("2026-07-01"):
            self.env["hcc.contract"]._cron_update_rag()
        self.assertEqual(self.contract.rag_status, "green", "due today, not late")
        with freeze_time("2026-07-02"):
            self.env["hcc.contract"]._cron_update_rag()
        self.assertEqual(self.contract.rag_status, "amber")
        self.assertIn("monitoring meeting was due", self.contract.rag_reasons)
