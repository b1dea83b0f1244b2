from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_meetings import HccMeetingsCase


@tagged("post_install", "-at_install")
class TestMeetingActions(HccMeetingsCase):
    rag_sources = ("meetings",)

    def _activities(self, record):
        kind = self.env.ref("hcc_contracts.mail_activity_type_corrective_action")
        record.invalidate_recordset(["activity_ids"])
        return record.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_owner_gets_an_activity_and_resolution_in_time_is_recorded(self):
        with freeze_time("2026-05-12"):
            on_time = self._action(date_due="2026-05-31", responsible="provider")
            late = self._action(name="Missing data return", date_due="2026-05-20")
        self.assertEqual(self._activities(on_time).user_id, self.user_sm)
        self.assertEqual(str(on_time.date_notified), "2026-05-12")
        with freeze_time("2026-05-30"):
            on_time.with_user(self.user_sm).action_done()
        with freeze_time("2026-05-25"):
            late.with_user(self.user_sm).action_done()
        self.assertTrue(on_time.resolved_on_time)
        self.assertFalse(late.resolved_on_time)
        self.assertFalse(self._activities(on_time), "activity done")
        with self.assertRaises(AccessError):  # no role deletes an action
            on_time.with_user(self.user_cso).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            on_time.sudo().unlink()

    def test_action_due_before_it_was_raised_is_refused(self):
        with (
            self.assertRaisesRegex(
                ValidationError, "cannot be due on .* before it was raised"
            ),
            self.env.cr.savepoint(),
        ):
            self._action(date_notified="2026-05-12", date_due="2026-05-11")
        self.assertFalse(self.contract.action_ids)
        action = self._action(date_notified="2026-05-12", date_due="2026-05-20")
        with (
            self.assertRaisesRegex(ValidationError, "before it was raised"),
            self.env.cr.savepoint(),
        ):
            action.with_user(self.user_sm).write(
                {"date_due": "2026-05-01", "name": "Renamed"}
            )
        action.invalidate_recordset()
        self.assertEqual(str(action.date_due), "2026-05-20")
        self.assertEqual(action.name, "Rota gaps on Saturdays")

    def test_overdue_actions_are_flagged_once(self):
        with freeze_time("2026-05-12"):
            action = self._action(date_due="2026-05-20")
            done = self._action(name="Done", date_due="2026-05-20")
            done.action_done()
        self.assertFalse(action.is_overdue)
        Action = self.env["hcc.contract.action"]
        with freeze_time("2026-05-20"):
            Action._cron_flag_overdue()
        self.assertFalse(action.is_overdue, "due today is not overdue")
        self._activities(action).action_feedback()  # the owner ticks it off
        with freeze_time("2026-05-21"):
            Action._cron_flag_overdue()
            self.assertTrue(action.is_overdue)
            self.assertFalse(done.is_overdue)
            reminders = self._activities(action)
            self.assertEqual(reminders.user_id, self.user_sm)
            self.assertIn("Overdue", reminders.summary)
            write_date = action.write_date
            Action._cron_flag_overdue()
            self.assertEqual(self._activities(action), reminders)
            self.assertEqual(action.write_date, write_date)
        # resolved late: no longer overdue
        with freeze_time("2026-05-22"):
            action.action_done()
        self.assertFalse(action.is_overdue)
        self.assertFalse(action.resolved_on_time)

    def test_overdue_actions_turn_the_contract_amber_then_red(self):
        with freeze_time("2026-04-10"):
            self._document(self._meeting("2026-04-08 10:00:00"), "2026-04-09")
            self._action(date_due="2026-04-20")
        with freeze_time("2026-04-25"):
            self.env["hcc.contract.action"]._cron_flag_overdue()
            self.assertEqual(self.contract.rag_status, "amber")
            self.assertIn("overdue", self.contract.rag_reasons)
        with freeze_time("2026-05-25"):
            self.env["hcc.contract"]._cron_update_rag()
            self.assertEqual(self.contract.rag_status, "red")

    def test_next_meeting_shows_which_actions_were_resolved_on_time(self):
        first = self._meeting("2026-05-12 10:00:00")
        with freeze_time("2026-05-12"):
            raised = self._action(meeting_id=first.id, date_due="2026-06-30")
            late = self._action(
                name="Late one", meeting_id=first.id, date_due="2026-06-01"
            )
            still_open = self._action(name="Open one", date_due="2026-12-31")
        self._document(first, "2026-05-13")
        with freeze_time("2026-06-15"):
            raised.action_done()
            late.action_done()
        between = self._action(
            name="Day-to-day issue",
            date_notified="2026-08-01",
            date_due="2026-08-15",
        )
        between.date_done = "2026-08-10"
        between.action_done()
        second = self._meeting("2026-11-10 10:00:00")
        self.assertEqual(
            set(second.review_action_ids.ids),
            {raised.id, late.id, still_open.id, between.id},
        )
        on_time = second.review_action_ids.filtered("resolved_on_time")
        self.assertEqual(on_time, raised | between)
        self.assertFalse(first.review_action_ids & first.action_ids)
        self.assertEqual(raised.contract_id, self.contract, "taken from the meeting")
