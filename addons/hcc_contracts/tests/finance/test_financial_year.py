from datetime import date

from odoo.tests import BaseCase, tagged

from ...tools import financial_year as fy


@tagged("post_install", "-at_install")
class TestFinancialYear(BaseCase):
    """Worked examples of the UK financial year and value-for-money rules,
    on plain numbers and dates: no database involved."""

    def test_31_march_and_1_april_are_in_different_years(self):
        self.assertEqual(
            fy.fy_of(date(2027, 3, 31)),
            (date(2026, 4, 1), date(2027, 3, 31), "2026/27"),
        )
        self.assertEqual(
            fy.fy_of(date(2027, 4, 1)),
            (date(2027, 4, 1), date(2028, 3, 31), "2027/28"),
        )
        self.assertEqual(fy.fy_of(date(2099, 12, 31))[2], "2099/00")

    def test_parse_label(self):
        self.assertEqual(fy.fy_parse("2026/27"), (date(2026, 4, 1), date(2027, 3, 31)))
        self.assertEqual(
            fy.fy_parse(" 2099/00 "), (date(2099, 4, 1), date(2100, 3, 31))
        )
        for wrong in ("2026-27", "2026/28", "26/27", "2026/2027", "", False):
            self.assertIsNone(fy.fy_parse(wrong), wrong)

    def test_days_in_year_counts_29_february(self):
        self.assertEqual(fy.fy_days(2026), 365)
        self.assertEqual(fy.fy_days(2027), 366)  # holds 29 February 2028

    def test_contract_starting_1_october_is_committed_pro_rata(self):
        # 1 October 2026 to 31 March 2027: 31+30+31+31+28+31 = 182 days of 365
        self.assertEqual(
            fy.overlap_days(
                date(2026, 10, 1),
                date(2029, 9, 30),
                date(2026, 4, 1),
                date(2027, 3, 31),
            ),
            182,
        )
        self.assertAlmostEqual(
            fy.pro_rata_amount(36500.0, date(2026, 10, 1), None, 2026), 18200.0
        )
        # in a leap financial year the same half holds 183 days of 366
        self.assertAlmostEqual(
            fy.pro_rata_amount(36600.0, date(2027, 10, 1), None, 2027), 18300.0
        )

    def test_pro_rata_outside_and_across_term(self):
        self.assertEqual(
            fy.pro_rata_amount(1000.0, date(2026, 4, 1), date(2027, 3, 31), 2027), 0.0
        )
        self.assertEqual(
            fy.pro_rata_amount(1000.0, date(2026, 4, 1), date(2027, 3, 31), 2026),
            1000.0,
        )
        self.assertEqual(fy.pro_rata_amount(1000.0, False, False, 2026), 0.0)
        # last year of a term ending 30 September 2029: 183 days of 365
        self.assertAlmostEqual(
            fy.pro_rata_amount(36500.0, date(2026, 10, 1), date(2029, 9, 30), 2029),
            18300.0,
        )

    def test_months_of(self):
        self.assertEqual(
            fy.months_of(date(2027, 1, 15), date(2027, 4, 1)),
            [date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1), date(2027, 4, 1)],
        )
        self.assertEqual(
            fy.financial_years_between(date(2026, 4, 1), date(2028, 3, 31)),
            [2026, 2027],
        )

    def test_value_for_money_block_under_delivered(self):
        # half a year of a £120,000 block contract for 6,000 sessions a year:
        # paid £60,000 for 3,000 sessions, 2,400 delivered
        figures = fy.value_for_money(60000.0, 3000.0, 2400.0, is_block=True)
        self.assertEqual(figures["unit_cost_commissioned"], 20.0)
        self.assertEqual(figures["unit_cost_delivered"], 25.0)
        self.assertEqual(figures["undelivered_units"], 600.0)
        self.assertAlmostEqual(figures["undelivered_share"], 0.2)
        self.assertAlmostEqual(figures["undelivered_value"], 12000.0)

    def test_value_for_money_block_over_delivered(self):
        figures = fy.value_for_money(60000.0, 3000.0, 3300.0, is_block=True)
        self.assertEqual(figures["undelivered_units"], 0.0)
        self.assertEqual(figures["undelivered_share"], 0.0)
        self.assertEqual(figures["undelivered_value"], 0.0)
        self.assertAlmostEqual(figures["unit_cost_delivered"], 60000.0 / 3300.0)

    def test_value_for_money_nothing_delivered(self):
        figures = fy.value_for_money(60000.0, 3000.0, 0.0, is_block=True)
        self.assertIsNone(figures["unit_cost_delivered"])
        self.assertEqual(figures["undelivered_share"], 1.0)
        self.assertEqual(figures["undelivered_value"], 60000.0)

    def test_value_for_money_no_data_or_not_block(self):
        no_data = fy.value_for_money(60000.0, 3000.0, None, is_block=True)
        self.assertIsNone(no_data["unit_cost_delivered"])
        self.assertIsNone(no_data["undelivered_share"])
        self.assertEqual(no_data["unit_cost_commissioned"], 20.0)
        delivered = fy.value_for_money(60000.0, 3000.0, 2400.0, is_block=False)
        self.assertEqual(delivered["unit_cost_delivered"], 25.0)
        self.assertIsNone(delivered["undelivered_share"])
        self.assertIsNone(
            fy.value_for_money(0.0, 0.0, None, True)["unit_cost_commissioned"]
        )
