from freezegun import freeze_time

from odoo.tests import tagged

from .common_procurement import HccProcurementCase


@tagged("post_install", "-at_install")
class TestProcurementCron(HccProcurementCase):
    """Tenders whose closing date has passed are brought to the Contract
    Support Officer once, and again only if the closing date moves."""

    def _tender(self, closing):
        procurement = self._create_procurement()
        self._do_need(procurement)
        self._do_option(procurement, "competitive_tender")
        self._do_authorisation(procurement)
        procurement.write({"date_invited": "2026-04-20", "date_closing": closing})
        return procurement

    def _reminders(self, procurements):
        todo = self.env.ref("mail.mail_activity_data_todo")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hcc.procurement"),
                ("res_id", "in", procurements.ids),
                ("activity_type_id", "=", todo.id),
            ]
        )

    def test_closed_tenders_reminded_once(self):
        with freeze_time("2026-06-01"):
            closed = self._tender("2026-05-29")
            open_ = self._tender("2026-06-10")
        with freeze_time("2026-06-02"):
            Procurement = self.env["hcc.procurement"]
            Procurement._cron_remind_tenders_closed()
            reminders = self._reminders(closed | open_)
            self.assertEqual(reminders.res_id, closed.id)
            self.assertEqual(reminders.user_id, self.user_cso)
            self.assertIn("2026-05-29", reminders.summary)
            self.assertEqual(str(closed.date_closing_reminded), "2026-06-02")
            self.assertFalse(open_.date_closing_reminded)

            Procurement._cron_remind_tenders_closed()
            self.assertEqual(self._reminders(closed | open_), reminders)
            self.assertEqual(str(closed.date_closing_reminded), "2026-06-02")

    def test_extended_closing_date_reminded_again(self):
        with freeze_time("2026-06-01"):
            procurement = self._tender("2026-05-29")
            self.env["hcc.procurement"]._cron_remind_tenders_closed()
            self._reminders(procurement).action_feedback()
            procurement.with_user(self.user_cso).date_closing = "2026-06-05"
            self.assertFalse(procurement.date_closing_reminded)
        with freeze_time("2026-06-08"):
            self.env["hcc.procurement"]._cron_remind_tenders_closed()
            self.env["hcc.procurement"]._cron_remind_tenders_closed()
            self.assertEqual(len(self._reminders(procurement)), 1)
            self.assertEqual(str(procurement.date_closing_reminded), "2026-06-08")

    def test_missed_days_are_caught_up_but_other_steps_ignored(self):
        with freeze_time("2026-06-01"):
            late = self._tender("2026-05-01")
            negotiated = self._create_procurement()
            self._do_need(negotiated)
            self._do_option(negotiated, "single_tender")
            self._do_authorisation(negotiated)
            negotiated.write(
                {"date_invited": "2026-05-02", "date_closing": "2026-05-03"}
            )
            self.env["hcc.procurement"]._cron_remind_tenders_closed()
        self.assertTrue(late.date_closing_reminded)
        self.assertFalse(negotiated.date_closing_reminded)
        self.assertFalse(self._reminders(negotiated))
