from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ...models.hcc_scheduler import BATCH_SIZE_PARAM
from ...tools import financial_year as fy
from ..notices.common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestFeeReview(HccNoticesCase):
    """The annual fee review (issue 41): rules by care group, service type,
    payment basis or provider, a preview against the year's budgets, the
    County Manager's approval and one revision per contract, applied in
    batches that resume and never twice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.learning = cls.env["hcc.care.group"].create({"name": "Test Learning"})
        cls.other_provider = cls.env["res.partner"].create(
            {"name": "Test Open Book Care", "is_company": True}
        )
        # self.contract: block day care for older people, £120,000 a year
        cls.home_care = cls._active(
            title="Home care",
            payment_basis="delivered",
            unit_price=20.0,
            annual_value=50000.0,
            commissioned_volume=2500.0,
            care_group_id=cls.learning.id,
        )
        cls.open_book = cls._active(
            title="Supported living",
            payment_basis="delivered",
            unit_price=25.0,
            annual_value=40000.0,
            commissioned_volume=1600.0,
            partner_id=cls.other_provider.id,
        )
        cls.ending = cls._active(title="Ending", date_end="2027-03-31")

    @classmethod
    def _active(cls, **overrides):
        contract = cls._create_contract(**overrides)
        contract.action_activate()
        return contract

    def _round(self, user=None, rules=None):
        rules = rules or [
            {"method": "percent", "percent": 6.7, "note": "National Living Wage"},
            {
                "care_group_id": self.learning.id,
                "method": "rate",
                "new_unit_price": 22.0,
            },
            {"partner_id": self.other_provider.id, "method": "percent", "percent": 3.0},
        ]
        Review = self.env["hcc.fee.review"].with_user(user or self.user_finance)
        return Review.create(
            {
                "title": "Fee review 2027/28",
                "financial_year": "2027/28",
                "date_effective": "2027-04-01",
                "rule_ids": [(0, 0, vals) for vals in rules],
            }
        )

    def _line(self, review, contract):
        return review.line_ids.filtered(lambda line: line.contract_id == contract)

    @freeze_time("2027-02-15")
    def test_preview_across_bases_and_care_groups(self):
        budget = self.env["hcc.contract.budget"].create(
            {
                "contract_id": self.contract.id,
                "financial_year": "2027/28",
                "budgeted_amount": 125000.0,
            }
        )
        review = self._round()
        self.assertEqual(review.rule_ids[0].set_by_id, self.user_finance)
        bodies = " ".join(review.message_ids.mapped("body"))
        self.assertIn("Rule set by Hcc Finance", bodies)
        review.action_preview()
        self.assertEqual(review.state, "previewed")
        day_care = self._line(review, self.contract)
        self.assertEqual(day_care.new_annual_value, 128040.0)
        self.assertEqual(day_care.year_cost, 8040.0)
        self.assertEqual(day_care.budget_id, budget)
        self.assertEqual(day_care.headroom, 125000.0 - 120000.0 - 8040.0)
        # the care group's new rate wins over the general uplift
        home = self._line(review, self.home_care)
        self.assertEqual((home.new_unit_price, home.new_annual_value), (22.0, 55000.0))
        self.assertEqual(home.year_cost, 5000.0)
        # the provider's rule wins over the rest
        book = self._line(review, self.open_book)
        self.assertEqual((book.new_unit_price, book.new_annual_value), (25.75, 41200.0))
        ended = self._line(review, self.ending)
        self.assertEqual((ended.state, ended.skip_reason), ("skipped", "ended"))
        self.assertEqual(review.contract_count, 3)
        self.assertEqual(review.total_year_cost, 8040.0 + 5000.0 + 1200.0)
        self.assertIn("Test North", review.summary_html)
        # nothing changed yet
        self.assertEqual(self.home_care.unit_price, 20.0)

    @freeze_time("2027-02-15")
    def test_only_the_county_manager_approves(self):
        review = self._round()
        review.action_preview()
        for user in (self.user_cso, self.user_sm, self.user_finance):
            with self.assertRaises(AccessError):
                review.with_user(user).action_approve()
        self.assertEqual(review.state, "previewed")
        with self.assertRaises(AccessError):
            review.with_user(self.user_sm).action_preview()
        review.with_user(self.user_cm).action_approve()
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.approved_by_id, self.user_cm)
        # a Service Manager or Finance does not apply it
        for user in (self.user_sm, self.user_finance):
            with self.assertRaises(AccessError):
                review.with_user(user).action_apply()
        # the rules are fixed once previewed
        with self.assertRaises(UserError):
            review.rule_ids[0].with_user(self.user_finance).percent = 10.0
        with self.assertRaises(UserError):
            review.with_user(self.user_cm).unlink()

    def test_apply_one_revision_per_contract(self):
        with freeze_time("2027-02-15"):
            review = self._round()
            review.action_preview()
            review.with_user(self.user_cm).action_approve()
        with freeze_time("2027-03-10"):
            review.with_user(self.user_cso).action_apply()
        self.assertEqual(review.state, "applied")
        self.assertEqual(review.applied_count, 3)
        revision = self._line(review, self.home_care).revision_id
        self.assertEqual(revision.state, "applied")
        self.assertEqual(revision.fee_review_id, review)
        self.assertEqual(revision.reason, "fee_review")
        self.assertEqual(revision.applied_by_id, self.user_cso)
        self.assertEqual(
            sorted(revision.line_ids.mapped("field_name")),
            ["annual_value", "unit_price"],
        )
        self.assertEqual(self.home_care.unit_price, 22.0)
        self.assertEqual(self.home_care.revision_count, 1)
        # the old price until the effective date, the new one from it
        terms = self.home_care._terms_as_at
        self.assertEqual(terms("2027-03-31")["unit_price"], 20.0)
        self.assertEqual(terms("2027-04-01")["unit_price"], 22.0)
        self.assertFalse(self.ending.revision_ids)

    def test_skipped_contracts_say_why(self):
        notice_contract = self._active(title="Under notice")
        self._served_notice(contract=notice_contract)
        with freeze_time("2027-02-15"):
            review = self._round(
                rules=[{"method": "percent", "percent": 5.0}], user=self.user_cm
            )
            review.action_preview()
            review.action_approve()
        # varied for the same date after the preview: skipped when applied
        with freeze_time("2027-03-01"):
            revision = self.env["hcc.contract.revision"].create(
                {
                    "contract_id": self.open_book.id,
                    "title": "Agreed rate",
                    "description": "<p>Open-book rate.</p>",
                    "reason": "other",
                    "date_effective": "2027-04-01",
                    "cso_consulted_id": self.user_cso.id,
                    "date_cso_consulted": "2027-03-01",
                    "line_ids": [
                        (0, 0, {"field_name": "unit_price", "new_float": 30.0})
                    ],
                }
            )
            revision.action_mark_consulted()
            revision.action_approve()
        with freeze_time("2027-03-10"):
            review.with_user(self.user_cso).action_apply()
        reasons = {
            line.contract_id: line.skip_reason
            for line in review.line_ids
            if line.state == "skipped"
        }
        self.assertEqual(
            reasons,
            {
                notice_contract: "notice",
                self.ending: "ended",
                self.open_book: "varied",
            },
        )
        self.assertEqual(self.open_book.unit_price, 25.0)
        self.assertFalse(notice_contract.revision_ids)

    def test_apply_resumes_in_batches_and_never_twice(self):
        self.env["ir.config_parameter"].sudo().set_param(BATCH_SIZE_PARAM, "1")
        self.provider.lang = "en_GB"
        self.other_provider.lang = "en_US"
        with freeze_time("2027-02-15"):
            review = self._round()
            review.action_preview()
            review.with_user(self.user_cm).action_approve()
        Review = self.env["hcc.fee.review"]
        with freeze_time("2027-03-10"):
            # the CSO's click applies the first batch; the cron the rest
            review.with_user(self.user_cso).action_apply()
            self.assertEqual(review.state, "applying")
            self.assertEqual(review.applied_count, 1)
            # interrupted after a batch: the next call resumes
            Review._cron_apply_fee_reviews()
            self.assertEqual(review.applied_count, 2)
            Review._cron_apply_fee_reviews()
            self.assertEqual(review.applied_count, 3)
            self.assertEqual(review.state, "applied")
            revisions = self.env["hcc.contract.revision"].search(
                [("fee_review_id", "=", review.id)]
            )
            self.assertEqual(len(revisions), 3)
            # each letter's wording in its provider's language, whoever
            # applied it (the CSO in English (UK), the scheduler in its own)
            for revision in revisions:
                self.assertIn(
                    "in force from 01/04/2027"
                    if revision.contract_id.partner_id == self.provider
                    else "in force from 04/01/2027",
                    revision.description,
                )
            # again: nothing more
            self.assertEqual(Review._cron_apply_fee_reviews(), (0, 0))
            self.assertEqual(
                self.env["hcc.contract.revision"].search_count(
                    [("fee_review_id", "=", review.id)]
                ),
                3,
            )
        self.assertEqual(self.home_care.unit_price, 22.0)

    @freeze_time("2027-02-15")
    def test_rules_as_specific_as_each_other_must_agree(self):
        review = self._round(
            rules=[
                {
                    "care_group_id": self.learning.id,
                    "method": "percent",
                    "percent": 2.0,
                },
                {"payment_basis": "delivered", "method": "percent", "percent": 4.0},
                {"service_type_id": self.service_type.id, "method": "none"},
            ]
        )
        review.action_preview()
        # the service type (4) beats the care group (2) and the basis (1)
        line = self._line(review, self.home_care)
        self.assertEqual(line.new_unit_price, 20.0)
        self.assertEqual((line.state, line.skip_reason), ("skipped", "no_change"))
        review.action_back_to_draft()
        review.rule_ids[2].unlink()
        review.rule_ids.write({"payment_basis": "delivered", "care_group_id": False})
        with self.assertRaisesMessage(UserError, "as specific as each other"):
            review.action_preview()

    def test_failed_contracts_are_kept_and_applied_again(self):
        """A contract whose revision cannot be applied does not stop the
        round nor is met again at every call: its line is failed with the
        error, counted on the round, which finishes "with failures"; once
        the cause is fixed a CSO applies the failed contracts again."""
        self.env["ir.config_parameter"].sudo().set_param(BATCH_SIZE_PARAM, "1")
        with freeze_time("2027-02-15"):
            review = self._round()
            review.action_preview()
            review.with_user(self.user_cm).action_approve()
        Review = self.env["hcc.fee.review"]
        cso_group = self.env.ref("hcc_contracts.group_support_officer")
        with freeze_time("2027-03-10"):
            review.with_user(self.user_cso).action_apply()
            self.assertEqual(review.applied_count, 1)
            # the CSO who applied the round leaves the team before the
            # scheduled action has varied the other contracts
            self.user_cso.groups_id = [(3, cso_group.id)]
            self.assertEqual(Review._cron_apply_fee_reviews(), (0, 1))
            self.assertEqual(Review._cron_apply_fee_reviews(), (0, 0))
            # never met again
            self.assertEqual(Review._cron_apply_fee_reviews(), (0, 0))
        failed = review.line_ids.filtered(lambda line: line.state == "failed")
        self.assertEqual(len(failed), 2)
        self.assertEqual(review.state, "applied")
        self.assertEqual((review.applied_count, review.failed_count), (1, 2))
        for line in failed:
            self.assertIn("Hcc Cso", line.failure_message)
            self.assertFalse(line.revision_id)
            self.assertFalse(line.contract_id.revision_ids)
        self.assertIn(
            "applied with 2 failures", review.message_ids[:1].body.striptags()
        )
        # the CSO or the County Manager sees them among the round's lines
        for user in (self.user_cso, self.user_cm):
            action = review.with_user(user).action_view_lines()
            shown = (
                self.env["hcc.fee.review.line"]
                .with_user(user)
                .search(action["domain"] + [("state", "=", "failed")])
            )
            self.assertEqual(shown, failed)
        # applied again by one who is not a CSO: refused
        for user in (self.user_cso, self.user_finance, self.user_sm):
            with self.assertRaises(AccessError):
                review.with_user(user).action_retry_failed()
        # the cause fixed: another CSO applies the failed contracts again
        other_cso = new_test_user(
            self.env,
            login="hcc_cso_two",
            groups="base.group_user,hcc_contracts.group_support_officer",
            name="Second Cso",
        )
        with freeze_time("2027-03-12"):
            review.with_user(other_cso).action_retry_failed()
            self.assertEqual(review.state, "applying")
            self.assertEqual(review.failed_count, 0)
            Review._cron_apply_fee_reviews()
        self.assertEqual(review.state, "applied")
        self.assertEqual((review.applied_count, review.failed_count), (3, 0))
        self.assertEqual(review.applied_by_id, other_cso)
        self.assertFalse(any(review.line_ids.mapped("failure_message")))
        for line in failed:
            self.assertEqual(line.revision_id.applied_by_id, other_cso)
            self.assertEqual(line.revision_id.state, "applied")
        self.assertEqual(self.home_care.unit_price, 22.0)
        # nothing left to apply again
        with self.assertRaises(UserError):
            review.with_user(other_cso).action_retry_failed()

    def test_value_for_money_either_side_of_the_round(self):
        """A round applied in March for 1 April: the year's cost counts the
        days before 1 April at the old annual value, those after at the
        new one."""
        with freeze_time("2027-02-15"):
            review = self._round(rules=[{"method": "percent", "percent": 10.0}])
            review.action_preview()
            review.with_user(self.user_cm).action_approve()
        with freeze_time("2027-03-10"):
            review.with_user(self.user_cso).action_apply()
        self.assertEqual(self.contract.annual_value, 132000.0)
        contract = self.contract.with_user(self.user_sm)
        with freeze_time("2027-03-31"):
            contract.invalidate_recordset()
            march = contract.vfm_period_cost
        with freeze_time("2027-06-30"):
            contract.invalidate_recordset()
            june = contract.vfm_period_cost
        # March at the old annual value, the new year from 1 April at the new
        contract = self.contract
        before = fy.overlap_days(
            contract.date_start,
            contract.date_end,
            date(2026, 4, 1),
            date(2027, 3, 31),
        )
        after = fy.overlap_days(
            contract.date_start,
            contract.date_end,
            date(2027, 4, 1),
            date(2027, 6, 30),
        )
        self.assertGreater(before, 0)
        self.assertEqual(after, 91)
        self.assertAlmostEqual(march, 120000.0 * before / 365, places=2)
        self.assertAlmostEqual(june, 132000.0 * after / 366, places=2)
