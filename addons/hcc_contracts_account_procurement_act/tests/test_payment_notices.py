import json
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.addons.hcc_contracts_account.tests.common_bills import HccBillsCase


class TestPaymentNotices(HccBillsCase):
    """A worked example. A home care contract under the Act (£300,000 a
    year for three years, light touch, £25 an hour) bills three months:
    April 1,300 hours (£32,500) paid on 20/05/2026, 20 days after the bill;
    May 1,000 hours (£25,000) paid on 10/07/2026, 40 days after; June 1,400
    hours (£35,000) paid on 20/07/2026, 20 days after."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-04-01"):
            cls.public = cls._contract_for_bills(
                title="Home care under the Act",
                payment_basis="delivered",
                unit_price=25.0,
                annual_value=300000.0,
                commissioned_volume=12000.0,
                is_light_touch=True,
            )

    def _bill_and_pay(self, month, units, paid_on):
        start = date(2026, month, 1)
        end = {4: date(2026, 4, 30), 5: date(2026, 5, 31), 6: date(2026, 6, 30)}[month]
        # received the day after the period ends, billed on its last day
        with freeze_time(end + timedelta(days=1)):
            ret = self._accepted_return(self.public, start, end, units)
            bill = self._bill_of(ret)
            bill.with_user(self.user_finance).action_post()
        with freeze_time(paid_on):
            self._pay(bill, paid_on)
        return bill

    def _worked_example(self):
        self._bill_and_pay(4, 1300, "2026-05-20")
        self._bill_and_pay(5, 1000, "2026-07-10")
        self._bill_and_pay(6, 1400, "2026-07-20")

    def test_contract_payments_notices(self):
        self.assertTrue(self.public.pa_above_threshold)
        self._worked_example()
        Notice = self.env["hcc.statutory.notice"]
        with freeze_time("2026-10-05"):
            self.env["hcc.contract"]._cron_statutory_notices()
            notices = Notice.search(
                [
                    ("contract_id", "=", self.public.id),
                    ("notice_kind", "=", "contract_payments"),
                ],
                order="date_due",
            )
            # a payment over £30,000 in April–June and one in July–September
            self.assertEqual(
                notices.mapped("date_due"), [date(2026, 7, 29), date(2026, 10, 29)]
            )
            self.assertEqual(
                notices.mapped("payment_period_start"),
                [date(2026, 4, 1), date(2026, 7, 1)],
            )
            # a second run changes nothing
            self.env["hcc.contract"]._cron_statutory_notices()
            self.public.with_user(self.user_cso).action_check_statutory_notices()
            self.assertEqual(
                Notice.search_count(
                    [
                        ("contract_id", "=", self.public.id),
                        ("notice_kind", "=", "contract_payments"),
                    ]
                ),
                2,
            )
            july = notices[1].with_user(self.user_cso)
            july.action_prepare()
            release = json.loads(july.prepared_data)["releases"][0]
            self.assertEqual(release["tag"], ["implementationUpdate"])
            transactions = release["contracts"][0]["implementation"]["transactions"]
            # the £25,000 payment of 10/07 is not over £30,000
            self.assertEqual(len(transactions), 1)
            self.assertEqual(transactions[0]["value"]["amount"], 35000.0)
            self.assertEqual(transactions[0]["date"][:10], "2026-07-20")
            april = notices[0]
            april.action_prepare()
            payments = json.loads(april.prepared_data)["releases"][0]["contracts"][0][
                "implementation"
            ]["transactions"]
            self.assertEqual([p["value"]["amount"] for p in payments], [32500.0])

    def test_no_notice_before_the_quarter_ends(self):
        self._bill_and_pay(4, 1300, "2026-05-20")
        with freeze_time("2026-06-15"):
            self.env["hcc.contract"]._cron_statutory_notices()
            self.assertFalse(
                self.env["hcc.statutory.notice"].search(
                    [("notice_kind", "=", "contract_payments")]
                )
            )

    def test_payments_compliance_share(self):
        self._worked_example()
        figures = self.env["hcc.contract"]._pa_payments_compliance(
            self.company, date(2026, 8, 1)
        )
        self.assertEqual(figures["date_from"], date(2026, 4, 1))
        self.assertEqual(figures["date_to"], date(2026, 9, 30))
        self.assertEqual(figures["date_due"], date(2026, 10, 29))
        self.assertEqual(figures["invoices"], 3)
        self.assertEqual(figures["paid_within_30_days"], 2)
        self.assertAlmostEqual(figures["share_within_30_days"], 200 / 3)
        self.assertAlmostEqual(figures["average_days"], 80 / 3)
        # the next period has none yet
        later = self.env["hcc.contract"]._pa_payments_compliance(
            self.company, date(2026, 11, 1)
        )
        self.assertEqual(later["invoices"], 0)
        self.assertEqual(later["date_from"], date(2026, 10, 1))
        self.assertEqual(later["date_to"], date(2027, 3, 31))

    def test_payments_compliance_export(self):
        self._worked_example()
        for user in (self.user_finance, self.user_cso):
            wizard = (
                self.env["hcc.payments.compliance"]
                .with_user(user)
                .create({"day": "2026-09-30"})
            )
            self.assertEqual(wizard.invoice_count, 3)
            self.assertEqual(wizard.on_time_count, 2)
            self.assertEqual(wizard.date_due, date(2026, 10, 29))
            action = wizard.action_export()
            attachment = self.env["ir.attachment"].browse(
                int(action["url"].split("/")[3].split("?")[0])
            )
            text = attachment.raw.decode("utf-8-sig")
            self.assertIn("01/04/2026,30/09/2026,3,2,66.7,26.7", text)

    def test_payments_in_pounds_when_the_company_keeps_dollars(self):
        """The company keeps its books in US dollars (£1 = $1.25): May's
        £25,000 payment ($31,250) is not over the £30,000 of s.70; April's
        and July's are counted in pounds (issue 43, point 2)."""
        self.env["res.currency.rate"].create(
            {
                "name": "2026-01-01",
                "currency_id": self.gbp.id,
                "company_id": self.company.id,
                "rate": 0.8,
            }
        )
        self.assertNotEqual(self.company.currency_id, self.gbp)
        self._worked_example()
        payments = self.public._pa_payments_over_threshold(
            date(2026, 4, 1), date(2026, 9, 30)
        )
        self.assertEqual(
            [(p["date"], p["amount"]) for p in payments],
            [(date(2026, 5, 20), 32500.0), (date(2026, 7, 20), 35000.0)],
        )
