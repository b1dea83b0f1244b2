from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractValidation(HccContractsCase):
    def test_end_must_follow_start(self):
        with self.assertRaisesRegex(ValidationError, "end date must be after"):
            self._create_contract(date_start="2026-04-01", date_end="2026-03-31")
        with self.assertRaisesRegex(ValidationError, "end date must be after"):
            self._create_contract(date_start="2026-04-01", date_end="2026-04-01")

    def test_changing_dates_to_invalid_is_refused_and_nothing_changes(self):
        contract = self._create_contract()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            contract.write({"date_end": "2025-01-01", "title": "Changed"})
        contract.invalidate_recordset()
        self.assertEqual(str(contract.date_end), "2029-03-31")
        self.assertEqual(contract.title, "Day care block contract")

    def test_value_not_negative(self):
        with self.assertRaisesRegex(ValidationError, "annual value cannot be negative"):
            self._create_contract(annual_value=-1.0)
        contract = self._create_contract(annual_value=0.0)
        self.assertEqual(contract.annual_value, 0.0)

    def test_volume_and_price_not_negative(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._create_contract(commissioned_volume=-5)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._create_contract(unit_price=-0.01)

    def test_meeting_interval_at_least_twice_a_year(self):
        with self.assertRaisesRegex(ValidationError, "at least twice a year"):
            self._create_contract(meeting_interval_months=7)
        with self.assertRaisesRegex(ValidationError, "at least twice a year"):
            self._create_contract(meeting_interval_months=0)
        self.assertEqual(self._create_contract().meeting_interval_months, 6)

    def test_defaults_follow_the_procedure(self):
        contract = self.env["hcc.contract"].create(
            {
                "title": "Defaults",
                "partner_id": self.provider.id,
                "locality_id": self.locality_north.id,
            }
        )
        self.assertEqual(contract.currency_id, self.gbp)
        self.assertEqual(contract.meeting_interval_months, 6)
        self.assertEqual(contract.data_return_frequency, "monthly")
        self.assertTrue(contract.requires_satisfaction_survey)
        self.assertTrue(contract.requires_activity_information)
        self.assertEqual(contract.payment_basis, "delivered")
        self.assertIn("age range", contract.data_return_type)

    def test_review_due_and_unit_cost(self):
        contract = self._create_contract(date_end="2029-03-31")
        self.assertEqual(str(contract.review_due_date), "2028-03-31")
        self.assertAlmostEqual(contract.unit_cost_commissioned, 20.0)
        contract.date_end = "2028-02-29"
        self.assertEqual(str(contract.review_due_date), "2027-02-28")
        contract.commissioned_volume = 0
        self.assertEqual(contract.unit_cost_commissioned, 0.0)
