import base64
import re

from odoo.tests import tagged

from .common_portal import HccPortalCase


@tagged("post_install", "-at_install")
class TestPortalFeeReview(HccPortalCase):
    """A provider sees on its contract's page the unit price in force, the
    new rate a fee review applied ahead of its effective date, and the
    variation with the letter the council filed (issue 41)."""

    def test_provider_sees_the_new_rate_and_its_letter(self):
        contract = self._create_contract(
            title="Alpha home care",
            payment_basis="delivered",
            unit_price=20.0,
            annual_value=50000.0,
        )
        contract.action_activate()
        review = (
            self.env["hcc.fee.review"]
            .with_user(self.user_cm)
            .create(
                {
                    "title": "Fee review 2027/28",
                    "financial_year": "2027/28",
                    "date_effective": "2027-04-01",
                    "rule_ids": [
                        (0, 0, {"method": "percent", "percent": 5.0}),
                    ],
                }
            )
        )
        review.action_preview()
        review.action_approve()
        review.with_user(self.user_cso).action_apply()
        revision = review.line_ids.filtered(
            lambda line: line.contract_id == contract
        ).revision_id
        self.assertEqual(revision.state, "applied")
        letter = self.env["ir.attachment"].create(
            {
                "name": "Variation letter.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 letter"),
                "res_model": "hcc.contract.revision",
                "res_id": revision.id,
                "hcc_document_type": "variation_letter",
            }
        )
        self.authenticate("portal_a", "portal_a")
        page = self.url_open(f"/my/contracts/{contract.id}").text
        self.assertIn("o_hcc_unit_price_next", page)
        price = re.search(r'o_hcc_unit_price">(.*?)</dd>', page, re.S).group(1)
        now, _sep, upcoming = price.partition("o_hcc_unit_price_next")
        self.assertIn('oe_currency_value">20.00', now)
        self.assertIn('oe_currency_value">21.00', upcoming)
        self.assertIn("From 1 Apr 2027", upcoming)
        self.assertIn(revision.name, page)
        self.assertIn(f"/web/content/{letter.id}?access_token=", page)
        # another provider's user does not reach the page
        self.authenticate("portal_b", "portal_b")
        response = self.url_open(f"/my/contracts/{contract.id}")
        self.assertEqual(response.status_code, 404)
