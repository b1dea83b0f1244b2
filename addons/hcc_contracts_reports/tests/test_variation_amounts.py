"""The amounts of a variation are printed with their currency (issue 43,
point 2): the variation letter and the contract summary read "£150,000.00",
not a bare "150,000.00"."""

import re

from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.common import create_before_events
from odoo.addons.hcc_contracts.tests.notices.common_notices import HccNoticesCase

from .common_reports import ReportsMixin


@tagged("post_install", "-at_install")
class TestVariationAmounts(ReportsMixin, HccNoticesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_uk_english()

    def _text(self, report, records):
        # spaces as the reader sees them (a no-break space, line breaks)
        text = self._render_text(report, records, self.user_cso)
        return re.sub(r"\s+", " ", text)

    def test_variation_amounts_carry_their_currency(self):
        revision = create_before_events(
            self.env["hcc.contract.revision"],
            {
                "contract_id": self.contract.id,
                "title": "More places",
                "description": "<p>Ten more places from September.</p>",
                "reason": "demand",
                "cso_consulted_id": self.user_cso.id,
                "date_cso_consulted": "2026-07-01",
                "date_provider_informed": "2026-07-20",
                "no_letter_reason": "Agreed at the meeting and minuted.",
                "line_ids": [
                    (0, 0, {"field_name": "annual_value", "new_float": 1.5e5}),
                    (0, 0, {"field_name": "date_end", "new_date": "2030-03-31"}),
                ],
            },
            ("date_cso_consulted", "date_provider_informed"),
        )
        self.assertEqual(self.contract.currency_id, self.gbp)
        text = self._text("report_variation_letter", revision)
        # to the provider, whose contract manager is not named yet
        self.assertIn("Dear %s" % self.contract.partner_id.name, text)
        self.assertIn("£ 120,000.00", text)
        self.assertIn("£ 150,000.00", text)
        self.assertIn("31/03/2030", text, "a date stays a date")
        revision.action_mark_consulted()
        revision.action_approve()
        revision.with_user(self.user_cso).action_apply()
        text = self._text("report_contract_summary", self.contract)
        self.assertIn("£ 120,000.00", text)
        self.assertIn("£ 150,000.00", text)

    def test_variation_letter_to_the_contract_manager(self):
        manager = self.env["res.partner"].create(
            {"name": "Jane Contracts", "parent_id": self.contract.partner_id.id}
        )
        self.contract.provider_contact_id = manager
        revision = self.env["hcc.contract.revision"].create(
            {
                "contract_id": self.contract.id,
                "title": "More places",
                "description": "<p>Ten more places from September.</p>",
                "reason": "demand",
            }
        )
        text = self._text("report_variation_letter", revision)
        self.assertIn("Dear Jane Contracts", text)
        self.assertNotIn("Dear %s" % self.contract.partner_id.name, text)
