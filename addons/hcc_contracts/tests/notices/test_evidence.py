from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

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
        revision = self.env["hcc.contract.revision"].create(
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
            }
        )
        revision.action_mark_consulted()
        revision.action_approve()
        revision.action_apply()
        with freeze_time("2026-07-20"):
            self._wizard(self.user_cm).action_confirm()
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
