import io

import lxml.html
from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from odoo.addons.hcc_contracts.tests.notices.common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestFeeReviewLetter(HccNoticesCase):
    """Each revision a fee review applies has its variation letter printed
    and filed on it, so the provider's letter is in the contract file. The
    letters of a batch are printed in one rendering that Odoo splits per
    revision; where wkhtmltopdf prints one document a call (built without its
    patched Qt, as Debian's is), each letter is printed on its own. These
    tests print real PDFs with the wkhtmltopdf installed."""

    def _applied_round(self, contracts):
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
        # one rendering for the batch, split into each revision's PDF (or, with
        # a wkhtmltopdf without the patched Qt, a letter a rendering): no
        # batch failing and its letters printed again on their own
        with (
            freeze_time("2027-03-10"),
            self.assertNoLogs(
                "odoo.addons.hcc_contracts_reports.models.hcc_contract_revision",
                "WARNING",
            ),
        ):
            review.with_user(self.user_cso).with_context(
                force_report_rendering=True
            ).action_apply()
        self.assertEqual(review.state, "applied")
        self.assertEqual(review.line_ids.contract_id, contracts)
        return review

    def test_fee_review_files_the_variation_letter(self):
        contracts = self.contract
        for title in ("Second day care", "Third day care"):
            contract = self._create_contract(title=title)
            contract.action_activate()
            contracts |= contract
        review = self._applied_round(contracts)
        # one letter filed on each revision, its own
        revisions = review.line_ids.revision_id
        self.assertEqual(len(revisions), 3)
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
            reader = PdfFileReader(io.BytesIO(letter.raw))
            text = "".join(page.extract_text() for page in reader.pages)
            self.assertIn(revision.contract_id.name, text)
            for other in revisions - revision:
                self.assertNotIn(other.contract_id.name, text)
            self.assertFalse(revision.no_letter_reason)
        for contract in contracts:
            self.assertEqual(contract.annual_value, 126000.0)

    def test_one_top_level_heading_per_letter(self):
        """Odoo splits the PDF of letters printed together at their
        top-level headings (the PDF's outlines): each letter has exactly one,
        its first heading, at the same level (h1) in every letter."""
        second = self._create_contract(title="Second day care")
        second.action_activate()
        review = self._applied_round(self.contract | second)
        revisions = review.line_ids.revision_id
        html, _fmt = self.env["ir.actions.report"]._render_qweb_html(
            "hcc_contracts_reports.action_report_variation_letter", revisions.ids
        )
        root = lxml.html.fromstring(html)
        articles = root.xpath(
            "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"
        )
        self.assertEqual(len(articles), 2)
        tops = []
        for article in articles:
            headings = article.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")
            top = min(int(heading.tag[1]) for heading in headings)
            self.assertEqual(int(headings[0].tag[1]), top)
            self.assertEqual(
                [heading for heading in headings if int(heading.tag[1]) == top],
                headings[:1],
            )
            tops.append(top)
            self.assertIn("Variation of contract", headings[0].text_content())
        self.assertEqual(set(tops), {1})
