from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_performance import HccPerformanceCase


@tagged("post_install", "-at_install")
class TestDataReturnGeneration(HccPerformanceCase):
    def _run_cron_twice(self):
        Contract = self.env["hcc.contract"]
        Contract._cron_data_returns()
        self.env.flush_all()
        before = self._snapshot("hcc.data.return")
        Contract._cron_data_returns()
        self.env.flush_all()
        self.assertEqual(
            self._snapshot("hcc.data.return"), before, "second run changes nothing"
        )

    @freeze_time("2026-06-10")
    def test_monthly_returns_created_once_per_period(self):
        contract = self._active_contract()
        self._run_cron_twice()
        returns = contract.return_ids.sorted("date_from")
        self.assertEqual(
            [(r.date_from, r.date_to, r.date_due) for r in returns],
            [
                (date(2026, 4, 1), date(2026, 4, 30), date(2026, 5, 15)),
                (date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 15)),
                (date(2026, 6, 1), date(2026, 6, 30), date(2026, 7, 15)),
            ],
        )
        self.assertEqual(returns.mapped("state"), ["expected"] * 3)
        self.assertEqual(returns[0].period_name, "April 2026")
        self.assertEqual(contract.return_next_date, date(2026, 7, 1))
        # the manual button is idempotent too
        contract.action_generate_returns()
        self.assertEqual(len(contract.return_ids), 3)

    @freeze_time("2026-10-02")
    def test_quarterly_returns_and_indicator_lines(self):
        contract = self._active_contract(data_return_frequency="quarterly")
        indicator = self.env["hcc.contract.indicator"].create(
            {
                "contract_id": contract.id,
                "name": "Missed visits",
                "target": 2,
                "direction": "lower",
                "unit": "%",
            }
        )
        self._run_cron_twice()
        returns = contract.return_ids.sorted("date_from")
        self.assertEqual(
            [(r.date_from, r.date_to) for r in returns],
            [
                (date(2026, 4, 1), date(2026, 6, 30)),
                (date(2026, 7, 1), date(2026, 9, 30)),
                (date(2026, 10, 1), date(2026, 12, 31)),
            ],
        )
        self.assertEqual(returns[0].period_name, "April 2026 – June 2026")
        self.assertEqual(returns.indicator_value_ids.indicator_id, indicator)
        self.assertEqual(len(returns.indicator_value_ids), 3)
        self.assertFalse(any(returns.indicator_value_ids.mapped("rating")))

    @freeze_time("2026-05-05")
    def test_partial_first_month(self):
        contract = self._active_contract(date_start="2026-04-16")
        self._run_cron_twice()
        first, second = contract.return_ids.sorted("date_from")
        self.assertEqual(
            (first.date_from, first.date_to), (date(2026, 4, 16), date(2026, 4, 30))
        )
        self.assertEqual(first.period_name, "16 April 2026 to 30 April 2026")
        self.assertAlmostEqual(first.commissioned_units, 250.0)
        self.assertAlmostEqual(first.value_commissioned, 5000.0)
        self.assertEqual(
            (second.date_from, second.date_to), (date(2026, 5, 1), date(2026, 5, 31))
        )
        self.assertAlmostEqual(second.commissioned_units, 500.0)

    def test_draft_and_future_contracts_get_no_returns(self):
        with freeze_time("2026-03-01"):
            draft = self._create_contract()
            future = self._active_contract()
            self.env["hcc.contract"]._cron_data_returns()
        self.assertFalse(draft.return_ids | future.return_ids)
        self.assertEqual(future.return_next_date, date(2026, 4, 1))

    def test_imported_period_is_not_generated_again(self):
        with freeze_time("2026-05-20"):
            contract = self._active_contract()
            imported = self._return(
                contract,
                "2026-04-01",
                "2026-04-30",
                date_received="2026-05-02",
                units_delivered=480,
            )
            self._run_cron_twice()
        self.assertEqual(len(contract.return_ids), 2)
        self.assertIn(imported, contract.return_ids)
        self.assertEqual(imported.state, "received")


@tagged("post_install", "-at_install")
class TestDataReturnLateness(HccPerformanceCase):
    def test_late_flag_flips_after_due_date(self):
        activity_type = self.env.ref(
            "hcc_contracts.mail_activity_type_data_return_late"
        )
        with freeze_time("2026-05-15"):
            contract = self._active_contract()
            self.env["hcc.contract"]._cron_data_returns()
            april = contract.return_ids.filtered(
                lambda r: r.date_from == date(2026, 4, 1)
            )
            self.assertEqual(april.date_due, date(2026, 5, 15))
            self.assertFalse(april.is_late, "not late on its due date")
            self.assertFalse(april.activity_ids)
        with freeze_time("2026-05-16"):
            Contract = self.env["hcc.contract"]
            Contract._cron_data_returns()
            self.env.flush_all()
            self.assertTrue(april.is_late)
            self.assertEqual(april.activity_ids.activity_type_id, activity_type)
            self.assertEqual(april.activity_ids.user_id, self.user_sm)
            self.assertEqual(contract.return_late_count, 1)
            before = self._snapshot("hcc.data.return")
            Contract._cron_data_returns()
            self.env.flush_all()
            self.assertEqual(self._snapshot("hcc.data.return"), before)
            april.with_user(self.user_sm).action_receive()
            self.assertEqual(april.state, "received")
            self.assertEqual(april.date_received, date(2026, 5, 16))
            self.assertFalse(april.is_late)
            self.assertTrue(april.received_late)
            april.invalidate_recordset(["activity_ids"])
            self.assertFalse(april.activity_ids, "the reminder is done")

    @freeze_time("2026-05-20")
    def test_workflow_and_wrong_transitions(self):
        contract = self._active_contract()
        ret = self._return(contract, "2026-04-01", "2026-04-30", user=self.user_sm)
        with self.assertRaisesMessage(
            UserError,
            "is at the step “Expected”: you cannot accept the data return now. "
            "That can be done only at the step “Received”.",
        ):
            ret.action_accept()
        ret.action_receive()
        ret.action_query(question="Units delivered look low: please check.")
        self.assertEqual(ret.state, "queried")
        ret.action_receive()
        ret.action_accept()
        self.assertEqual(ret.state, "accepted")
        with self.assertRaisesMessage(
            UserError,
            "is at the step “Accepted”: you cannot cancel the data return now. "
            "That can be done only at the step “Expected” or “Queried”.",
        ):
            ret.action_cancel()
        with self.assertRaisesMessage(
            UserError, "cannot be deleted: cancel it instead"
        ):
            ret.with_user(self.user_cso).unlink()
        self.assertTrue(ret.exists())

    @freeze_time("2026-05-20")
    def test_expected_return_can_be_cancelled_and_expected_again(self):
        contract = self._active_contract()
        ret = self._return(contract, "2026-04-01", "2026-04-30")
        self.assertTrue(ret.is_late)
        ret.action_cancel()
        self.assertFalse(ret.is_late)
        ret.action_reset_expected()
        self.assertTrue(ret.is_late)


@tagged("post_install", "-at_install")
class TestSatisfactionSurveys(HccPerformanceCase):
    def test_survey_created_once_per_year_and_late(self):
        Contract = self.env["hcc.contract"]
        activity_type = self.env.ref("hcc_contracts.mail_activity_type_survey_due")
        with freeze_time("2026-04-02"):
            contract = self._active_contract()
            Contract._cron_satisfaction_surveys()
            self.env.flush_all()
            before = self._snapshot("hcc.satisfaction.survey")
            Contract._cron_satisfaction_surveys()
            self.env.flush_all()
            self.assertEqual(self._snapshot("hcc.satisfaction.survey"), before)
            survey = contract.survey_ids
            self.assertEqual(len(survey), 1)
            self.assertEqual(
                (survey.survey_year, survey.date_to, survey.date_due),
                (1, date(2027, 3, 31), date(2027, 4, 15)),
            )
            self.assertEqual(survey.activity_ids.activity_type_id, activity_type)
            self.assertEqual(survey.activity_ids.user_id, self.user_sm)
        with freeze_time("2027-04-16"):
            Contract._cron_satisfaction_surveys()
            self.env.flush_all()
            self.assertTrue(survey.is_late)
            self.assertEqual(
                contract.survey_ids.sorted("survey_year").mapped("survey_year"), [1, 2]
            )
            before = self._snapshot("hcc.satisfaction.survey")
            Contract._cron_satisfaction_surveys()
            self.env.flush_all()
            self.assertEqual(self._snapshot("hcc.satisfaction.survey"), before)
            survey.with_user(self.user_sm).write(
                {"respondents": 41, "satisfied_percent": 88}
            )
            survey.with_user(self.user_sm).action_receive()
            self.assertFalse(survey.is_late)
            survey.invalidate_recordset(["activity_ids"])
            self.assertFalse(survey.activity_ids)


@tagged("post_install", "-at_install")
class TestPerformanceAccess(HccPerformanceCase):
    @freeze_time("2026-05-20")
    def test_roles(self):
        contract = self._active_contract()
        ret = self._return(contract, "2026-04-01", "2026-04-30")
        complaint = self.env["hcc.contract.complaint"].create(
            {
                "contract_id": contract.id,
                "name": "Late pick-up",
                "date_received": "2026-05-01",
            }
        )
        # the lead officer manages; the CSO of the locality too
        ret.with_user(self.user_sm).write({"people_served": 12})
        ret.with_user(self.user_cso).write({"people_served": 13})
        complaint.with_user(self.user_sm).write({"provider_response": "Apologised"})
        # another service manager of the locality reads only
        self.assertEqual(ret.with_user(self.user_sm_other).people_served, 13)
        with self.assertRaises(AccessError):
            ret.with_user(self.user_sm_other).write({"people_served": 1})
        with self.assertRaises(AccessError):
            self._return(contract, "2026-05-01", "2026-05-31", user=self.user_sm_other)
        # a service manager of another locality does not see them
        with self.assertRaises(AccessError):
            ret.with_user(self.user_sm_south).read(["people_served"])
        self.assertFalse(
            self.env["hcc.contract.complaint"].with_user(self.user_sm_south).search([])
        )
        # viewer and finance read all, write nothing
        for user in (self.user_viewer, self.user_finance):
            self.assertEqual(ret.with_user(user).people_served, 13)
            with self.assertRaises(AccessError):
                ret.with_user(user).write({"people_served": 1})
            with self.assertRaises(AccessError):
                complaint.with_user(user).write({"name": "x"})
        # the County Manager everything
        ret.with_user(self.user_cm).action_receive()
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.people_served, 13)
