from freezegun import freeze_time

from odoo.tests import tagged

from .common_performance import HccPerformanceCase


@tagged("post_install", "-at_install")
@freeze_time("2026-08-20")
class TestActivityAgainstTarget(HccPerformanceCase):
    """Worked examples of procedure 6.3 on the default block contract: 6,000
    units and £120,000 a year, so 500 units and £10,000 a month, £20 a unit."""

    def test_block_contract_month(self):
        contract = self._active_contract()
        self.assertAlmostEqual(contract.unit_cost_commissioned, 20.0)
        ret = self._accepted(contract, "2026-04-01", "2026-04-30", 400)
        self.assertAlmostEqual(ret.commissioned_units, 500.0)
        self.assertAlmostEqual(ret.value_commissioned, 10000.0)
        self.assertAlmostEqual(ret.utilisation, 80.0)
        self.assertAlmostEqual(ret.unit_cost_delivered, 25.0)
        self.assertAlmostEqual(ret.underuse_value, 2000.0)

    def test_zero_delivery_month(self):
        contract = self._active_contract()
        ret = self._accepted(contract, "2026-04-01", "2026-04-30", 0)
        self.assertAlmostEqual(ret.utilisation, 0.0)
        self.assertAlmostEqual(ret.unit_cost_delivered, 0.0, msg="no division by zero")
        self.assertAlmostEqual(ret.underuse_value, 10000.0, msg="all paid, none used")

    def test_partial_first_month(self):
        contract = self._active_contract(date_start="2026-04-16")
        ret = self._accepted(contract, "2026-04-16", "2026-04-30", 200)
        # 15 of April's 30 days: half a month
        self.assertAlmostEqual(ret.commissioned_units, 250.0)
        self.assertAlmostEqual(ret.value_commissioned, 5000.0)
        self.assertAlmostEqual(ret.utilisation, 80.0)
        self.assertAlmostEqual(ret.unit_cost_delivered, 25.0)
        self.assertAlmostEqual(ret.underuse_value, 1000.0)

    def test_delivered_basis_pays_unit_price(self):
        contract = self._active_contract(payment_basis="delivered", unit_price=21.5)
        ret = self._accepted(contract, "2026-04-01", "2026-04-30", 450)
        self.assertAlmostEqual(ret.utilisation, 90.0)
        self.assertAlmostEqual(ret.unit_cost_delivered, 21.5)
        self.assertAlmostEqual(ret.underuse_value, 0.0)

    def test_contract_totals_count_accepted_returns_only(self):
        contract = self._active_contract()
        self._accepted(contract, "2026-04-01", "2026-04-30", 400)
        self._accepted(contract, "2026-05-01", "2026-05-31", 0)
        self._accepted(contract, "2026-06-01", "2026-06-30", 600)
        self._return(
            contract,
            "2026-07-01",
            "2026-07-31",
            date_received="2026-08-02",
            units_delivered=9999,
        )
        self.assertAlmostEqual(contract.activity_commissioned, 1500.0)
        self.assertAlmostEqual(contract.activity_delivered, 1000.0)
        self.assertAlmostEqual(contract.activity_value, 30000.0)
        self.assertAlmostEqual(contract.utilisation, 1000 / 1500 * 100)
        self.assertAlmostEqual(contract.unit_cost_delivered, 30.0)
        self.assertAlmostEqual(contract.underuse_value, 10000.0)
        # stored: the contracts can be searched and analysed by utilisation
        Contract = self.env["hcc.contract"].with_user(self.user_cm)
        self.assertIn(contract, Contract.search([("utilisation", "<", 70)]))
        ((average,),) = Contract._read_group(
            [("id", "=", contract.id)], [], ["utilisation:avg"]
        )
        self.assertAlmostEqual(average, 1000 / 1500 * 100)
        # a new commissioned volume changes the periods, then the totals
        contract.commissioned_volume = 4800
        self.assertAlmostEqual(contract.activity_commissioned, 1200.0)
        self.assertAlmostEqual(contract.utilisation, 1000 / 1200 * 100)

    def test_commissioned_volume_change_recomputes_periods(self):
        contract = self._active_contract()
        ret = self._accepted(contract, "2026-04-01", "2026-04-30", 400)
        contract.commissioned_volume = 4800
        self.assertAlmostEqual(ret.commissioned_units, 400.0)
        self.assertAlmostEqual(ret.utilisation, 100.0)
        self.assertAlmostEqual(ret.underuse_value, 0.0)


@tagged("post_install", "-at_install")
@freeze_time("2026-08-20")
class TestIndicatorRatings(HccPerformanceCase):
    def _rate(self, target, direction, value):
        contract = self.contract
        indicator = self.env["hcc.contract.indicator"].create(
            {
                "contract_id": contract.id,
                "name": f"{direction} {value}",
                "target": target,
                "direction": direction,
            }
        )
        return indicator._rate(value)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_indicator_tolerance = 10.0
        cls.contract = cls._active_contract()

    def test_higher_is_better(self):
        # target 95, tolerance 9.5 points
        self.assertEqual(self._rate(95, "higher", 97), "good")
        self.assertEqual(self._rate(95, "higher", 95), "good")
        self.assertEqual(self._rate(95, "higher", 90), "approaching")
        self.assertEqual(self._rate(95, "higher", 80), "requires_improvement")
        self.assertEqual(self._rate(95, "higher", 70), "inadequate")

    def test_lower_is_better(self):
        # target 2 (%), tolerance 0.2
        self.assertEqual(self._rate(2, "lower", 1.5), "good")
        self.assertEqual(self._rate(2, "lower", 2.1), "approaching")
        self.assertEqual(self._rate(2, "lower", 2.3), "requires_improvement")
        self.assertEqual(self._rate(2, "lower", 3), "inadequate")

    def test_rating_on_return_lines(self):
        indicator = self.env["hcc.contract.indicator"].create(
            {
                "contract_id": self.contract.id,
                "name": "Reviews on time",
                "target": 95,
                "unit": "%",
            }
        )
        ret = self._return(self.contract, "2026-04-01", "2026-04-30")
        line = self.env["hcc.data.return.indicator.value"].create(
            {"return_id": ret.id, "indicator_id": indicator.id, "value": 70}
        )
        self.assertFalse(line.rating, "not rated before the return is received")
        ret.action_receive()
        self.assertEqual(line.rating, "inadequate")
        self.company.hcc_indicator_tolerance = 30.0
        self.assertEqual(line.rating, "approaching", "tolerance is configurable")
