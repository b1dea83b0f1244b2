from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
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

    def test_12_4_expects_meetings_as_the_contract_runs(self):
        # the contract started on 01/04/2026: none expected before six months,
        # one after six, two after a year (as the compliance report reads it)
        self.assertTrue(self._met("2026-09-30 12:00:00"), "under six months")
        self.assertFalse(self._met("2026-10-01 12:00:00"), "six months: one")
        self._document(self._meeting("2026-05-01 10:00:00"), "2026-05-02")
        self.assertTrue(self._met("2026-10-01 12:00:00"))
        self.assertEqual(self.contract.meetings_documented_12m, 1)
        self.assertEqual(self.contract.meetings_expected_12m, 1)
        self.assertFalse(self._met("2027-04-01 12:00:00"), "a year: two expected")
        held = self._meeting("2026-08-01 10:00:00")
        with freeze_time("2026-08-02"):
            held.action_mark_held()  # held, minutes never circulated
        self.assertFalse(self._met("2027-04-01 12:00:00"), "a held meeting")
        # minutes sent out behind the step, the agenda never dealt with (data
        # migrated from before the rule): circulated, not fully documented
        legacy = self._meeting("2026-09-01 10:00:00", minutes="<p>Notes.</p>")
        legacy.sudo().write(
            {"state": "minutes_circulated", "date_minutes_circulated": "2026-09-02"}
        )
        self.assertFalse(legacy.fully_documented)
        self.assertFalse(self._met("2027-04-01 12:00:00"), "agenda not dealt with")
        self._document(self._meeting("2026-10-01 10:00:00"), "2026-10-02")
        self.assertTrue(self._met("2027-04-30 12:00:00"))
        self.assertEqual(str(self.contract.last_documented_meeting_date), "2026-10-01")
        self.assertFalse(self._met("2027-05-01 12:00:00"), "May meeting now too old")

    def test_circulation_needs_the_minimum_agenda_dealt_with(self):
        meeting = self._meeting("2026-05-12 10:00:00").with_user(self.user_sm)
        items = meeting.agenda_ids.filtered(lambda item: item.code != "other")
        self.assertEqual(len(items), 9)
        with freeze_time("2026-05-13"):
            meeting.minutes = "<p>Rota gaps discussed.</p>"
            meeting.action_mark_held()
            items[:7].write({"discussed": True})
            with self.assertRaises(UserError) as refused:
                meeting.action_circulate_minutes()
            message = str(refused.exception)
            self.assertIn("cannot be circulated", message)
            self.assertIn(items[7].name, message)
            self.assertIn(items[8].name, message)
            self.assertNotIn(items[0].name, message)
            self.assertEqual(meeting.state, "held")
            # not applicable needs a reason, and is not "discussed" as well
            with (
                self.assertRaisesRegex(ValidationError, "give the reason"),
                self.env.cr.savepoint(),
            ):
                items[7].write({"not_applicable": True})
            with (
                self.assertRaisesRegex(ValidationError, "both discussed"),
                self.env.cr.savepoint(),
            ):
                items[0].write({"not_applicable": True, "not_applicable_reason": "x"})
            items[7].write(
                {
                    "not_applicable": True,
                    "not_applicable_reason": "No specific case raised this quarter.",
                }
            )
            with self.assertRaisesRegex(UserError, items[8].name):
                meeting.action_circulate_minutes()
            self.assertFalse(meeting.fully_documented)
            items[8].discussed = True
            meeting.action_circulate_minutes()
        self.assertEqual(meeting.state, "minutes_circulated")
        self.assertTrue(meeting.fully_documented)
        self.assertEqual(str(self.contract.last_documented_meeting_date), "2026-05-12")

    def test_next_meeting_follows_the_interval(self):
        # first meeting: within three months of the start on 1 April
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-07-01")
        self._document(self._meeting("2026-05-12 10:00:00"), "2026-05-13")
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-11-12")
        self.contract.meeting_interval_months = 3
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-08-12")
        self.assertEqual(str(self.contract.last_documented_meeting_date), "2026-05-12")

    def test_only_a_fully_documented_meeting_moves_the_next_one(self):
        """A meeting held whose minutes are not circulated does not count
        (7.6, 12.4): the next meeting stays due, and is reminded."""
        meeting = self._meeting("2026-05-12 10:00:00")
        with freeze_time("2026-05-13"):
            meeting.minutes = "<p>Discussed some items.</p>"
            meeting.action_mark_held()
        self.assertFalse(meeting.fully_documented)
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-07-01")
        kind = self.env.ref("hcc_contracts.mail_activity_type_meeting_due")
        with freeze_time("2026-06-28"):
            self.env["hcc.contract"]._cron_meetings_due()
        reminded = self.contract.activity_ids.filtered(
            lambda a: a.activity_type_id == kind
        )
        self.assertEqual(reminded.user_id, self.user_sm)
        with freeze_time("2026-06-29"):
            self._agenda_discussed(meeting)
            meeting.action_circulate_minutes()
        self.assertTrue(meeting.fully_documented)
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-11-12")
        self.assertEqual(self.contract.meeting_reminder_state, "none")

    def test_an_ad_hoc_meeting_leaves_the_next_scheduled_date_alone(self):
        # before any scheduled meeting: the first is due within three months
        adhoc = self._meeting("2026-05-20 10:00:00", meeting_type="ad_hoc")
        self._document(adhoc, "2026-05-21")
        self.assertEqual(adhoc.state, "minutes_circulated")
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-07-01")
        self._document(self._meeting("2026-06-10 10:00:00"), "2026-06-11")
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-12-10")
        # an ad hoc meeting for on-going problems (7.7), held and documented
        later = self._meeting("2026-09-29 10:00:00", meeting_type="ad_hoc")
        self._document(later, "2026-09-30")
        self.assertEqual(str(self.contract.next_meeting_due_date), "2026-12-10")
        self.assertEqual(str(self.contract.last_documented_meeting_date), "2026-09-29")
        # it counts as a documented meeting for 12.4 all the same
        with freeze_time("2026-10-01"):
            self.contract.invalidate_recordset(["meetings_documented_12m"])
            self.assertEqual(self.contract.meetings_documented_12m, 3)

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
