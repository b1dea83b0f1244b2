from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.hcc_contracts.tests.common import HccContractsCase


@tagged("post_install", "-at_install", "hcc_tour")
class TestFeeReviewTour(HccContractsCase, HttpCase):
    """In a browser (issue 41): Finance previews a fee review, the County
    Manager approves it, the CSO applies it, and the provider's contact reads
    the new rate on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.user_finance | cls.user_cm | cls.user_cso).write(
            {"lang": "en_GB", "tz": "Europe/London"}
        )
        contact = cls.env["res.partner"].create(
            {
                "name": "Fiona Fees",
                "email": "fiona@provider.example",
                "parent_id": cls.provider.id,
            }
        )
        new_test_user(
            cls.env,
            login="hcc_tour_fees",
            groups="base.group_portal",
            partner_id=contact.id,
            name=contact.name,
            email=contact.email,
        )
        cls.contract = cls._create_contract(
            title="Tour home care",
            payment_basis="delivered",
            unit_price=20.0,
            annual_value=50000.0,
            date_end="2030-03-31",
        )
        cls.contract.action_activate()

    def test_fee_review_previewed_approved_applied_and_seen(self):
        self.start_tour(
            "/odoo/action-hcc_contracts.hcc_fee_review_action",
            "hcc_finance_fee_review_preview",
            login="hcc_finance",
        )
        review = self.env["hcc.fee.review"].search([("title", "=", "Tour fee review")])
        self.assertEqual(review.state, "previewed")
        self.assertEqual(review.previewed_by_id, self.user_finance)
        url = f"/odoo/action-hcc_contracts.hcc_fee_review_action/{review.id}"
        self.start_tour(url, "hcc_cm_fee_review_approve", login="hcc_cm")
        self.assertEqual(review.approved_by_id, self.user_cm)
        self.start_tour(url, "hcc_cso_fee_review_apply", login="hcc_cso")
        self.assertEqual(review.state, "applied")
        self.assertEqual(self.contract.unit_price, 21.0)
        self.start_tour(
            f"/my/contracts/{self.contract.id}",
            "hcc_provider_fee_review_rate",
            login="hcc_tour_fees",
        )
