from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.notices.test_effective_prices import (
    applied_variation,
)

from .common_bills import HccBillsCase


@tagged("post_install", "-at_install")
class TestBillsEffectivePrice(HccBillsCase):
    """A fee review applied in March for 1 April: the return for March is
    billed at the old rate, the one for April at the new; a block contract's
    instalments follow the annual value in force in their month."""

    def test_returns_either_side_of_the_effective_date(self):
        applied_variation(
            self,
            self.delivered,
            {"unit_price": ("new_float", 26.68)},
            "2027-03-10",
            effective="2027-04-01",
        )
        self.assertEqual(self.delivered.unit_price, 26.68)
        with freeze_time("2027-05-10"):
            march = self._accepted_return(
                self.delivered, "2027-03-01", "2027-03-31", 400
            )
            april = self._accepted_return(
                self.delivered, "2027-04-01", "2027-04-30", 400
            )
            march_bill = self._bill_of(march)
            april_bill = self._bill_of(april)
        self.assertEqual(march_bill.invoice_line_ids.price_unit, 25.0)
        self.assertEqual(march_bill.amount_total, 10000.0)
        self.assertEqual(april_bill.invoice_line_ids.price_unit, 26.68)
        self.assertEqual(april_bill.amount_total, 10672.0)
        # value for money: each return's unit cost at its own price
        self.assertEqual(march.unit_cost_delivered, 25.0)
        self.assertEqual(april.unit_cost_delivered, 26.68)
        self.assertAlmostEqual(self.delivered.unit_cost_delivered, 25.84, places=2)
        # the bills are checked against the price in force, not today's
        with freeze_time("2027-05-10"):
            march_bill.with_user(self.user_finance).action_post()
        self.assertEqual(march_bill.state, "posted")

    def test_block_instalments_follow_the_annual_value_in_force(self):
        applied_variation(
            self,
            self.block,
            {"annual_value": ("new_float", 132000.0)},
            "2027-03-10",
            effective="2027-04-01",
        )
        self.assertEqual(
            self.block._hcc_instalment_amount(fields.Date.to_date("2027-03-01")),
            10000.0,
        )
        self.assertEqual(
            self.block._hcc_instalment_amount(fields.Date.to_date("2027-04-01")),
            11000.0,
        )
