from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common_statutory import HccStatutoryCase


@tagged("post_install", "-at_install")
class TestFeeReviewChangeNotice(HccStatutoryCase):
    """A revision made by a fee review round is a qualifying modification
    when it changes the value of a contract let under the Act by more than
    10 %, and its contract change notice (UK10) falls due as for a revision
    raised by hand; a smaller uplift has none."""

    def test_round_drafts_the_change_notice_of_a_qualifying_change(self):
        other_provider = self.env["res.partner"].create(
            {"name": "Test Small Uplift Care", "is_company": True}
        )
        big = self._live_contract(300000.0, light_touch=False)
        small = self._live_contract(
            300000.0, light_touch=False, partner_id=other_provider.id
        )
        with freeze_time("2027-02-15"):
            review = (
                self.env["hcc.fee.review"]
                .with_user(self.user_cm)
                .create(
                    {
                        "title": "Fee review 2027/28",
                        "financial_year": "2027/28",
                        "date_effective": "2027-04-01",
                        "rule_ids": [
                            (0, 0, {"method": "percent", "percent": 12.0}),
                            (
                                0,
                                0,
                                {
                                    "partner_id": other_provider.id,
                                    "method": "percent",
                                    "percent": 5.0,
                                },
                            ),
                        ],
                    }
                )
            )
            review.action_preview()
            review.action_approve()
        with freeze_time("2027-03-10"):
            review.with_user(self.user_cso).action_apply()
        self.assertEqual(review.state, "applied")
        lines = {line.contract_id: line for line in review.line_ids}
        big_revision = lines[big].revision_id
        small_revision = lines[small].revision_id
        self.assertEqual(big_revision.state, "applied")
        self.assertTrue(big_revision.is_qualifying_modification)
        self.assertFalse(small_revision.is_qualifying_modification)
        with freeze_time("2027-03-11"):
            self._run_cron_twice()
        notice = self._notices(big)
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.notice_kind, "contract_change")
        self.assertEqual(notice.revision_id, big_revision)
        self.assertEqual(notice.date_due, fields.Date.to_date("2027-04-01"))
        self.assertIn(big_revision.name, notice.reason)
        self.assertFalse(self._notices(small))
