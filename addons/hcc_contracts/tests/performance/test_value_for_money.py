from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..view_spec import arch_specification, view_specification
from .common_performance import HccPerformanceCase


@tagged("post_install", "-at_install")
class TestValueForMoney(HccPerformanceCase):
    """Value for money (6.3, 12.6): the contract value due to date runs to
    today, while delivery is compared with the volume commissioned over the
    same months, those whose activity data has been accepted."""

    @freeze_time("2026-06-30")
    def test_block_contract_compares_the_same_months(self):
        # £36,500 a year for 3,650 units: £100 and 10 units a day
        contract = self._active_contract(
            annual_value=36500.0, commissioned_volume=3650.0
        )
        as_finance = contract.with_user(self.user_finance)
        self.assertFalse(as_finance.vfm_has_delivery_data)
        self.assertFalse(as_finance.vfm_data_period)
        self.assertIn("No delivery data yet", as_finance.vfm_message)

        self._accepted(contract, "2026-04-01", "2026-04-30", 300.0)
        self._accepted(contract, "2026-05-01", "2026-05-31", 250.0)
        # received but not accepted yet: neither its units nor its month count
        self._return(
            contract,
            "2026-06-01",
            "2026-06-30",
            units_delivered=999.0,
            date_received="2026-06-30",
        )
        contract.invalidate_recordset()
        as_finance = contract.with_user(self.user_finance)
        # due to date: 1 April to 30 June, 91 days
        self.assertEqual(as_finance.vfm_period, "01/04/2026 to 30/06/2026")
        self.assertAlmostEqual(as_finance.vfm_period_cost, 9100.0)
        # delivery: April and May only, 61 days
        self.assertTrue(as_finance.vfm_has_delivery_data)
        self.assertEqual(as_finance.vfm_data_period, "01/04/2026 to 31/05/2026")
        self.assertAlmostEqual(as_finance.vfm_data_cost, 6100.0)
        self.assertAlmostEqual(as_finance.vfm_expected_units, 610.0)
        self.assertAlmostEqual(as_finance.vfm_delivered_units, 550.0)
        self.assertAlmostEqual(as_finance.vfm_utilisation, 550.0 / 610.0 * 100, 2)
        self.assertAlmostEqual(as_finance.vfm_unit_cost_delivered, 6100.0 / 550.0, 2)
        # 60 of the 610 units commissioned in those months were not delivered:
        # the share and the utilisation add up to 100%
        self.assertAlmostEqual(as_finance.vfm_undelivered_share, 60.0 / 610.0 * 100, 2)
        self.assertAlmostEqual(
            as_finance.vfm_undelivered_share + as_finance.vfm_utilisation, 100.0, 6
        )
        self.assertAlmostEqual(as_finance.vfm_undelivered_value, 600.0, 2)
        # comparing the 91 days commissioned with the 61 days of data would
        # have said a third was paid for and not delivered
        self.assertLess(as_finance.vfm_undelivered_share, 10.0)
        # the Performance tab's utilisation (every accepted return, by the
        # returns' own commissioned units) tells the same story
        self.assertLess(abs(as_finance.utilisation - as_finance.vfm_utilisation), 2.0)

    @freeze_time("2026-06-30")
    def test_pay_for_delivered_contract_has_no_undelivered_value(self):
        contract = self._active_contract(
            annual_value=36500.0,
            commissioned_volume=3650.0,
            payment_basis="delivered",
            unit_price=10.0,
        )
        self._accepted(contract, "2026-04-01", "2026-04-30", 200.0)
        contract.invalidate_recordset()
        as_finance = contract.with_user(self.user_finance)
        self.assertEqual(as_finance.vfm_data_period, "01/04/2026 to 30/04/2026")
        self.assertAlmostEqual(as_finance.vfm_expected_units, 300.0)
        self.assertAlmostEqual(as_finance.vfm_utilisation, 200.0 / 300.0 * 100, 2)
        self.assertEqual(as_finance.vfm_undelivered_share, 0.0)
        self.assertEqual(as_finance.vfm_undelivered_value, 0.0)

    @freeze_time("2026-06-30")
    def test_value_for_money_opens_in_its_own_window(self):
        contract = self._active_contract(
            annual_value=36500.0, commissioned_volume=3650.0
        )
        self._accepted(contract, "2026-04-01", "2026-04-30", 300.0)
        contract.invalidate_recordset()
        # opening the contract works none of it out
        form = view_specification(self.env, "hcc.contract", "form")
        self.assertFalse([name for name in form if name.startswith("vfm_")])
        for user in (self.user_finance, self.user_sm, self.user_viewer, self.user_cm):
            as_user = contract.with_user(user)
            action = as_user.action_view_value_for_money()
            self.assertEqual(
                (action["res_model"], action["res_id"], action["target"]),
                ("hcc.contract", contract.id, "new"),
            )
            arch = as_user.get_views(action["views"])["views"]["form"]["arch"]
            spec = arch_specification(
                as_user.env, "hcc.contract", etree.fromstring(arch)
            )
            self.assertIn("vfm_utilisation", spec)
            values = as_user.web_read(spec)[0]
            self.assertEqual(values["vfm_data_period"], "01/04/2026 to 30/04/2026")
            self.assertAlmostEqual(values["vfm_delivered_units"], 300.0)
            self.assertAlmostEqual(values["vfm_utilisation"], 100.0)
        # a Service Manager of another locality is not shown it
        with self.assertRaises(AccessError):
            contract.with_user(self.user_sm_south).action_view_value_for_money()

    def test_contract_value_as_signed_is_a_signed_term(self):
        contract = self._create_contract(
            annual_value=100000.0, date_start="2026-04-01", date_end="2029-03-31"
        )
        # three whole years (with a leap day) are three years' value; the
        # signed value is what was agreed
        self.assertEqual(contract.total_value, 300000.0)
        contract.date_end = "2029-05-15"  # and a month and a half
        self.assertAlmostEqual(
            contract.total_value, 300000.0 + 100000.0 / 12 + 100000.0 * 15 / 365, 2
        )
        contract.date_end = "2029-03-31"
        contract.with_user(self.user_cso).contract_value = 300000.0
        self.assertEqual(contract._hcc_contract_value(), 300000.0)
        contract.action_activate()
        with self.assertRaisesMessage(Exception, "change only by applying"):
            contract.with_user(self.user_cso).contract_value = 350000.0
        self.assertEqual(contract.contract_value, 300000.0)
