from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.finance.common_budget import HccBudgetCase
from odoo.addons.hcc_contracts.tests.reviews.common_reviews import COMPLETE_ANSWERS
from odoo.addons.hcc_contracts.tools.financial_year import fy_of

from .common_reports import ReportsMixin

STANDARDS = [f"std_12_{n}" for n in range(1, 8)]


@tagged("post_install", "-at_install")
class TestCompliance(ReportsMixin, HccBudgetCase):
    """Compliance with 12.1-12.7 against hand-counted worked examples.

    The analysis is an SQL view that reads the database clock (now()), so the
    examples are dated relative to the real today, not to a frozen date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_uk_english()
        cls.today = fields.Date.today()
        cls.fy_label = fy_of(cls.today)[2]
        cls.contact = cls.env["res.partner"].create(
            {"name": "Test Registered Manager", "parent_id": cls.provider.id}
        )

    # ------------------------------------------------------------------
    # Helpers building one contract of the worked example
    # ------------------------------------------------------------------
    def _contract(self, meetings=2, budget=True, **overrides):
        """A contract that meets every standard unless told otherwise."""
        vals = {
            "date_start": self.today - relativedelta(years=2),
            "date_end": self.today + relativedelta(years=3),
        }
        vals.update(overrides)
        contract = self._create_contract(**vals)
        contract.action_activate()
        for months in (8, 2)[:meetings]:
            self._documented_meeting(
                contract, self.today - relativedelta(months=months)
            )
        if budget:
            self._budget(contract, self.fy_label, 100000.0)
        return contract

    def _documented_meeting(self, contract, day, circulate=True):
        when = datetime.combine(day, time(10, 0))
        with freeze_time(when - relativedelta(days=1)):
            meeting = self.env["hcc.contract.meeting"].create(
                {
                    "contract_id": contract.id,
                    "date": when,
                    "attendee_ids": [(4, self.contact.id)],
                }
            )
        if circulate:
            with freeze_time(when + relativedelta(hours=4)):
                meeting.minutes = "<p>All agenda items discussed.</p>"
                meeting.agenda_ids.write({"discussed": True})
                meeting.action_mark_held()
                meeting.action_circulate_minutes()
        return meeting

    def _row(self, contract):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.env["hcc.compliance.report"].search(
            [("contract_id", "=", contract.id)]
        )

    def _failed(self, contract):
        row = self._row(contract)
        self.assertEqual(len(row), 1)
        return [name for name in STANDARDS if not row[name]]

    # ------------------------------------------------------------------
    # Each standard in turn
    # ------------------------------------------------------------------
    def test_a_well_managed_contract_meets_every_standard(self):
        contract = self._contract()
        row = self._row(contract)
        self.assertEqual(self._failed(contract), [])
        self.assertEqual(row.standards_met, 7)
        self.assertEqual(row.compliance_rate, 100.0)
        self.assertEqual(row.meetings_documented, 2)
        self.assertEqual(row.meetings_expected, 2)
        self.assertTrue(row.budget_assessed)
        # represented by its lead officer: no supervision owed (5.1)
        self.assertEqual(row.supervision_expected, 0)

    def _clear_behind_the_guard(self, contract, name):
        """Clear a field that a live contract must keep (12.1 to 12.3). The
        model refuses it whoever writes (``_check_live_standards``), so only
        data loaded behind the ORM's back (a database import, a contract
        migrated from before the rule) can be so: the report must still
        show it."""
        self.env.flush_all()
        self.env.cr.execute(
            f"UPDATE hcc_contract SET {name} = NULL WHERE id = %s",  # noqa: S608
            [contract.id],
        )
        contract.invalidate_recordset()
        self.assertFalse(contract[name])

    def test_draft_contracts_are_not_assessed(self):
        contract = self._create_contract()
        self.assertFalse(self._row(contract))

    def test_12_1_no_lead_officer(self):
        contract = self._contract()
        self._clear_behind_the_guard(contract, "lead_officer_id")
        self.assertEqual(self._failed(contract), ["std_12_1"])
        self.assertEqual(self._row(contract).compliance_rate, 85.7)  # 6 of 7

    def test_12_2_no_representative(self):
        contract = self._contract()
        self._clear_behind_the_guard(contract, "representative_id")
        self.assertEqual(self._failed(contract), ["std_12_2"])

    def test_12_2_a_nominee_is_supervised_at_the_interval(self):
        """When the representative is the lead officer's nominee, 12.2 counts
        the supervision sessions of 5.1: one per full interval run in the
        twelve months assessed."""
        self.company.hcc_supervision_interval_months = 6
        contract = self._contract(representative_id=self.user_sm_other.id)
        row = self._row(contract)
        self.assertEqual(self._failed(contract), ["std_12_2"])
        self.assertEqual((row.supervision_sessions, row.supervision_expected), (0, 2))
        Session = self.env["hcc.contract.supervision"].with_user(self.user_sm)
        for months in (3, 9, 14):  # the last falls outside the twelve months
            Session.create(
                {
                    "contract_id": contract.id,
                    "date": self.today - relativedelta(months=months),
                    "note": "Contract reviewed: rota gaps, returns on time.",
                }
            )
        row = self._row(contract)
        self.assertEqual((row.supervision_sessions, row.supervision_expected), (2, 2))
        self.assertEqual(self._failed(contract), [])
        # monthly supervision owes twelve sessions a year
        self.company.hcc_supervision_interval_months = 1
        row = self._row(contract)
        self.assertEqual(row.supervision_expected, 12)
        self.assertEqual(self._failed(contract), ["std_12_2"])
        # a contract four months old owes four
        young = self._contract(
            representative_id=self.user_sm_other.id,
            date_start=self.today - relativedelta(months=4),
            meetings=0,
        )
        self.assertEqual(self._row(young).supervision_expected, 4)

    def test_12_3_specification_without_activity_information(self):
        contract = self._contract()
        self._clear_behind_the_guard(contract, "requires_activity_information")
        self.assertEqual(self._failed(contract), ["std_12_3"])

    def test_12_4_meetings_twice_a_year_and_documented(self):
        contract = self._contract(meetings=1)
        # a meeting held but whose minutes were never circulated does not count
        self._documented_meeting(
            contract, self.today - relativedelta(months=4), circulate=False
        )
        # nor does one more than twelve months ago
        self._documented_meeting(contract, self.today - relativedelta(months=14))
        row = self._row(contract)
        self.assertEqual(self._failed(contract), ["std_12_4"])
        self.assertEqual((row.meetings_documented, row.meetings_expected), (1, 2))

    def test_12_4_a_new_contract_owes_one_meeting_per_six_months(self):
        contract = self._contract(
            meetings=0, date_start=self.today - relativedelta(months=7)
        )
        row = self._row(contract)
        self.assertEqual((row.meetings_documented, row.meetings_expected), (0, 1))
        self.assertFalse(row.std_12_4)
        self._documented_meeting(contract, self.today - relativedelta(months=1))
        self.assertEqual(self._failed(contract), [])

    def _assert_form_agrees(self, contract, documented, expected):
        """The contract form and the compliance report give the same 12.4."""
        row = self._row(contract)
        self.assertEqual(
            (row.meetings_documented, row.meetings_expected), (documented, expected)
        )
        form = contract.with_user(self.user_viewer)
        self.assertEqual(
            (form.meetings_documented_12m, form.meetings_expected_12m),
            (documented, expected),
        )
        self.assertEqual(form.standard_12_4_met, row.std_12_4)
        self.assertEqual(row.std_12_4, documented >= expected)
        found = self.env["hcc.contract"].search(
            [("id", "=", contract.id), ("standard_12_4_met", "=", row.std_12_4)]
        )
        self.assertEqual(found, contract, "the search agrees too")

    def test_12_4_form_and_report_agree_at_four_months_and_three_years(self):
        young = self._contract(
            meetings=0, date_start=self.today - relativedelta(months=4)
        )
        self._assert_form_agrees(young, 0, 0)
        old = self._contract(meetings=1, date_start=self.today - relativedelta(years=3))
        self._assert_form_agrees(old, 1, 2)
        # minutes circulated behind the step with the agenda not dealt with
        # (migrated data) count for neither
        legacy = self._documented_meeting(
            old, self.today - relativedelta(months=5), circulate=False
        )
        legacy.sudo().write(
            {
                "minutes": "<p>Notes.</p>",
                "state": "minutes_circulated",
                "date_minutes_circulated": fields.Datetime.now(),
            }
        )
        self.assertFalse(legacy.fully_documented)
        self._assert_form_agrees(old, 1, 2)
        self._documented_meeting(old, self.today - relativedelta(months=4))
        self._assert_form_agrees(old, 2, 2)
        self._documented_meeting(young, self.today - relativedelta(months=1))
        self._assert_form_agrees(young, 1, 0)

    def test_12_5_termination_without_the_default_process(self):
        contract = self._contract()
        # an early termination recorded without any served notice or breach,
        # as migrated from the council's old contracts database
        contract.write(
            {
                "state": "terminated",
                "termination_date": self.today - relativedelta(days=1),
            }
        )
        self.assertEqual(self._failed(contract), ["std_12_5"])
        contract.termination_fundamental_breach = True
        self.assertEqual(self._failed(contract), [])

    def test_12_6_spend_over_budget_or_no_budget(self):
        over = self._contract(analytic_account_id=self.cost_centre.id)
        self._spend(self.cost_centre, self.today, 100000.01)
        self.assertEqual(self._failed(over), ["std_12_6"])
        none = self._contract(budget=False)
        self.assertEqual(self._failed(none), ["std_12_6"])
        self.assertFalse(self._row(none).budget_assessed)

    def test_12_7_review_late_or_in_time(self):
        late = self._contract(date_end=self.today + relativedelta(months=6))
        self.assertEqual(self._failed(late), ["std_12_7"])
        # a review completed before the due date (twelve months before the end)
        in_time = self._contract(date_end=self.today + relativedelta(months=6))
        with freeze_time(self.today - relativedelta(months=7)):
            review = self.env["hcc.contract.review"].create({"contract_id": in_time.id})
            review.write(COMPLETE_ANSWERS)
            review.action_done()
        self.assertEqual(self._failed(in_time), [])

    # ------------------------------------------------------------------
    # Per locality, printed, and by role
    # ------------------------------------------------------------------
    def test_compliance_per_locality_worked_example(self):
        """North: one contract meeting all 7, one without lead officer (6),
        one with a single meeting (6): 19 of 21 = 90.5%. South: one contract
        without a budget (6 of 7 = 85.7%)."""
        good = self._contract()
        no_lead = self._contract()
        self._clear_behind_the_guard(no_lead, "lead_officer_id")
        one_meeting = self._contract(meetings=1)
        south = self._contract(
            budget=False,
            locality_id=self.locality_south.id,
            lead_officer_id=self.user_sm_south.id,
            representative_id=self.user_sm_south.id,
        )
        contracts = good | no_lead | one_meeting | south
        self.env.flush_all()
        groups = dict(
            (locality, (count, met))
            for locality, count, met in self.env["hcc.compliance.report"]._read_group(
                [("contract_id", "in", contracts.ids)],
                ["locality_id"],
                ["__count", "standards_met:sum"],
            )
        )
        self.assertEqual(groups[self.locality_north], (3, 19))
        self.assertEqual(groups[self.locality_south], (1, 6))
        rows = self.env["hcc.compliance.report"].search(
            [("contract_id", "in", contracts.ids)]
        )
        text = self._render_text("action_report_compliance", rows, self.user_cm)
        self.assertAllIn(
            [
                "Compliance with the performance standards 12.1–12.7",
                "Test North:\n90.5% of standards met",
                "Test South:\n85.7% of standards met",
                "12.1 Lead Officer",
                "12.7 Review in Time",
                good.name,
                "Test Provider Ltd",
                "7/7",
                "6/7",
                "Contracts meeting each standard (of 3)",
            ],
            text,
        )

    def test_rows_follow_the_contract_rules(self):
        north = self._contract()
        south = self._contract(
            locality_id=self.locality_south.id,
            lead_officer_id=self.user_sm_south.id,
            representative_id=self.user_sm_south.id,
        )
        self.env.flush_all()
        report = self.env["hcc.compliance.report"]
        both = [("contract_id", "in", (north | south).ids)]
        self.assertEqual(
            report.with_user(self.user_sm_south).search(both).contract_id, south
        )
        self.assertEqual(
            report.with_user(self.user_sm_other).search(both).contract_id, north
        )
        for user in (self.user_cm, self.user_finance, self.user_viewer):
            self.assertEqual(len(report.with_user(user).search(both)), 2)
        with self.assertRaises(AccessError):
            self._render_text(
                "action_report_compliance", self._row(north), self.user_sm_south
            )

    def test_query_count_does_not_grow_with_the_contracts(self):
        """Rendering the report for 100 contracts costs at most a few queries
        more than for 10."""
        contracts = self.env["hcc.contract"].create(
            [self._contract_vals(title=f"Contract {n}") for n in range(100)]
        )
        contracts.write({"state": "active"})
        self.env.flush_all()
        rows = self.env["hcc.compliance.report"].search(
            [("contract_id", "in", contracts.ids)]
        )
        self.assertEqual(len(rows), 100)

        def count(records):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._render_text("action_report_compliance", records, self.user_cm)
            return self.env.cr.sql_log_count - before

        count(rows[:10])  # compile the templates first
        small, large = count(rows[:10]), count(rows)
        self.assertLessEqual(large - small, 3, f"10 rows: {small}, 100 rows: {large}")

    def test_dashboard_views_open_for_every_role(self):
        contract = self._contract()
        self._clear_behind_the_guard(contract, "lead_officer_id")
        report = self.env["hcc.compliance.report"]
        for user in (self.user_sm, self.user_cso, self.user_cm, self.user_viewer):
            views = report.with_user(user).get_views(
                [(False, "graph"), (False, "pivot"), (False, "list"), (False, "search")]
            )
            self.assertEqual(set(views["views"]), {"graph", "pivot", "list", "search"})
        groups = report.with_user(self.user_cm).read_group(
            [("contract_id", "=", contract.id)],
            ["compliance_rate:avg", "standards_met:sum"],
            ["locality_id"],
        )
        self.assertEqual(groups[0]["standards_met"], 6)
        self.assertEqual(groups[0]["compliance_rate"], 85.7)

    def test_list_totals_add_up_as_the_pivot_does(self):
        """A grouped list's total of an average is the average of its groups'
        averages, which is not the pivot's average over the contracts: the
        list totals only what adds up (standards met and assessed)."""
        arch = etree.fromstring(
            self.env["hcc.compliance.report"]
            .with_user(self.user_cm)
            .get_views([(False, "list")])["views"]["list"]["arch"]
        )
        totals = {
            field.get("name"): [a for a in ("sum", "avg", "min", "max") if field.get(a)]
            for field in arch.iter("field")
            if any(field.get(a) for a in ("sum", "avg", "min", "max"))
        }
        self.assertEqual(totals, {"standards_met": ["sum"], "standards_count": ["sum"]})

    # ------------------------------------------------------------------
    # The County Manager's dashboard
    # ------------------------------------------------------------------
    def _dashboard(self, user):
        self.env.flush_all()
        self.env.invalidate_all()
        data = self.env["hcc.compliance.report"].with_user(user).get_dashboard_data()
        standards = {s["code"]: (s["met"], s["total"]) for s in data["standards"]}
        localities = {row["name"]: row for row in data["localities"]}
        return standards, localities, data

    def test_dashboard_counts_rag_by_locality_and_each_standard(self):
        before, _localities, _data = self._dashboard(self.user_cm)
        first = self._contract()
        second = self._contract(budget=False, locality_id=self.locality_south.id)
        standards, localities, data = self._dashboard(self.user_cm)
        self.assertEqual(
            [s["code"] for s in data["standards"]],
            ["12.1", "12.2", "12.3", "12.4", "12.5", "12.6", "12.7"],
        )
        self.assertTrue(all(s["label"] and s["target"] for s in data["standards"]))

        def added(code):
            return tuple(
                a - b for a, b in zip(standards[code], before[code], strict=True)
            )

        self.assertEqual(added("12.1"), (2, 2))
        self.assertEqual(added("12.6"), (1, 2), "the contract without a budget")
        north, south = localities["Test North"], localities["Test South"]
        for row, contract in ((north, first), (south, second)):
            self.assertEqual(row["total"], 1)
            self.assertEqual(row[contract.rag_status], 1, contract.rag_reasons)
        self.assertEqual(north["compliance"], 100)
        self.assertEqual(south["compliance"], round(6 * 100 / 7))
        # a Service Manager of the south reads only what the record rules give
        _standards, theirs, _data = self._dashboard(self.user_sm_south)
        self.assertNotIn("Test North", theirs)
        self.assertIn("Test South", theirs)

    def test_county_manager_opens_on_the_dashboard(self):
        dashboard = self.env.ref(
            "hcc_contracts_reports.hcc_compliance_dashboard_action"
        )
        self.assertEqual(self.user_cm.action_id.id, dashboard.id)
        self.assertEqual(dashboard.tag, "hcc_compliance_dashboard")
