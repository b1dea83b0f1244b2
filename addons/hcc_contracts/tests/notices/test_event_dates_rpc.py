from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import format_date

from ..roles.common_integrity import HccIntegrityCase


@tagged("post_install", "-at_install", "hcc_rpc")
class TestEventDatesRpc(HccIntegrityCase):
    """Issue 37: a notice created today could be served "as of 60 days ago",
    and early termination was then allowed at once (the remedy period looked
    over). Over JSON-RPC, as the web client or a script calls: a date stated
    for an event is not in the future, not before the record, not before the
    step before; serving leaves who stated the date, and when, in the
    chatter (tools/event_dates.py)."""

    Notice = "hcc.contract.notice"

    def _notice_vals(self, **overrides):
        return {
            "contract_id": self.contract.id,
            "notice_type": "improvement",
            "failings": "<p>Missed visits above 5% for three months.</p>",
            "cso_consulted_id": self.user_cso.id,
            **overrides,
        }

    def _ok(self, role, model, method, *args, **kwargs):
        reply = self._jsonrpc(role, model, method, *args, **kwargs)
        self.assertNotIn("error", reply, reply.get("error"))
        return reply["result"]

    def test_served_sixty_days_before_its_creation_is_refused(self):
        today = fields.Date.today()
        long_ago = str(today - timedelta(days=60))
        message = self.assertJsonrpcRefused(
            "service_manager",
            self.Notice,
            "create",
            self._notice_vals(date_cso_consulted=long_ago, date_served=long_ago),
        )
        self.assertIn("before the day the record was created", message)
        # drafted today, then back-dated: refused too
        notice_id = self._ok(
            "service_manager",
            self.Notice,
            "create",
            self._notice_vals(date_cso_consulted=str(today)),
        )
        message = self.assertJsonrpcRefused(
            "service_manager",
            self.Notice,
            "write",
            [notice_id],
            {"date_served": long_ago},
        )
        self.assertIn("“Date Served”", message)
        self.assertIn("before", message)
        notice = self.env[self.Notice].browse(notice_id)
        self.assertFalse(notice.date_served)
        self.assertEqual(notice.state, "draft")
        self.assertFalse(self.contract.sudo()._unremedied_notices())

    def test_served_in_the_future_is_refused(self):
        today = fields.Date.today()
        notice_id = self._ok(
            "service_manager",
            self.Notice,
            "create",
            self._notice_vals(date_cso_consulted=str(today)),
        )
        message = self.assertJsonrpcRefused(
            "service_manager",
            self.Notice,
            "write",
            [notice_id],
            {"date_served": str(today + timedelta(days=1))},
        )
        self.assertIn("a day still to come", message)
        self.assertFalse(self.env[self.Notice].browse(notice_id).date_served)

    def test_served_before_the_cso_was_consulted_is_refused(self):
        with freeze_time("2026-07-20 10:00:00"):
            notice_id = self._ok(
                "service_manager", self.Notice, "create", self._notice_vals()
            )
        with freeze_time("2026-07-25 10:00:00"):
            self._ok(
                "service_manager",
                self.Notice,
                "write",
                [notice_id],
                {"date_cso_consulted": "2026-07-23"},
            )
            message = self.assertJsonrpcRefused(
                "service_manager",
                self.Notice,
                "write",
                [notice_id],
                {"date_served": "2026-07-21"},
            )
            self.assertIn("“CSO Consulted On”", message)
            # and a CSO consulted before the notice was drafted
            message = self.assertJsonrpcRefused(
                "service_manager",
                self.Notice,
                "write",
                [notice_id],
                {"date_cso_consulted": "2026-07-19"},
            )
            self.assertIn("before the day the record was created", message)
        notice = self.env[self.Notice].browse(notice_id)
        self.assertFalse(notice.date_served)
        self.assertEqual(str(notice.date_cso_consulted), "2026-07-23")

    def test_chatter_shows_who_stated_the_date_and_when(self):
        with freeze_time("2026-07-20 10:00:00"):
            notice_id = self._ok(
                "service_manager",
                self.Notice,
                "create",
                self._notice_vals(date_cso_consulted="2026-07-20"),
            )
        with freeze_time("2026-07-25 10:00:00"):
            self._ok(
                "service_manager",
                self.Notice,
                "write",
                [notice_id],
                {"date_served": "2026-07-22"},
            )
            self._ok("service_manager", self.Notice, "action_serve", [notice_id])
        notice = self.env[self.Notice].browse(notice_id)
        self.assertEqual(notice.state, "served")
        self.assertEqual(str(notice.date_remedy_due), "2026-08-19")
        env = self.env(user=self.user_sm)
        expected = "%s, as stated by %s on %s" % (
            format_date(env, date(2026, 7, 22)),
            self.user_sm.name,
            format_date(env, date(2026, 7, 25)),
        )
        notes = notice.sudo().message_ids.filtered(lambda m: expected in str(m.body))
        self.assertEqual(len(notes), 1, notice.sudo().message_ids.mapped("body"))
        self.assertEqual(notes.author_id, self.user_sm.partner_id)
        self.assertIn("Date Served", str(notes.body))
        self.assertIn("CSO Consulted On", str(notes.body))
