from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ...models.meetings.hcc_contract_meeting import AGENDA_ITEMS
from .common_meetings import HccMeetingsCase


@tagged("post_install", "-at_install")
class TestMeetings(HccMeetingsCase):
    def test_new_meeting_carries_the_minimum_agenda(self):
        meeting = self._meeting("2026-05-12 10:00:00")
        self.assertEqual(
            meeting.agenda_ids.mapped("code"),
            [
                "previous_issues",
                "complaints",
                "service_issues",
                "statistics",
                "activity",
                "satisfaction",
                "cases",
                "personnel",
                "future_meetings",
            ],
        )
        self.assertFalse(any(meeting.agenda_ids.mapped("discussed")))
        item = meeting.agenda_ids[1]
        item.write({"discussed": True, "notes": "Two complaints, both resolved."})
        self.assertEqual(meeting.agenda_done_count, 1)
        with self.assertRaisesRegex(UserError, "minimum agenda"):
            item.with_user(self.user_sm).unlink()
        self.assertEqual(len(meeting.agenda_ids), 9)

    def test_officer_attends_and_calendar_event_follows(self):
        meeting = self._meeting("2026-05-12 10:00:00", duration=2.0, location="Room 4")
        self.assertIn(self.user_sm.partner_id, meeting.attendee_ids, "6.1")
        event = meeting.calendar_event_id
        self.assertTrue(event)
        self.assertEqual(
            set(event.partner_ids.ids), set(meeting.attendee_ids.ids), "invited"
        )
        self.assertEqual(str(event.start), "2026-05-12 10:00:00")
        self.assertEqual(str(event.stop), "2026-05-12 12:00:00")
        meeting.with_user(self.user_sm).date = "2026-05-19 14:00:00"
        self.assertEqual(str(event.start), "2026-05-19 14:00:00")
        meeting.with_user(self.user_sm).action_cancel()
        self.assertFalse(event.active)

    def test_cso_expectation_follows_7_5(self):
        pre = self._meeting("2026-03-10 10:00:00", meeting_type="pre_commencement")
        first = self._meeting("2026-05-12 10:00:00")
        regular = self._meeting("2026-11-10 10:00:00")
        before_last_year = self._meeting("2028-03-30 10:00:00")
        last_year = self._meeting("2028-04-02 10:00:00")
        contractual = self._meeting("2027-05-10 10:00:00", contractual_issues=True)
        self.assertTrue(pre.cso_expected)
        self.assertIn("before the contract commences", pre.cso_expected_reason)
        self.assertTrue(first.cso_expected)
        self.assertIn("first meeting after", first.cso_expected_reason)
        self.assertFalse(regular.cso_expected)
        self.assertFalse(before_last_year.cso_expected, "just over a year before end")
        self.assertTrue(last_year.cso_expected)
        self.assertIn("ends within a year", last_year.cso_expected_reason)
        self.assertTrue(contractual.cso_expected)
        # the CSO is invited and gets an activity to attend, only where expected
        attend = self.env.ref("hcc_contracts.mail_activity_type_attend_meeting")
        for meeting in pre | first | last_year | contractual:
            self.assertIn(self.user_cso.partner_id, meeting.attendee_ids)
            activity = meeting.activity_ids.filtered(
                lambda a: a.activity_type_id == attend
            )
            self.assertEqual(activity.user_id, self.user_cso)
        self.assertNotIn(self.user_cso.partner_id, regular.attendee_ids)
        self.assertFalse(regular.activity_ids)
        # cancelling the first one makes the next meeting the first after start
        first.with_user(self.user_sm).action_cancel()
        self.assertTrue(regular.cso_expected)
        first.invalidate_recordset(["activity_ids"])
        self.assertFalse(first.activity_ids, "no need to attend a cancelled meeting")
        with freeze_time("2026-03-11"):
            pre.with_user(self.user_sm).action_mark_held()
        pre.invalidate_recordset(["activity_ids"])
        self.assertFalse(pre.activity_ids, "attendance activity done")

    def test_meeting_before_the_contract_exists_is_refused(self):
        Meeting = self.env["hcc.contract.meeting"].with_user(self.user_sm)
        vals = {
            "contract_id": self.contract.id,
            "date": "2026-03-20 10:00:00",
            "meeting_type": "scheduled",
        }
        with (
            self.assertRaisesRegex(
                ValidationError, "cannot be dated .* before the contract exists"
            ),
            self.env.cr.savepoint(),
        ):
            Meeting.create(vals)
        with (
            self.assertRaisesRegex(
                ValidationError, "pre-commencement meeting must be dated before"
            ),
            self.env.cr.savepoint(),
        ):
            Meeting.create(
                dict(vals, meeting_type="pre_commencement", date="2026-04-02")
            )
        self.assertFalse(self.contract.meeting_ids)
        self.assertFalse(
            self.env["calendar.event"].search([("name", "ilike", self.contract.name)])
        )

    def test_circulation_sends_to_attendees_and_cso_and_files_it(self):
        self._document(self._meeting("2026-05-12 10:00:00"), "2026-05-13")
        meeting = self._meeting("2026-11-10 10:00:00")
        self.assertNotIn(self.user_cso.partner_id, meeting.attendee_ids, "not needed")
        with freeze_time("2026-11-11 09:00:00"):
            meeting.with_user(self.user_sm).write(
                {"minutes": "<p>Rota gaps discussed; plan due in December.</p>"}
            )
            self._agenda_discussed(meeting.with_user(self.user_sm))
            meeting.with_user(self.user_sm).action_mark_held()
            meeting.with_user(self.user_sm).action_circulate_minutes()
        cso = self.user_cso.partner_id
        expected = self.user_sm.partner_id | self.provider_contact | cso
        self.assertEqual(meeting.state, "minutes_circulated")
        self.assertEqual(str(meeting.date_minutes_circulated), "2026-11-11 09:00:00")
        self.assertEqual(meeting.minutes_recipient_ids, expected)
        message = meeting.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, expected)
        self.assertIn("Rota gaps discussed", message.body)
        self.assertIn(self.provider_contact, message.notified_partner_ids)
        self.assertIn(cso, message.notified_partner_ids)
        filed = self.contract.message_ids.filtered(
            lambda m: meeting.name in (m.body or "")
            and "filed on the contract file" in m.body
        )
        self.assertEqual(len(filed), 1)
        self.assertEqual(
            self.contract.last_documented_meeting_date.isoformat(), "2026-11-10"
        )

    def test_provider_contract_manager_receives_the_minutes(self):
        manager = self.env["res.partner"].create(
            {
                "name": "Test Contract Manager",
                "email": "contracts@provider.example.com",
                "parent_id": self.provider.id,
            }
        )
        self.contract.with_user(self.user_sm).provider_contact_id = manager
        meeting = self._document(self._meeting("2026-05-12 10:00:00"), "2026-05-13")
        self.assertNotIn(manager, meeting.attendee_ids, "did not attend")
        self.assertIn(manager, meeting.minutes_recipient_ids)
        message = meeting.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn(manager, message.notified_partner_ids)

    def test_provider_contract_manager_is_invited_by_default(self):
        manager = self.env["res.partner"].create(
            {"name": "Test Contract Manager", "parent_id": self.provider.id}
        )
        self.contract.with_user(self.user_sm).provider_contact_id = manager
        Meeting = self.env(user=self.user_sm)["hcc.contract.meeting"]
        # over RPC, without attendees: invited
        meeting = Meeting.create(
            {"contract_id": self.contract.id, "date": "2026-05-12 10:00:00"}
        )
        self.assertIn(manager, meeting.attendee_ids)
        self.assertIn(self.user_sm.partner_id, meeting.attendee_ids)
        # the form shows the invitation before saving
        with Form(Meeting.with_context(default_contract_id=self.contract.id)) as form:
            self.assertIn(manager, form.attendee_ids[:])
            form.date = "2026-06-12 10:00:00"
        # attendees given explicitly are kept as given, and may be changed later
        chosen = Meeting.create(
            {
                "contract_id": self.contract.id,
                "date": "2026-07-12 10:00:00",
                "attendee_ids": [(4, self.provider_contact.id)],
            }
        )
        self.assertNotIn(manager, chosen.attendee_ids)

    def test_warning_when_no_provider_would_receive_the_minutes(self):
        meeting = self._meeting("2026-05-12 10:00:00", attendee_ids=[])
        meeting.minutes = "<p>Discussed all items.</p>"
        self._agenda_discussed(meeting)
        with freeze_time("2026-05-13"):
            meeting.action_mark_held()
        self.assertTrue(meeting.no_provider_recipient)
        self.assertNotIn(self.provider, meeting.minutes_to_ids.commercial_partner_id)
        # listing the provider's representative clears the warning, and the
        # preview names exactly who receives the minutes
        meeting.attendee_ids |= self.provider_contact
        self.assertFalse(meeting.no_provider_recipient)
        with freeze_time("2026-05-13"):
            meeting.action_circulate_minutes()
        self.assertEqual(meeting.minutes_recipient_ids, meeting.minutes_to_ids)

    def test_provider_contract_manager_is_a_contact_of_the_provider(self):
        other = self.env["res.partner"].create(
            {"name": "Other Provider Ltd", "is_company": True}
        )
        stranger = self.env["res.partner"].create(
            {"name": "Someone Else", "parent_id": other.id}
        )
        with (
            self.assertRaisesRegex(ValidationError, "is not a contact of the provider"),
            self.env.cr.savepoint(),
        ):
            self.contract.with_user(self.user_sm).provider_contact_id = stranger
        with (
            self.assertRaisesRegex(ValidationError, "is not a contact of the provider"),
            self.env.cr.savepoint(),
        ):
            self.contract.with_user(self.user_sm).provider_contact_id = self.provider
        self.assertFalse(self.contract.provider_contact_id)

    def test_circulating_empty_minutes_is_refused(self):
        meeting = self._meeting("2026-05-12 10:00:00")
        with freeze_time("2026-05-13"):
            meeting.with_user(self.user_sm).action_mark_held()
            meeting.minutes = "<p><br></p>"
            messages = meeting.message_ids
            with self.assertRaisesRegex(UserError, "has no minutes"):
                meeting.with_user(self.user_sm).action_circulate_minutes()
        self.assertEqual(meeting.state, "held")
        self.assertFalse(meeting.date_minutes_circulated)
        self.assertFalse(meeting.minutes_recipient_ids)
        self.assertEqual(meeting.message_ids, messages)

    def test_documented_only_through_circulation(self):
        meeting = self._meeting("2026-05-12 10:00:00", minutes="<p>Notes</p>")
        with (
            self.assertRaisesRegex(AccessError, "cannot be written directly"),
            self.env.cr.savepoint(),
        ):
            meeting.with_user(self.user_sm).state = "minutes_circulated"
        # not even the superuser makes undocumented minutes documented
        with (
            self.assertRaisesRegex(ValidationError, "cannot be marked documented"),
            self.env.cr.savepoint(),
        ):
            meeting.sudo().state = "minutes_circulated"
        meeting.invalidate_recordset()
        self.assertEqual(meeting.state, "planned")
        with self.assertRaisesMessage(
            UserError,
            "is at the step “Planned”: you cannot circulate the minutes of the "
            "meeting now. That can be done only at the step “Held”.",
        ):
            meeting.with_user(self.user_sm).action_circulate_minutes()

    def test_meeting_held_earlier_than_planned_is_held_today(self):
        meeting = self._meeting("2026-05-20 10:00:00")
        with freeze_time("2026-05-11 14:30:00"):
            # as the web client sends it: in the officer's language
            meeting.with_user(self.user_sm).with_context(
                lang="en_GB"
            ).action_mark_held()
        self.assertEqual(meeting.state, "held")
        self.assertEqual(str(meeting.date), "2026-05-11 14:30:00")
        self.assertIn(
            "Held on 11/05/2026, earlier than the 20/05/2026 it was planned for.",
            "".join(meeting.message_ids.mapped("body")),
        )
        # the calendar follows the date it was held
        self.assertEqual(str(meeting.calendar_event_id.start), "2026-05-11 14:30:00")

    def test_new_meeting_form_shows_the_minimum_agenda(self):
        form = Form(self.env["hcc.contract.meeting"].with_user(self.user_sm))
        form.contract_id = self.contract
        self.assertEqual(len(form.agenda_ids), len(AGENDA_ITEMS))
        form.date = "2026-05-12 10:00:00"
        meeting = form.save()
        self.assertEqual(
            meeting.agenda_ids.mapped("code"), [code for code, _l in AGENDA_ITEMS]
        )

    def test_reason_missing_is_named_on_save(self):
        meeting = self._meeting("2026-05-12 10:00:00")
        item = meeting.agenda_ids[0]
        with freeze_time("2026-05-12 12:00:00"):
            meeting.with_user(self.user_sm).action_mark_held()
        with self.assertRaisesMessage(
            ValidationError,
            "Agenda item “%s” is marked not applicable: give the reason." % item.name,
        ):
            meeting.with_user(self.user_sm).agenda_ids = [
                Command.update(item.id, {"not_applicable": True})
            ]
        # the form does not require it itself: it would only say "Invalid
        # fields: Agenda"
        arch = self.env["hcc.contract.meeting"].get_view(view_type="form")["arch"]
        reason = etree.fromstring(arch).xpath(
            "//field[@name='agenda_ids']//field[@name='not_applicable_reason']"
        )[0]
        self.assertFalse(reason.get("required"))

    def test_circulated_minutes_close_the_meeting_due_reminder(self):
        kind = self.env.ref("hcc_contracts.mail_activity_type_meeting_due")
        with freeze_time("2026-06-28"):
            self.env["hcc.contract"]._cron_meetings_due()
        due = self.contract.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        self.assertEqual(due.user_id, self.user_sm)
        self._document(self._meeting("2026-06-22 10:00:00"), "2026-06-29")
        self.assertFalse(due.exists(), "the reminder is done, not left open")
        done = self.contract.message_ids.filtered(
            lambda m: m.mail_activity_type_id == kind
        )
        self.assertIn("minutes circulated", done.body)

    def test_meetings_with_history_are_not_deleted(self):
        meeting = self._document(self._meeting("2026-05-12 10:00:00"), "2026-05-13")
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            meeting.with_user(self.user_cso).unlink()
        self.assertTrue(meeting.exists())
        planned = self._meeting("2026-11-12 10:00:00")
        event = planned.calendar_event_id
        planned.with_user(self.user_cso).unlink()
        self.assertFalse(event.exists())

    def test_access_follows_the_contract(self):
        meeting = self._meeting("2026-05-12 10:00:00")
        # another service manager of the locality reads but cannot change it
        self.assertEqual(meeting.with_user(self.user_sm_other).name, meeting.name)
        with self.assertRaises(AccessError):
            meeting.with_user(self.user_sm_other).location = "Elsewhere"
        with self.assertRaises(AccessError):
            self._meeting("2026-06-12 10:00:00", user=self.user_sm_other)
        # a service manager of another locality does not see it
        self.assertFalse(
            self.env["hcc.contract.meeting"]
            .with_user(self.user_sm_south)
            .search([("id", "=", meeting.id)])
        )
        # the CSO of the locality keeps it; finance and viewers read it
        meeting.with_user(self.user_cso).location = "Room 2"
        for user in (self.user_finance, self.user_viewer):
            self.assertEqual(meeting.with_user(user).location, "Room 2")
            with self.assertRaises(AccessError):
                meeting.with_user(user).location = "Room 3"
        meeting.with_user(self.user_cm).location = "Room 5"
