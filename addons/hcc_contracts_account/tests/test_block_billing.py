"""Block billing asks which months (issue 43, point 3): Finance sees the
months of the payment schedule that have ended, each with its equal monthly
instalment, those billed or already on the ledger not ticked and why, and
bills the months it confirms."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_bills import HccBillsCase


class TestBlockBilling(HccBillsCase):
    def _wizard(self, contract=None, user=None):
        contract = (contract or self.block).with_user(user or self.user_finance)
        action = contract.action_draft_vendor_bills()
        self.assertEqual(action["res_model"], "hcc.block.billing.wizard")
        self.assertEqual(action["target"], "new")
        return (
            self.env["hcc.block.billing.wizard"]
            .with_user(user or self.user_finance)
            .browse(action["res_id"])
        )

    def _confirm(self, wizard):
        action = wizard.action_confirm()
        return self.env["account.move"].search(action["domain"], order="date")

    def _rows(self, wizard):
        return [
            (line.month, line.amount, line.status, line.to_bill)
            for line in wizard.line_ids
        ]

    def test_months_to_bill_equal_instalments(self):
        """£120,000 a year is £10,000 every month, 30 or 31 days; only the
        months that have ended are offered, and a month billed is not
        offered again."""
        with freeze_time("2026-07-15"):
            wizard = self._wizard()
            self.assertEqual(wizard.monthly_amount, 10000.0)
            self.assertEqual(
                self._rows(wizard),
                [
                    (date(2026, 4, 1), 10000.0, "due", True),
                    (date(2026, 5, 1), 10000.0, "due", True),
                    (date(2026, 6, 1), 10000.0, "due", True),
                ],
            )
            self.assertEqual(wizard.line_ids[0].month_name, "April 2026")
            self.assertEqual(wizard.to_bill_amount, 30000.0)
            # the finance officer leaves May for later
            wizard.line_ids[1].to_bill = False
            bills = self._confirm(wizard)
            self.assertEqual(
                bills.mapped("invoice_date"), [date(2026, 4, 30), date(2026, 6, 30)]
            )
            self.assertEqual(bills.mapped("amount_total"), [10000.0, 10000.0])
            lines = bills.invoice_line_ids
            self.assertEqual(
                lines.mapped("hcc_instalment_date"),
                [date(2026, 4, 1), date(2026, 6, 1)],
            )
            self.assertEqual(lines.hcc_contract_id, self.block)
            for line in lines:
                self.assertEqual(
                    line.analytic_distribution, {str(self.cost_centre.id): 100.0}
                )
            bills.with_user(self.user_finance).action_post()
            self.assertEqual(self.block.hcc_billed_amount, 20000.0)
            # May is still offered; April and June are billed, and say so
            wizard = self._wizard()
            self.assertEqual(
                self._rows(wizard),
                [
                    (date(2026, 4, 1), 10000.0, "billed", False),
                    (date(2026, 5, 1), 10000.0, "due", True),
                    (date(2026, 6, 1), 10000.0, "billed", False),
                ],
            )
            self.assertIn(bills[0].name, wizard.line_ids[0].note)
            # a billed month cannot be billed again, even ticked over RPC
            wizard.line_ids[0].to_bill = True
            with self.assertRaisesMessage(ValidationError, "already billed"):
                wizard.action_confirm()
            wizard.line_ids[0].to_bill = False
            self.assertEqual(
                self._confirm(wizard).invoice_line_ids.hcc_instalment_date,
                date(2026, 5, 1),
            )
            with self.assertRaisesMessage(UserError, "every month"):
                self._wizard()
            with self.assertRaisesMessage(ValidationError, "already billed"):
                self.env["account.move"].with_user(self.user_finance).create(
                    {
                        "move_type": "in_invoice",
                        "partner_id": self.provider.id,
                        "invoice_date": "2026-04-30",
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "April again",
                                    "quantity": 1,
                                    "price_unit": 10000.0,
                                    "hcc_contract_id": self.block.id,
                                    "hcc_instalment_date": "2026-04-01",
                                }
                            )
                        ],
                    }
                )
        with freeze_time("2026-08-02"):
            wizard = self._wizard()
            self.assertEqual(
                [line.month for line in wizard.line_ids.filtered("to_bill")],
                [date(2026, 7, 1)],
            )

    @freeze_time("2026-07-15")
    def test_months_already_on_the_ledger_are_not_ticked(self):
        """£25,000 of this year's spend is on the ledger, posted by hand on
        the cost centre: it pays April and May, which are not ticked and say
        why, and half of June, which is ticked with a warning."""
        column = self.cost_centre.plan_id._column_name()
        self.env["account.analytic.line"].create(
            {
                "name": "Quarterly payment posted by hand",
                "date": "2026-05-15",
                column: self.cost_centre.id,
                "amount": -25000.0,
                "company_id": self.company.id,
            }
        )
        wizard = self._wizard()
        self.assertEqual(
            self._rows(wizard),
            [
                (date(2026, 4, 1), 10000.0, "ledger", False),
                (date(2026, 5, 1), 10000.0, "ledger", False),
                (date(2026, 6, 1), 10000.0, "due", True),
            ],
        )
        self.assertIn("Already on the ledger", wizard.line_ids[0].note)
        self.assertIn("5,000.00", wizard.line_ids[2].note)
        bills = self._confirm(wizard)
        self.assertEqual(bills.invoice_line_ids.hcc_instalment_date, date(2026, 6, 1))
        # the finance officer may still bill a month the ledger holds
        wizard = self._wizard()
        self.assertFalse(wizard.line_ids.filtered("to_bill"))
        wizard.line_ids[0].to_bill = True
        self.assertEqual(
            self._confirm(wizard).invoice_line_ids.hcc_instalment_date,
            date(2026, 4, 1),
        )
        with self.assertRaisesMessage(UserError, "Tick the months to bill"):
            self._wizard().action_confirm()

    @freeze_time("2026-07-15")
    def test_part_months_pro_rata_by_days(self):
        """A term starting on 15 April bills 16 of April's 30 days, and says
        so; the full months that follow are a twelfth of the annual value."""
        contract = self._contract_for_bills(date_start="2026-04-15")
        wizard = self._wizard(contract)
        self.assertEqual(
            self._rows(wizard),
            [
                (date(2026, 4, 1), round(10000.0 * 16 / 30, 2), "due", True),
                (date(2026, 5, 1), 10000.0, "due", True),
                (date(2026, 6, 1), 10000.0, "due", True),
            ],
        )
        self.assertIn("16 of 30 days", wizard.line_ids[0].note)
        self.assertFalse(wizard.line_ids[1].note)
        bills = self._confirm(wizard)
        self.assertEqual(bills.mapped("amount_total"), [5333.33, 10000.0, 10000.0])

    def test_nothing_to_choose_says_why(self):
        with freeze_time("2026-04-20"):
            with self.assertRaisesMessage(UserError, "has ended yet"):
                self._wizard()
        with freeze_time("2026-05-02"):
            self.block.with_user(self.user_finance).analytic_account_id = False
            with self.assertRaisesMessage(UserError, "no cost centre"):
                self._wizard()

    @freeze_time("2026-07-15")
    def test_only_finance_bills(self):
        """Finance, and the County Manager who holds its role, bill; nobody
        else opens or confirms the wizard."""
        self.assertTrue(self._wizard(user=self.user_cm).line_ids)
        wizard = self._wizard()
        for user in (self.user_sm, self.user_cso, self.user_viewer, self.user_legal):
            with self.assertRaises(AccessError):
                self.block.with_user(user).action_draft_vendor_bills()
            with self.assertRaises(AccessError):
                wizard.with_user(user).action_confirm()
        self.assertFalse(
            self.env["account.move"].search([("hcc_contract_id", "=", self.block.id)])
        )
