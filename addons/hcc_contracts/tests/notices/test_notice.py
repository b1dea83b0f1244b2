# Test data posted to the chatter is not user-facing text to translate.
# pylint: disable=translation-required

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestNotice(HccNoticesCase):
    """Improvement and default notices (procedure 9.1, 9.4, 9.5, 12.5)."""

    rag_sources = ("notices",)

    @freeze_time("2026-06-02")
    def test_serving_requires_cso_consultation(self):
        notice = self._create_notice(
            user=self.user_sm, cso_consulted_id=False, date_cso_consulted=False
        )
        with self.assertRaisesMessage(
            UserError, "Contract Support Officer must be consulted"
        ):
            notice.with_user(self.user_sm).action_serve()
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.date_served)
        notice.with_user(self.user_sm).write(
            {"cso_consulted_id": self.user_cso.id, "date_cso_consulted": "2026-06-02"}
        )
        notice.with_user(self.user_sm).action_serve()
        self.assertEqual(notice.state, "served")
        self.assertEqual(str(notice.date_served), "2026-06-02")
        self.assertEqual(str(notice.date_remedy_due), "2026-06-30")
        self.assertTrue(notice.name.startswith("NTC/"), notice.name)

    @freeze_time("2026-06-02")
    def test_consulted_person_must_be_a_support_officer(self):
        notice = self._create_notice(cso_consulted_id=self.user_sm_other.id)
        with self.assertRaisesMessage(UserError, "is not a Contract Support Officer"):
            notice.action_serve()
        self.assertEqual(notice.state, "draft")

    def test_notice_refused_on_draft_or_ended_contract(self):
        draft = self._create_contract()
        Notice = self.env["hcc.contract.notice"]
        before = Notice.search_count([])
        with self.assertRaisesMessage(
            ValidationError, "is draft: a notice can only be"
        ):
            self._create_notice(contract=draft)
        expired = self._create_contract()
        expired.action_activate()
        expired.state = "expired"
        with self.assertRaisesMessage(
            ValidationError, "is expired: a notice can only be"
        ):
            self._create_notice(contract=expired)
        self.assertEqual(Notice.search_count([]), before)

    def test_remedy_date_before_service_date_refused(self):
        Notice = self.env["hcc.contract.notice"]
        before = Notice.search_count([])
        with (
            freeze_time("2026-06-02"),
            self.assertRaisesMessage(
                ValidationError, "must be after the date the notice"
            ),
        ):
            self._create_notice(
                date_cso_consulted="2026-06-02",
                date_served="2026-06-02",
                date_remedy_due="2026-06-01",
            )
        self.assertEqual(Notice.search_count([]), before)
        notice = self._create_notice(date_served="2026-06-02")
        self.assertEqual(str(notice.date_remedy_due), "2026-06-30")
        with self.assertRaisesMessage(
            ValidationError, "must be after the date the notice"
        ):
            notice.write({"date_remedy_due": "2026-05-20"})
        notice.invalidate_recordset()
        self.assertEqual(str(notice.date_remedy_due), "2026-06-30")
        with self.assertRaisesMessage(ValidationError, "at least one day"):
            notice.write({"remedy_period_days": 0})

    @freeze_time("2026-06-02")
    def test_remedy_date_follows_period_and_can_be_set(self):
        notice = self._create_notice(date_served="2026-06-02", remedy_period_days=14)
        self.assertEqual(str(notice.date_remedy_due), "2026-06-16")
        notice.date_remedy_due = "2026-07-15"
        notice.action_serve()
        self.assertEqual(str(notice.date_remedy_due), "2026-07-15", "kept when served")

    @freeze_time("2026-06-05")
    def test_served_notice_is_locked(self):
        notice = self._served_notice()
        self.flush_tracking()
        as_sm = notice.with_user(self.user_sm)
        for vals in (
            {"failings": "<p>Rewritten</p>"},
            {"date_remedy_due": "2026-08-01"},
            {"notice_type": "default"},
            {"cso_consulted_id": self.user_cm.id},
        ):
            with self.assertRaisesMessage(
                UserError, "has been served and cannot be changed"
            ):
                as_sm.write(vals)
        notice.invalidate_recordset()
        self.assertEqual(
            notice.failings, "<p>Missed visits above 5% for three months.</p>"
        )
        self.assertEqual(str(notice.date_remedy_due), "2026-06-30")
        self.assertEqual(notice.notice_type, "improvement")
        # outcome fields and the chatter stay open
        as_sm.write({"outcome_note": "Provider sent an action plan."})
        as_sm.message_post(body="Correction: the meeting was on 13 May.")
        self.assertIn("13 May", notice.message_ids[0].body)
        with self.assertRaisesMessage(UserError, "withdraw it instead of deleting"):
            notice.with_user(self.user_cso).unlink()
        self.assertTrue(notice.exists())

    @freeze_time("2026-06-05")
    def test_outcome_needs_provider_informed(self):
        notice = self._served_notice()
        with self.assertRaisesMessage(
            UserError, "record when the provider was informed"
        ):
            notice.with_user(self.user_sm).action_remedy()
        self.assertEqual(notice.state, "served")
        self.assertFalse(notice.date_closed)
        notice.with_user(self.user_sm).write(
            {"date_provider_informed_closed": "2026-06-05", "outcome_note": "Done"}
        )
        notice.with_user(self.user_sm).action_remedy()
        self.assertEqual(notice.state, "remedied")
        self.assertEqual(notice.date_closed, fields.Date.to_date("2026-06-05"))
        with self.assertRaisesMessage(
            UserError,
            "is at the step “Remedied”: you cannot mark the notice as escalated "
            "now. That can be done only at the step “Served”.",
        ):
            notice.action_escalate()

    def test_draft_withdrawn_without_informing_provider(self):
        notice = self._create_notice()
        notice.action_withdraw()
        self.assertEqual(notice.state, "withdrawn")
        with self.assertRaisesMessage(
            UserError, "is at the step “Withdrawn”: you cannot serve the notice now."
        ):
            notice.action_serve()

    def test_remedy_overdue_under_frozen_time_and_cron_idempotent(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice()
        Activity = self.env["mail.activity"]
        ending = self.env.ref("hcc_contracts.mail_activity_type_notice_remedy_ending")
        passed = self.env.ref("hcc_contracts.mail_activity_type_notice_remedy_overdue")
        cron = self.env["hcc.contract.notice"]._cron_notice_remedy_due

        with freeze_time("2026-06-20"):  # more than a week before 30 June
            cron()
            self.assertFalse(notice.activity_ids)
            self.assertFalse(notice.remedy_reminder_sent)
        with freeze_time("2026-06-24"):
            cron()
            reminders = notice.activity_ids
            self.assertEqual(reminders.activity_type_id, ending)
            self.assertEqual(reminders.user_id, self.user_sm | self.user_cso)
            self.assertEqual(
                set(reminders.mapped("date_deadline")),
                {fields.Date.to_date("2026-06-30")},
            )
            cron()
            self.assertEqual(notice.activity_ids, reminders, "second run adds nothing")
        with freeze_time("2026-06-30"):  # due today: not yet overdue
            cron()
            self.assertFalse(notice.is_remedy_overdue)
            self.assertEqual(self.contract.rag_status, "amber")
        with freeze_time("2026-07-01"):
            cron()
            self.assertTrue(notice.is_remedy_overdue)
            overdue = notice.activity_ids.filtered(
                lambda a: a.activity_type_id == passed
            )
            self.assertEqual(overdue.user_id, self.user_sm | self.user_cso)
            self.assertEqual(self.contract.rag_status, "red")
            self.assertIn(notice.name, self.contract.rag_reasons)
            count = Activity.search_count([])
            write_date = notice.write_date
            self.env.flush_all()
            cron()
            self.assertEqual(
                Activity.search_count([]), count, "second run adds nothing"
            )
            self.assertEqual(notice.write_date, write_date)
            self.assertEqual(
                self.env["hcc.contract.notice"].search(
                    [
                        ("is_remedy_overdue", "=", True),
                        ("contract_id", "=", self.contract.id),
                    ]
                ),
                notice,
            )

    @freeze_time("2026-06-05")
    def test_rag_follows_the_notices(self):
        self.assertEqual(self.contract.rag_status, "green")
        notice = self._served_notice()
        self.assertEqual(self.contract.rag_status, "amber")
        due = notice._format_date(notice.date_remedy_due)
        self.assertIn(
            f"{notice.name} is served; remedy due by {due}", self.contract.rag_reasons
        )
        notice.write({"date_provider_informed_closed": "2026-06-05"})
        notice.with_user(self.user_sm).action_escalate()
        self.assertEqual(self.contract.rag_status, "red")
        notice.action_remedy()
        self.assertEqual(self.contract.rag_status, "green")
        self.assertFalse(self.contract.rag_reasons)

    @freeze_time("2026-06-05")
    def test_access_by_role(self):
        notice = self._create_notice(user=self.user_sm)
        # another service manager of the locality reads but does not write
        self.assertEqual(notice.with_user(self.user_sm_other).name, notice.name)
        with self.assertRaises(AccessError):
            notice.with_user(self.user_sm_other).write({"evidence_note": "Not mine"})
        with self.assertRaises(AccessError):
            self._create_notice(user=self.user_sm_other)
        # outside the locality: not even read
        with self.assertRaises(AccessError):
            notice.with_user(self.user_sm_south).read(["name"])
        # the support officer of the locality keeps it
        notice.with_user(self.user_cso).write({"evidence_note": "Checked by CSO"})
        notice.with_user(self.user_cso).action_serve()
        self.assertEqual(notice.state, "served")
        # finance and read-only roles read everything, change nothing
        for user in (self.user_viewer, self.user_finance):
            self.assertEqual(notice.with_user(user).state, "served")
            with self.assertRaises(AccessError):
                notice.with_user(user).write({"outcome_note": "x"})
        self.assertEqual(
            self.env["hcc.contract.notice"]
            .with_user(self.user_cm)
            .search([("id", "=", notice.id)]),
            notice,
        )
