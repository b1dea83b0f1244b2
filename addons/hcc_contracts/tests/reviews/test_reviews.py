from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common_reviews import COMPLETE_ANSWERS, HccReviewsCase


@tagged("post_install", "-at_install")
class TestReviews(HccReviewsCase):
    """Completing, cancelling and protecting contract reviews; who may do what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-15"):
            cls.contract = cls._create_contract()
            cls.contract.action_activate()
        with freeze_time("2028-01-10"):
            cls.env["hcc.contract"]._cron_contract_reviews()
        cls.review = cls.contract.review_ids

    @freeze_time("2026-06-01")
    def test_lead_officer_starts_the_review_ahead_of_the_cron(self):
        """A review not due for a year can be started now from the contract,
        with the reminders the cron would give; not twice, and not by a
        reader (issue 43: no button, no New on Reviews)."""
        contract = self._active_contract()
        self.assertEqual(contract.review_state, "none", "the cron's time has not come")
        with self.assertRaises(AccessError):
            contract.with_user(self.user_viewer).action_start_review()
        contract.with_user(self.user_sm).action_start_review()
        review = contract.current_review_id
        self.assertTrue(review)
        self.assertEqual(review.date_due, contract.review_due_date)
        self.assertEqual(review.state, "planned")
        reminder = self._open_activities(review, self.type_review)
        self.assertEqual(reminder.user_id, self.user_sm)
        self.assertTrue(reminder.automated)
        with self.assertRaisesRegex(UserError, "cannot be started now"):
            contract.with_user(self.user_sm).action_start_review()
        self.assertEqual(len(contract.review_ids), 1)
        # the cron finds nothing left to create
        self.env["hcc.contract"]._cron_contract_reviews()
        self.assertEqual(len(contract.review_ids), 1)

    @freeze_time("2028-02-01")
    def test_lead_officer_completes_the_review(self):
        review = self.review.with_user(self.user_sm)
        review.action_start()
        self.assertEqual(self.contract.review_state, "in_progress")
        review.write(COMPLETE_ANSWERS)
        review.action_done()
        self.assertEqual(self.review.state, "done")
        self.assertEqual(str(self.review.date_done), "2028-02-01")
        self.assertFalse(self.review.activity_ids)
        review.write({"informed_provider_date": "2028-02-01"})
        self.assertEqual(str(self.review.informed_provider_date), "2028-02-01")

    @freeze_time("2028-02-01")
    def test_incomplete_review_is_refused(self):
        review = self.review.with_user(self.user_sm)
        review.write({"needs_met": "yes", "decision": "renew", "renew": "no"})
        with self.assertRaises(UserError) as error:
            review.action_done()
        message = str(error.exception)
        self.assertIn("“Has the contract met service needs?” has no evidence", message)
        self.assertIn("“Should the contract be renewed?” has no evidence", message)
        self.assertIn("“Has the contract represented value for money?” is not", message)
        self.assertIn("preferred tendering approach is not chosen", message)
        self.assertIn("service users' views", message)
        self.assertIn("the decision is to renew or extend", message.lower())
        self.assertEqual(self.review.state, "planned")
        self.assertFalse(self.review.date_done)
        self.assertTrue(self.review.activity_ids, "reminders stay open")

    @freeze_time("2028-02-01")
    def test_completion_needs_everyone_informed_or_a_reason(self):
        review = self.review.with_user(self.user_sm)
        answers = dict(COMPLETE_ANSWERS)
        del answers["not_informed_reason"]
        review.write(answers)
        with self.assertRaises(UserError) as refused:
            review.action_done()
        message = str(refused.exception)
        self.assertIn("Not recorded as informed", message)
        self.assertIn("the provider and the service users and carers", message)
        review.write({"informed_provider_date": "2028-01-31"})
        with self.assertRaises(UserError) as refused:
            review.action_done()
        message = str(refused.exception)
        self.assertIn("(10.2): the service users and carers.", message)
        self.assertNotIn("the provider", message)
        review.write({"not_informed_reason": "   "})
        with self.assertRaisesRegex(UserError, "Not recorded as informed"):
            review.action_done()
        self.assertEqual(self.review.state, "planned")
        # the reason path
        review.write({"not_informed_reason": "Told at their care reviews in March."})
        review.action_done()
        self.assertEqual(self.review.state, "done")
        # the reason is part of the completed record; the dates are told later
        with self.assertRaisesRegex(UserError, "is completed"):
            review.write({"not_informed_reason": "Rewritten."})
        review.write({"informed_users_carers_date": "2028-02-01"})
        self.assertEqual(str(self.review.informed_users_carers_date), "2028-02-01")

    @freeze_time("2028-02-01")
    def test_completion_with_everyone_informed_needs_no_reason(self):
        review = self.review.with_user(self.user_sm)
        answers = dict(COMPLETE_ANSWERS)
        del answers["not_informed_reason"]
        review.write(
            dict(
                answers,
                informed_provider_date="2028-01-31",
                informed_users_carers_date="2028-02-01",
            )
        )
        review.action_done()
        self.assertEqual(self.review.state, "done")

    @freeze_time("2028-02-01")
    def test_done_review_cannot_be_completed_again(self):
        self.review.write(COMPLETE_ANSWERS)
        self.review.action_done()
        with self.assertRaisesMessage(
            UserError,
            "is at the step “Done”: you cannot complete the review now. That can "
            "be done only at the step “Planned” or “In Progress”.",
        ):
            self.review.with_user(self.user_sm).action_done()
        with self.assertRaisesMessage(
            UserError, "is at the step “Done”: you cannot start the review now."
        ):
            self.review.with_user(self.user_sm).action_start()

    @freeze_time("2028-02-01")
    def test_dates_in_the_future_are_refused(self):
        with self.assertRaisesMessage(ValidationError, "is in the future"):
            self.review.with_user(self.user_sm).write(
                {"informed_users_carers_date": "2028-02-02"}
            )
        self.review.invalidate_recordset()
        self.assertFalse(self.review.informed_users_carers_date)

    def test_review_is_never_deleted(self):
        # no role has the right to delete a review...
        with self.assertRaises(AccessError):
            self.review.with_user(self.user_cso).unlink()
        # ...and even the superuser is told to cancel it instead
        with self.assertRaisesMessage(UserError, "cannot be deleted: cancel it"):
            self.review.unlink()
        self.assertTrue(self.review.exists())

    def test_review_of_active_contract_cannot_be_cancelled(self):
        with self.assertRaisesMessage(UserError, "cannot be cancelled while contract"):
            self.review.with_user(self.user_cso).action_cancel()
        self.assertEqual(self.review.state, "planned")

    def test_review_cancelled_once_contract_ended(self):
        self.contract.state = "terminated"
        self.review.with_user(self.user_cso).action_cancel()
        self.assertEqual(self.review.state, "cancelled")
        self.assertFalse(self.review.activity_ids)

    def test_second_review_for_the_same_due_date_is_refused(self):
        Review = self.env["hcc.contract.review"].with_user(self.user_sm)
        with self.assertRaisesMessage(ValidationError, "already has a review"):
            Review.create({"contract_id": self.contract.id})
        self.assertEqual(self.contract.review_ids, self.review)

    def test_lead_months_must_be_sensible(self):
        with self.assertRaisesMessage(ValidationError, "between 1 and 24 months"):
            self.company.hcc_review_lead_months = 0
        self.company.invalidate_recordset()
        self.assertEqual(self.company.hcc_review_lead_months, 3)

    def test_setting_in_settings_form(self):
        settings = Form(self.env["res.config.settings"])
        settings.hcc_review_lead_months = 4
        settings.save().execute()
        self.assertEqual(self.company.hcc_review_lead_months, 4)

    def test_access_by_role(self):
        answer = {"notes": "<p>Checked</p>"}
        for user in (self.user_sm, self.user_cso, self.user_cm):
            self.review.with_user(user).write(answer)
        for user in (self.user_sm_other, self.user_finance, self.user_viewer):
            self.assertEqual(
                self.review.with_user(user).read(["state"])[0]["state"], "planned"
            )
            with self.assertRaises(AccessError):
                self.review.with_user(user).write(answer)
        Review = self.env["hcc.contract.review"]
        self.assertFalse(Review.with_user(self.user_sm_south).search([]))
        with self.assertRaises(AccessError):
            self.review.with_user(self.user_sm_south).read(["state"])

    def test_smart_button_and_renewals(self):
        action = self.contract.with_user(self.user_sm).action_view_reviews()
        self.assertEqual(action["res_id"], self.review.id)
        self.assertEqual(self.contract.review_count, 1)
        renewals = self.env.ref("hcc_contracts.hcc_contract_action_renewals")
        for user in (self.user_sm, self.user_cso):
            domain = safe_eval(renewals.domain)
            contracts = self.env["hcc.contract"].with_user(user).search(domain)
            self.assertIn(self.contract, contracts)
        self.assertIn(
            self.env.ref("hcc_contracts.group_service_manager"),
            self.env.ref("hcc_contracts.hcc_contract_menu_renewals").groups_id,
        )

    def test_views_load_for_the_service_manager(self):
        Review = self.env["hcc.contract.review"].with_user(self.user_sm)
        views = Review.get_views(
            [(False, "list"), (False, "kanban"), (False, "form"), (False, "search")]
        )
        self.assertIn("needs_met", views["views"]["form"]["arch"])
        Contract = self.env["hcc.contract"].with_user(self.user_sm)
        views = Contract.get_views(
            [
                (
                    self.env.ref("hcc_contracts.hcc_contract_view_list_renewals").id,
                    "list",
                ),
                (
                    self.env.ref("hcc_contracts.hcc_contract_view_kanban_renewals").id,
                    "kanban",
                ),
                (False, "form"),
            ]
        )
        self.assertIn("review_state", views["views"]["list"]["arch"])
        self.assertIn("action_view_reviews", views["views"]["form"]["arch"])

    @freeze_time("2028-04-01")
    def test_late_review_without_support_officer_goes_to_county_manager(self):
        with freeze_time("2026-03-15"):
            contract = self._active_contract(support_officer_id=False)
        self.env["hcc.contract"]._cron_contract_reviews()
        late = self._open_activities(contract.review_ids, self.type_late)
        self.assertEqual(late.user_id, self.user_cm)
        self.assertEqual(contract.review_ids.escalation_level, "support_officer")
