from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError

from odoo.addons.hcc_contracts.tests.providers.common_providers import (
    HccProviderRiskCase,
)

from .common_reports import ReportsMixin


class TestOversightSnapshot(ReportsMixin, HccProviderRiskCase):
    """The monthly snapshot of the figures reported to members: taken once
    a month per company, kept as it was, read by the read-only roles,
    Finance and the County Manager, printed as the committee pack."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_uk_english()
        cls.Snapshot = cls.env["hcc.oversight.snapshot"]

    def _month(self):
        return fields.Date.context_today(self.Snapshot).replace(day=1)

    def test_taken_once_a_month_with_the_figures_of_the_day(self):
        self._concern(level="high", case_reference="SG-1")
        self._concern(
            user=self.user_cm,
            contract_id=self.south.id,
            level="high",
            case_reference="SG-2",
        )
        # assessed now (Assess Now): rated green when its contracts went live
        self.env["hcc.provider.risk"]._assess_live_providers()
        self.assertTrue(self.Snapshot._cron_take_snapshots())
        snapshot = self.Snapshot.search(
            [("company_id", "=", self.company.id), ("month", "=", self._month())]
        )
        self.assertEqual(len(snapshot), 1)
        self.assertGreaterEqual(snapshot.live_contract_count, 3)
        self.assertGreaterEqual(snapshot.red_count, 2)
        self.assertGreaterEqual(snapshot.providers_red, 1)
        localities = {row["name"]: row for row in snapshot.figures["by_locality"]}
        self.assertEqual(localities["Test North"]["red"], 1)
        self.assertEqual(localities["Test South"]["red"], 1)
        codes = [row["code"] for row in snapshot.figures["standards"]]
        self.assertEqual(
            codes, ["12.1", "12.2", "12.3", "12.4", "12.5", "12.6", "12.7"]
        )
        providers = {row["name"]: row for row in snapshot.figures["providers"]}
        self.assertEqual(providers["Test Provider Ltd"]["level"], "red")
        # a second run the same month does nothing, and costs little
        with self.assertQueryCount(3):
            self.assertFalse(self.Snapshot._cron_take_snapshots())
        self.assertEqual(
            self.Snapshot.search_count([("company_id", "=", self.company.id)]), 1
        )
        # kept as it was: a concern closed later changes nothing in it
        red = snapshot.red_count
        concern = self.env["hcc.safeguarding.concern"].search(
            [("case_reference", "=", "SG-1")]
        )
        concern.outcome = "not_substantiated"
        concern.action_close()
        self.env.flush_all()
        self.assertNotEqual(self.contract.rag_status, "red")
        snapshot.invalidate_recordset()
        self.assertEqual(snapshot.red_count, red)

    def test_one_company_a_call_resumes_where_it_stopped(self):
        other = self.env["res.company"].create({"name": "Test Unitary Council"})
        companies = self.env["res.company"].search([])
        calls = 0
        while self.Snapshot._cron_take_snapshots():
            calls += 1
            self.assertLessEqual(calls, len(companies))
        self.assertEqual(calls, len(companies))
        self.assertEqual(
            self.Snapshot.search([("month", "=", self._month())]).company_id,
            companies,
        )
        self.assertIn(other, companies)

    def test_who_reads_and_nobody_writes(self):
        self.Snapshot._cron_take_snapshots()
        snapshot = self.Snapshot.search([("company_id", "=", self.company.id)])
        for user in (self.user_cm, self.user_viewer, self.user_finance):
            self.assertEqual(
                self.Snapshot.with_user(user).search([("id", "=", snapshot.id)]),
                snapshot,
                user.login,
            )
        for user in (self.user_sm, self.user_cso, self.user_legal):
            with self.assertRaises(AccessError, msg=user.login):
                self.Snapshot.with_user(user).search([])
        for user in (self.user_cm, self.user_admin):
            with self.assertRaises(AccessError, msg=user.login):
                snapshot.with_user(user).write({"red_count": 0})
            with self.assertRaises(AccessError, msg=user.login):
                snapshot.with_user(user).unlink()

    def test_dashboard_trends_and_committee_pack(self):
        month = self._month()
        for back in (2, 1, 0):
            with freeze_time(
                month - relativedelta(months=back) + relativedelta(days=1)
            ):
                self.Snapshot._cron_take_snapshots()
        data = (
            self.env["hcc.compliance.report"]
            .with_user(self.user_cm)
            .get_dashboard_data()
        )
        self.assertEqual(len(data["trends"]), 3)
        self.assertIn("providers", data)
        self.assertEqual(
            data["trends"][-1]["month"],
            self.Snapshot.search([("month", "=", month)]).month_label,
        )
        # a Service Manager's dashboard has no trends (snapshots are not theirs)
        data = (
            self.env["hcc.compliance.report"]
            .with_user(self.user_sm)
            .get_dashboard_data()
        )
        self.assertEqual(data["trends"], [])
        snapshot = self.Snapshot.search([("month", "=", month)])
        text = self._render_text("report_committee_pack", snapshot, user=self.user_cm)
        self.assertAllIn(
            [
                f"report to members, {snapshot.month_label}",
                "Compliance with the standards (12.1 to 12.7)",
                "Providers at risk",
                "Trends over the last twelve months",
            ],
            text,
        )
        for previous in self.Snapshot.search([("company_id", "=", self.company.id)]):
            self.assertIn(previous.month_label, text)
