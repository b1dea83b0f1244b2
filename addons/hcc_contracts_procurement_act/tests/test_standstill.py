"""The standstill period of s.51: eight working days, weekends and bank
holidays not counted; the bank holidays of the United Kingdom come with the
addon as public holidays of every working schedule (Odoo's
``resource.calendar.leaves``) and the council keeps the list."""

import json

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common_statutory import HccStatutoryCase


@tagged("post_install", "-at_install")
class TestStandstill(HccStatutoryCase):
    def _standstill_end(self, published):
        """The last day of the standstill of an award notice published on
        ``published``, as its prepared release says."""
        procurement = self._procure(2000000.0)
        notice = self._notices(procurement.awarded_contract_id)
        self.assertEqual(notice.notice_kind, "contract_award")
        with freeze_time(published):
            notice.with_user(self.user_cso).action_prepare()
        award = json.loads(notice.prepared_data)["releases"][0]["awards"][0]
        period = award["standstillPeriod"]
        self.assertTrue(period["startDate"].startswith(published))
        milestone = json.loads(notice.prepared_data)["releases"][0]["contracts"][0][
            "milestones"
        ][0]
        self.assertEqual(milestone["dueDate"][:10], period["endDate"][:10])
        return period["endDate"][:10]

    def test_over_christmas_and_the_new_year(self):
        # Tuesday 22 December 2026: Christmas Day (Friday 25th), Boxing Day's
        # substitute (Monday 28th), New Year's Day (Friday 1 January) and, in
        # Scotland, 2 January's substitute (Monday 4th) are not working days
        # (s.123: a bank holiday in any part of the United Kingdom); eight
        # weekdays alone would end on 1 January
        self.assertEqual(self._standstill_end("2026-12-22"), "2027-01-07")

    def test_over_a_bank_holiday_of_northern_ireland(self):
        # Thursday 11 March 2027: St Patrick's Day (Wednesday 17th) is a bank
        # holiday in Northern Ireland, so not a working day anywhere
        self.assertEqual(self._standstill_end("2027-03-11"), "2027-03-24")

    def test_over_easter(self):
        # Wednesday 24 March 2027: Good Friday (26th) and Easter Monday (29th)
        self.assertEqual(self._standstill_end("2027-03-24"), "2027-04-07")

    def test_without_a_bank_holiday(self):
        # Monday 3 April 2028, Easter falling after the period: the 13th
        self.assertEqual(self._standstill_end("2028-04-03"), "2028-04-13")

    def test_the_council_keeps_the_list(self):
        """A bank holiday proclaimed later, entered by the council as a public
        holiday of every schedule, is not a working day either; one entered for
        one person only (a resource's time off) does not count."""
        company = self.env.company
        start = fields.Date.to_date("2028-06-05")
        self.assertEqual(
            company._hcc_add_working_days(start, 8), fields.Date.to_date("2028-06-15")
        )
        Leave = self.env["resource.calendar.leaves"]
        Leave.create(
            {
                "name": "Proclaimed bank holiday",
                "date_from": "2028-06-08 23:00:00",
                "date_to": "2028-06-09 22:59:59",
                "time_type": "leave",
            }
        )
        resource = self.env["resource.resource"].create({"name": "An officer"})
        Leave.create(
            {
                "name": "An officer's day off",
                "resource_id": resource.id,
                "date_from": "2028-06-11 23:00:00",
                "date_to": "2028-06-12 22:59:59",
                "time_type": "leave",
            }
        )
        self.assertEqual(
            company._hcc_add_working_days(start, 8), fields.Date.to_date("2028-06-16")
        )

    def test_bank_holidays_shipped(self):
        """Thirteen bank holidays a year in the United Kingdom, 2025 to 2028:
        the eight of England and Wales, 2 January, the first Monday of August
        and St Andrew's Day in Scotland, St Patrick's Day and the Battle of the
        Boyne in Northern Ireland, each on a weekday (substitute days for
        those falling at a weekend)."""
        company = self.env.company
        for year in range(2025, 2029):
            days = company._hcc_bank_holidays(
                fields.Date.to_date(f"{year}-01-01"),
                fields.Date.to_date(f"{year}-12-31"),
            )
            self.assertEqual(len(days), 13, year)
            self.assertTrue(all(day.weekday() < 5 for day in days), year)
        self.assertIn(
            fields.Date.to_date("2027-12-27"),
            company._hcc_bank_holidays(
                fields.Date.to_date("2027-12-24"), fields.Date.to_date("2027-12-31")
            ),
        )
