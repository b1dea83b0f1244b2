from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.misc import format_date

from .common_reviews import COMPLETE_ANSWERS, HccReviewsCase


@tagged("post_install", "-at_install")
class TestReviewCrons(HccReviewsCase):
    """The scheduled actions of the contract lifecycle and of reviews, walked
    through a contract's life under frozen time."""

    rag_sources = ("reviews",)

    def _reviews_cron(self):
        self.env["hcc.contract"]._cron_contract_reviews()

    def _lifecycle_cron(self):
        self.env["hcc.contract"]._cron_contract_lifecycle()

    def test_contract_life(self):
        # 1 April 2026 to 31 March 2029: the review is due on 31 March 2028
        with freeze_time("2026-03-15"):
            contract = self._active_contract()
        self.assertEqual(str(contract.review_due_date), "2028-03-31")
        Review = self.env["hcc.contract.review"]

        with freeze_time("2027-12-30"):
            self._run_twice(self._reviews_cron)
            self.assertFalse(contract.review_ids, "too early for the review")
            self.assertEqual(contract.review_state, "none")

        with freeze_time("2027-12-31"):  # three months before it is due
            self._run_twice(self._reviews_cron)
            review = contract.review_ids
            self.assertEqual(len(review), 1)
            self.assertEqual(review.state, "planned")
            self.assertEqual(str(review.date_due), "2028-03-31")
            self.assertEqual(contract.current_review_id, review)
            self.assertEqual(contract.review_state, "planned")
            todo = self._open_activities(review, self.type_review)
            self.assertEqual(todo.user_id, self.user_sm, "the lead officer reviews")
            self.assertEqual(str(todo.date_deadline), "2028-03-31")
            alert = self._open_activities(review, self.type_alert)
            self.assertEqual(alert.user_id, self.user_cso, "the CSO alerts the SM")
            self.assertEqual(str(alert.date_deadline), "2028-01-07")
            contract._update_rag()
            self.assertEqual(contract.rag_status, "amber")
            self.assertIn("has not started", contract.rag_reasons)

        with freeze_time("2028-03-30"):
            self._run_twice(self._reviews_cron)
            self.assertFalse(self._open_activities(review, self.type_late))
            self.assertEqual(review.escalation_level, "none")

        with freeze_time("2028-03-31"):  # due today and not done: the CSO hears
            self._run_twice(self._reviews_cron)
            late = self._open_activities(review, self.type_late)
            self.assertEqual(late.user_id, self.user_cso)
            self.assertEqual(review.escalation_level, "support_officer")
            self.assertFalse(review.is_late)

        with freeze_time("2028-04-01"):
            self._run_twice(self._reviews_cron)
            self.assertTrue(review.is_late)
            self.assertEqual(contract.review_state, "late")
            self.assertEqual(len(self._open_activities(review, self.type_late)), 1)
            contract._update_rag()
            self.assertEqual(contract.rag_status, "red")
            due = format_date(self.env, review.date_due)
            self.assertIn(f"was due on {due} and is not done", contract.rag_reasons)

        with freeze_time("2028-04-29"):
            self._run_twice(self._reviews_cron)
            self.assertNotIn(
                self.user_cm, self._open_activities(review, self.type_late).user_id
            )

        with freeze_time("2028-04-30"):  # thirty days late: the County Manager
            self._run_twice(self._reviews_cron)
            late = self._open_activities(review, self.type_late)
            self.assertEqual(set(late.user_id), {self.user_cso, self.user_cm})
            self.assertEqual(review.escalation_level, "county_manager")

        with freeze_time("2028-05-02"):
            as_lead = review.with_user(self.user_sm)
            as_lead.action_start()
            as_lead.write(COMPLETE_ANSWERS)
            as_lead.action_done()
            self.assertEqual(review.state, "done")
            self.assertEqual(str(review.date_done), "2028-05-02")
            self.assertFalse(review.is_late)
            self.assertFalse(self._open_activities(review))
            self.assertEqual(contract.review_state, "done")
            self.assertEqual(contract.rag_status, "green")
            self._run_twice(self._reviews_cron)
            self.assertEqual(Review.search([("contract_id", "=", contract.id)]), review)

        with freeze_time("2029-03-31"):  # last day of the contract
            self._run_twice(self._lifecycle_cron)
            self.assertEqual(contract.state, "active")

        with freeze_time("2029-04-01"):
            self._run_twice(self._lifecycle_cron)
            self.assertEqual(contract.state, "expired")

    def test_expiry_catches_up_missed_days(self):
        with freeze_time("2026-03-15"):
            contract = self._active_contract()
            ongoing = self._active_contract(date_end="2030-03-31")
        with freeze_time("2029-04-20"):  # the cron did not run for three weeks
            self._run_twice(self._lifecycle_cron)
        self.assertEqual(contract.state, "expired")
        self.assertEqual(ongoing.state, "active")

    def test_expiry_cancels_the_open_review(self):
        with freeze_time("2026-03-15"):
            contract = self._active_contract(date_end="2027-03-31")
        with freeze_time("2026-04-01"):  # review already due: created late
            self._run_twice(self._reviews_cron)
        review = contract.review_ids
        self.assertTrue(review.is_late)
        self.assertEqual(review.escalation_level, "support_officer")
        with freeze_time("2026-05-10"):  # over thirty days late: CSO and CM
            self._run_twice(self._reviews_cron)
        self.assertEqual(review.escalation_level, "county_manager")
        with freeze_time("2027-04-01"):
            self._run_twice(self._lifecycle_cron)
        self.assertEqual(contract.state, "expired")
        self.assertEqual(review.state, "cancelled")
        self.assertFalse(self._open_activities(review))

    def test_draft_starting_soon_is_chased_once(self):
        with freeze_time("2026-03-01"):
            contract = self._create_contract()  # starts on 1 April 2026
            no_lead = self._create_contract(lead_officer_id=False)
            self._run_twice(self._lifecycle_cron)
            self.assertFalse(self._open_activities(contract))
        with freeze_time("2026-03-02"):
            self._run_twice(self._lifecycle_cron)
        activity = self._open_activities(contract)
        self.assertEqual(activity.user_id, self.user_sm)
        self.assertEqual(str(activity.date_deadline), "2026-04-01")
        self.assertTrue(contract.activation_reminded)
        self.assertEqual(
            self._open_activities(no_lead).user_id, self.user_cso, "no lead officer"
        )
        with freeze_time("2026-03-20"):
            activity.action_feedback()
            self._run_twice(self._lifecycle_cron)
        self.assertFalse(self._open_activities(contract), "reminded only once")

    def test_extension_needs_a_new_review(self):
        with freeze_time("2026-03-15"):
            contract = self._active_contract()
        with freeze_time("2028-01-10"):
            self._reviews_cron()
            review = contract.review_ids
            review.write(COMPLETE_ANSWERS)
            review.action_done()
            contract.date_end = "2030-03-31"  # extended after the review
            self.assertEqual(str(review.date_due), "2028-03-31", "done: unchanged")
            self.assertEqual(contract.review_state, "none")
            self._run_twice(self._reviews_cron)
            self.assertEqual(contract.review_ids, review, "not yet due again")
        with freeze_time("2028-12-31"):
            self._run_twice(self._reviews_cron)
        new_review = contract.review_ids - review
        self.assertEqual(str(new_review.date_due), "2029-03-31")
        self.assertEqual(contract.current_review_id, new_review)

    def test_open_review_follows_the_end_date(self):
        with freeze_time("2026-03-15"):
            contract = self._active_contract()
        with freeze_time("2028-01-10"):
            self._reviews_cron()
            contract.date_end = "2029-09-30"
            self.assertEqual(str(contract.review_ids.date_due), "2028-09-30")
            self.assertEqual(contract.current_review_id, contract.review_ids)
            self._run_twice(self._reviews_cron)
            self.assertEqual(len(contract.review_ids), 1)

    def test_lead_months_setting(self):
        self.company.hcc_review_lead_months = 6
        with freeze_time("2026-03-15"):
            contract = self._active_contract()
        with freeze_time("2027-09-29"):
            self._reviews_cron()
            self.assertFalse(contract.review_ids)
        with freeze_time("2027-09-30"):  # six months before 31 March 2028
            self._reviews_cron()
            self.assertEqual(len(contract.review_ids), 1)

    def test_one_failing_contract_does_not_stop_the_others(self):
        with freeze_time("2026-03-15"):
            contracts = self._active_contract() | self._active_contract()
            contracts |= self._active_contract()
        bad = contracts[1]
        # legacy data imported without the ORM: the end precedes the start
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hcc_contract SET date_start = '2029-06-01' WHERE id = %s",
            (bad.id,),
        )
        self.env.invalidate_all()
        with freeze_time("2028-01-10"):
            with self.assertLogs(
                "odoo.addons.hcc_contracts.models.hcc_scheduler", "ERROR"
            ) as logs:
                self._reviews_cron()
            self.assertIn(str(bad.ids), logs.output[0])
            self.assertEqual(len((contracts - bad).review_ids), 2)
            self.assertFalse(bad.review_ids)
            self.assertEqual(
                (contracts - bad).review_ids.activity_ids.user_id,
                self.user_sm | self.user_cso,
            )
            before = self._snapshot()
            with self.assertLogs("odoo.addons.hcc_contracts.models.hcc_scheduler"):
                self._reviews_cron()  # the bad one fails again, nothing else
            self.assertEqual(self._snapshot(), before)
