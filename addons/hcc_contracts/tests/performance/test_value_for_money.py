from freezegun import freeze_time

from odoo.tests import tagged

from .common_performance import HccPerformanceCase


@tagged("post_install", "-at_install")
class TestValueForMoney(HccPerformanceCase):
    """Value for money (6.3, 12.6) reads the units delivered from the accepted
    data returns of the financial year so far."""

    @freeze_time("2026-06-30")
    def test_block_contract_paid_for_but_not_delivered(self):
        # £36,500 a year for 3,650 units: £100 and 10 units a day
        contract = self._active_contract(
            annual_value=36500.0, commissioned_volume=3650.0
        )
        as_finance = contract.with_user(self.user_finance)
        self.assertFalse(as_finance.vfm_has_delivery_data)
        self.assertIn("No delivery data yet", as_finance.vfm_message)

        self._accepted(contract, "2026-04-01", "2026-04-30", 300.0)
        self._accepted(contract, "2026-05-01", "2026-05-31", 310.0)
        # received but not accepted yet: does not count
        self._return(
            contract,
            "2026-06-01",
            "2026-06-30",
            units_delivered=999.0,
            date_received="2026-06-30",
        )
        contract.invalidate_recordset()
        as_finance = contract.with_user(self.user_finance)
        # 1 April to 30 June: 91 days
        self.assertAlmostEqual(as_finance.vfm_period_cost, 9100.0)
        self.assertAlmostEqual(as_finance.vfm_expected_units, 910.0)
        self.assertTrue(as_finance.vfm_has_delivery_data)
        self.assertAlmostEqual(as_finance.vfm_delivered_units, 610.0)
        self.assertAlmostEqual(as_finance.vfm_unit_cost_delivered, 9100.0 / 610.0, 2)
        self.assertAlmostEqual(as_finance.vfm_undelivered_share, 300.0 / 910.0 * 100, 2)
        self.assertAlmostEqual(as_finance.vfm_undelivered_value, 3000.0, 2)
        self.assertEqual(as_finance.vfm_period, "01/04/2026 to 30/06/2026")
