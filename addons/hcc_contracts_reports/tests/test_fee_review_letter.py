from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.notices.common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestFeeReviewLetter(HccNoticesCase):
    """Each revision a fee review applies has its variation letter printed
    and filed on it, so the provider's letter is in the contract file."""

    def test_fee_review_files_the_variation_letter(self):
        second = self._create_contract(title="Second day care")
        second.action_activate()
        with freeze_time("2027-02-15"):
            review = (
                self.env["hcc.fee.review"]
                .with_user(self.user_cm)
                .create(
                    {
                        "title": "Fee review 2027/28",
                        "financial_year": "2027/28",
                        "date_effective": "2027-04-01",
                        "rule_ids": [(0, 0, {"method": "percent", "percent": 5.0})],
                    }
                )
            )
            review.action_preview()
            review.action_approve()
        with freeze_time("2027-03-10"):
            review.with_user(self.user_cso).with_context(
                force_report_rendering=True
            ).action_apply()
        # one rendering for the batch, one letter filed on each revision
        revisions = review.line_ids.revision_id
        self.assertEqual(len(revisions), 2)
        for revision in revisions:
            self.assertEqual(revision.state, "applied")
            letter = self.env["ir.attachment"].search(
                [
                    ("res_model", "=", "hcc.contract.revision"),
                    ("res_id", "=", revision.id),
                    ("hcc_document_type", "=", "variation_letter"),
                ]
            )
            self.assertEqual(len(letter), 1)
            self.assertTrue(letter.raw.startswith(b"%PDF"))
            self.assertFalse(revision.no_letter_reason)
        self.assertEqual(self.contract.annual_value, 126000.0)
        self.assertEqual(second.annual_value, 126000.0)
