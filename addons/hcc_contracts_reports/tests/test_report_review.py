from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.reviews.common_reviews import (
    COMPLETE_ANSWERS,
    HccReviewsCase,
)

from .common_reports import ReportsMixin


@tagged("post_install", "-at_install")
class TestReportReview(ReportsMixin, HccReviewsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_uk_english()
        with freeze_time("2026-03-15"):
            cls.contract = cls._create_contract()
            cls.contract.action_activate()
        with freeze_time("2028-01-10"):
            cls.env["hcc.contract"]._cron_contract_reviews()
        cls.review = cls.contract.review_ids

    @freeze_time("2028-02-01")
    def test_review_report_prints_the_five_questions_and_the_decision(self):
        review = self.review.with_user(self.user_sm)
        review.write(dict(COMPLETE_ANSWERS, informed_provider_date="2028-02-01"))
        review.action_done()
        text = self._render_text("action_report_contract_review", review, self.user_sm)
        self.assertAllIn(
            [
                "Contract review",
                "Test Provider Ltd",
                "31/03/2029",  # end date
                "31/03/2028",  # review due by
                "01/02/2028",  # completed, and provider informed
                "Has the contract met service needs?",
                "All referrals met within target.",
                "Does the service specification need to be amended?",
                "Has the contract represented value for money?",
                "Partly",
                "Unit cost above benchmark in one quarter.",
                "Should the contract be renewed?",
                "If so, what is the preferred tendering approach?",
                "Single tender negotiation",
                "Survey: 90% satisfied.",
                "Renew",
            ],
            text,
        )

    def test_review_report_shows_the_extension_options_left(self):
        contract = self.contract.sudo()
        # a signed term: recorded as the superuser here, by a revision in use
        contract.date_end_max = "2031-03-31"
        self.env["hcc.contract.option"].create(
            {
                "contract_id": contract.id,
                "length_months": 12,
                "date_decide": "2028-09-30",
            }
        )
        text = self._render_text(
            "action_report_contract_review", self.review, self.user_sm
        )
        self.assertAllIn(
            [
                "Extension options",
                "30/09/2028",  # decide by
                "31/03/2030",  # new end date
                "To Decide",
                "1 left (12 months), next to decide by 30/09/2028",
                "31/03/2031",  # maximum term
            ],
            text,
        )

    def test_review_report_respects_access_rights(self):
        with self.assertRaises(AccessError):
            self._render_text(
                "action_report_contract_review", self.review, self.user_sm_south
            )
