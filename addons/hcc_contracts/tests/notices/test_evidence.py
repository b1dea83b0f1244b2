from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import create_before_events
from .common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestEvidenceTrail(HccNoticesCase):
    """The evidence trail of a contract lists what happened, in date order,
    with when the provider was told (procedure 9.4, 9.5)."""

    def _build_history(self):
        with freeze_time("2026-06-02"):
            first = self._served_notice(date_served="2026-06-02")
            self._create_notice(failings="<p>Never served</p>")  # a draft: no row
        with freeze_time("2026-06-20"):
            withdrawn = self._served_notice(
                date_served="2026-06-10", notice_type="default"
            )
            withdrawn.write(
                {
                    "date_provider_informed_closed": "2026-06-19",
                    "outcome_note": "Served on the wrong provider address",
                }
            )
            withdrawn.action_withdraw()
        revision = create_before_events(
            self.env["hcc.contract.revision"],
            {
                "contract_id": self.contract.id,
                "title": "Fewer weekday sessions",
                "description": "<p>Reduce to four days.</p>",
                "reason": "referral_patterns",
                "date_effective": "2026-06-15",
                "cso_consulted_id": self.user_cso.id,
                "date_cso_consulted": "2026-06-01",
                "date_provider_informed": "2026-06-05",
                "no_letter_reason": "Agreed at the monitoring meeting, minuted.",
            },
            ("date_cso_consulted", "date_provider_informed"),
        )
        revision.action_mark_consulted()
        revision.action_approve()
        revision.action_apply()
        with freeze_time("2026-07-20"):
            self._terminate_through_case()
        return first, withdrawn, revision

    def test_trail_in_date_order(self):
        first, withdrawn, revision = self._build_history()
        other = self._create_contract()
        other.action_activate()
        with freeze_time("2026-06-01"):
            self._served_notice(contract=other, date_served="2026-06-01")
        action = self.contract.action_view_evidence()
        lines = self.env["hcc.contract.evidence"].search(action["domain"])
        self.assertEqual(
            [(str(line.date), line.kind, line.name) for line in lines],
            [
                ("2026-06-02", "improvement_notice", first.name),
                ("2026-06-10", "default_notice", withdrawn.name),
                ("2026-06-15", "revision", revision.name),
                ("2026-06-20", "notice_withdrawn", withdrawn.name),
                ("2026-07-20", "notice_escalated", first.name),
                ("2026-08-31", "termination", self.contract.name),
            ],
        )
        self.assertEqual(
            [str(line.notified_to_provider_date) for line in lines],
            [
                "2026-06-02",
                "2026-06-10",
                "2026-06-05",
                "2026-06-19",
                "2026-07-14",
                "2026-07-14",
            ],
        )
        self.assertEqual(lines[0].summary, "Missed visits above 5% for three months.")
        self.assertEqual(lines[3].summary, "Served on the wrong provider address")
        opened = lines[2].action_open_source()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]),
            ("hcc.contract.revision", revision.id),
        )

    def _build_monitoring(self):
        """Meetings, actions, data returns and complaints, each with a
        sibling that must leave no row (planned, cancelled)."""
        contract = self.contract
        Meeting = self.env["hcc.contract.meeting"]
        with freeze_time("2026-05-13"):
            meeting = Meeting.create(
                {"contract_id": contract.id, "date": "2026-05-12 10:00:00"}
            )
            meeting.minutes = "<p>Rota gaps discussed.</p>"
            meeting.agenda_ids.write({"discussed": True})
            meeting.action_mark_held()
            meeting.action_circulate_minutes()
        with freeze_time("2026-06-21"):
            held = Meeting.create(
                {"contract_id": contract.id, "date": "2026-06-20 10:00:00"}
            )
            held.action_mark_held()  # held, minutes not yet circulated
            Meeting.create(
                {"contract_id": contract.id, "date": "2026-12-01 10:00:00"}
            )  # planned: no row
        Action = self.env["hcc.contract.action"]
        with freeze_time("2026-06-01"):
            resolved = Action.create(
                {
                    "contract_id": contract.id,
                    "name": "Recruit two carers",
                    "date_notified": "2026-05-12",
                    "date_due": "2026-06-12",
                }
            )
            resolved.action_done()
            still_open = Action.create(
                {
                    "contract_id": contract.id,
                    "name": "Fire drill evidence",
                    "date_notified": "2026-05-20",
                    "date_due": "2026-06-30",
                }
            )
            Action.create(
                {
                    "contract_id": contract.id,
                    "name": "Raised in error",
                    "date_notified": "2026-05-21",
                    "date_due": "2026-06-30",
                }
            ).action_cancel()  # cancelled: no row
        Return = self.env["hcc.data.return"]

        def period(start, end, **vals):
            return Return.create(
                {"contract_id": contract.id, "date_from": start, "date_to": end, **vals}
            )

        with freeze_time("2026-08-01"):
            on_time = period("2026-04-01", "2026-04-30", units_delivered=500)
            on_time.write({"date_received": on_time.date_due})
            on_time.action_receive()
            came_late = period("2026-05-01", "2026-05-31", units_delivered=480)
            came_late.write({"date_received": "2026-07-31"})
            came_late.action_receive()
            missing = period("2026-06-01", "2026-06-30")
            period("2026-07-01", "2026-07-31").action_cancel()  # no row
            self.env.flush_all()
        self.assertTrue(missing.is_late)
        Complaint = self.env["hcc.contract.complaint"]
        complaint = Complaint.create(
            {
                "contract_id": contract.id,
                "name": "Late visits",
                "date_received": "2026-05-03",
            }
        )
        compliment = Complaint.create(
            {
                "contract_id": contract.id,
                "name": "Kind carers",
                "complaint_type": "compliment",
                "date_received": "2026-05-04",
            }
        )
        return {
            "meeting": meeting,
            "held": held,
            "resolved": resolved,
            "open": still_open,
            "on_time": on_time,
            "came_late": came_late,
            "missing": missing,
            "complaint": complaint,
            "compliment": compliment,
        }

    def test_trail_lists_every_monitoring_source(self):
        """Each source of 7.2, 7.6 and 8 has its row: removing any of them
        from the trail fails here."""
        rec = self._build_monitoring()
        lines = self.env["hcc.contract.evidence"].search(
            [("contract_id", "=", self.contract.id)]
        )
        self.assertEqual(
            sorted(
                (
                    str(line.date),
                    line.kind,
                    line.res_model,
                    line.res_id,
                    str(line.notified_to_provider_date or ""),
                    line.summary or "",
                )
                for line in lines
            ),
            sorted(
                [
                    (
                        "2026-05-12",
                        "meeting",
                        "hcc.contract.meeting",
                        rec["meeting"].id,
                        "2026-05-13",
                        "Rota gaps discussed.",
                    ),
                    (
                        "2026-06-20",
                        "meeting",
                        "hcc.contract.meeting",
                        rec["held"].id,
                        "",
                        "",
                    ),
                    (
                        "2026-05-12",
                        "action",
                        "hcc.contract.action",
                        rec["resolved"].id,
                        "2026-05-12",
                        "Due 12/06/2026",
                    ),
                    (
                        "2026-06-01",
                        "action_done",
                        "hcc.contract.action",
                        rec["resolved"].id,
                        "",
                        "On time",
                    ),
                    (
                        "2026-05-20",
                        "action",
                        "hcc.contract.action",
                        rec["open"].id,
                        "2026-05-20",
                        "Due 30/06/2026",
                    ),
                    (
                        str(rec["on_time"].date_due),
                        "return_received",
                        "hcc.data.return",
                        rec["on_time"].id,
                        "",
                        "received",
                    ),
                    (
                        str(rec["came_late"].date_due),
                        "return_late",
                        "hcc.data.return",
                        rec["came_late"].id,
                        "",
                        "",
                    ),
                    (
                        "2026-07-31",
                        "return_received",
                        "hcc.data.return",
                        rec["came_late"].id,
                        "",
                        "received",
                    ),
                    (
                        str(rec["missing"].date_due),
                        "return_late",
                        "hcc.data.return",
                        rec["missing"].id,
                        "",
                        "",
                    ),
                    (
                        "2026-05-03",
                        "complaint",
                        "hcc.contract.complaint",
                        rec["complaint"].id,
                        "",
                        "",
                    ),
                    (
                        "2026-05-04",
                        "compliment",
                        "hcc.contract.complaint",
                        rec["compliment"].id,
                        "",
                        "",
                    ),
                ]
            ),
        )
        # a complaint is named by its number only: its summary may speak of
        # a service user, and every role reads the trail
        complaint_line = lines.filtered(lambda line: line.kind == "complaint")
        self.assertEqual(complaint_line.name, f"#{rec['complaint'].id}")
        # the line opens its record
        opened = complaint_line.action_open_source()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]),
            ("hcc.contract.complaint", rec["complaint"].id),
        )

    def test_trail_follows_the_contract_rules(self):
        self._build_history()
        Evidence = self.env["hcc.contract.evidence"]
        domain = [("contract_id", "=", self.contract.id)]
        self.assertEqual(Evidence.with_user(self.user_sm).search_count(domain), 6)
        self.assertEqual(Evidence.with_user(self.user_viewer).search_count(domain), 6)
        self.assertFalse(Evidence.with_user(self.user_sm_south).search_count(domain))
        line = Evidence.search(domain, limit=1)
        with self.assertRaises(AccessError):
            line.with_user(self.user_sm_south).read(["name"])
        with self.assertRaises(AccessError):
            line.with_user(self.user_viewer).write({"summary": "x"})
