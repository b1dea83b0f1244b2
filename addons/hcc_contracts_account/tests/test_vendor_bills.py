from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common_bills import HccBillsCase


class TestVendorBills(HccBillsCase):
    @freeze_time("2026-06-10")
    def test_bill_from_an_accepted_return(self):
        ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 412)
        bill = self._bill_of(ret)
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.state, "draft")
        self.assertEqual(bill.partner_id, self.provider)
        self.assertEqual(bill.invoice_date, date(2026, 4, 30))
        self.assertEqual(bill.date, date(2026, 4, 30))
        self.assertEqual(bill.hcc_contract_id, self.delivered)
        line = bill.invoice_line_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(line.quantity, 412)
        self.assertEqual(line.price_unit, 25.0)
        self.assertFalse(line.tax_ids)
        self.assertEqual(line.analytic_distribution, {str(self.cost_centre.id): 100.0})
        self.assertEqual(line.hcc_contract_id, self.delivered)
        self.assertEqual(line.hcc_return_id, ret)
        self.assertEqual(bill.amount_total, 10300.0)
        self.assertEqual(ret.hcc_bill_id, bill)
        self.assertEqual(ret.hcc_bill_state, "draft")

    @freeze_time("2026-06-10")
    def test_spend_against_budget_from_posted_bills(self):
        budget = self._budget(self.delivered, "2026/27", 150000.0, self.user_finance)
        ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 400)
        bill = self._bill_of(ret)
        self.assertEqual(budget.actual_amount, 0.0, "a draft bill is not spend")
        bill.with_user(self.user_finance).action_post()
        self.assertEqual(budget.actual_amount, 10000.0)
        self.assertEqual(budget.remaining_amount, 140000.0)
        contract = self.delivered.with_user(self.user_sm)
        self.assertEqual(contract.budget_actual_amount, 10000.0)
        self.assertEqual(contract.hcc_billed_amount, 10000.0)
        self.assertEqual(contract.hcc_paid_amount, 0.0)
        self.assertEqual(contract.hcc_outstanding_amount, 10000.0)
        self.assertEqual(contract.hcc_vfm_billed_amount, 10000.0)
        self.assertEqual(contract.hcc_vfm_unit_cost_billed, 25.0)
        self.assertEqual(ret.hcc_bill_state, "posted")
        # paid in part, then in full
        self._pay(bill, "2026-05-20", amount=4000.0)
        budget.invalidate_recordset()
        self.assertEqual(budget.paid_amount, 4000.0)
        self.assertEqual(budget.outstanding_amount, 6000.0)
        self._pay(bill, "2026-05-25")
        contract.invalidate_recordset()
        self.assertEqual(contract.hcc_paid_amount, 10000.0)
        self.assertEqual(contract.hcc_outstanding_amount, 0.0)
        # a refund reversing part of it reduces the spend and the billed
        refund = bill._reverse_moves([{"invoice_date": "2026-06-05"}])
        self.assertEqual(refund.move_type, "in_refund")
        self.assertEqual(refund.invoice_line_ids.hcc_contract_id, self.delivered)
        self.assertFalse(refund.invoice_line_ids.hcc_return_id)
        refund.invoice_line_ids.with_user(self.user_finance).quantity = 40
        refund.with_user(self.user_finance).action_post()
        self.assertEqual(budget.actual_amount, 9000.0)
        contract.invalidate_recordset()
        self.assertEqual(contract.hcc_billed_amount, 9000.0)
        refund.with_user(self.user_finance).button_draft()
        refund.with_user(self.user_finance).button_cancel()
        self.assertEqual(budget.actual_amount, 10000.0)
        # a bill of another contract on the same cost centre is not this spend
        block_budget = self._budget(self.block, "2026/27", 120000.0, self.user_finance)
        self.assertEqual(block_budget.actual_amount, 0.0)
        # reset to draft: no longer spend
        bill.line_ids.remove_move_reconcile()
        bill.with_user(self.user_finance).button_draft()
        self.assertEqual(budget.actual_amount, 0.0)

    @freeze_time("2026-06-10")
    def test_spend_by_financial_year_of_the_bill(self):
        ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 40)
        bill = self._bill_of(ret)
        bill.with_user(self.user_finance).action_post()
        with freeze_time("2027-04-10"):
            budget_next = self._budget(
                self.delivered, "2027/28", 1000.0, self.user_finance
            )
            self.assertEqual(budget_next.actual_amount, 0.0)
            self.assertEqual(budget_next.billed_amount, 0.0)
            budget = self._budget(self.delivered, "2026/27", 1000.0, self.user_finance)
            self.assertEqual(budget.actual_amount, 1000.0)
            self.assertEqual(budget.billed_amount, 1000.0)
            self.assertEqual(budget.financial_year, "2026/27")
            self.assertEqual(self.delivered.hcc_billed_amount, 0.0, "not this year")

    @freeze_time("2026-06-10")
    def test_a_return_is_billed_once(self):
        ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 10)
        bill = self._bill_of(ret)
        self.assertFalse(ret.hcc_billable)
        with self.assertRaisesMessage(ValidationError, "is already billed"):
            self._bill_of(ret)
        with self.assertRaisesMessage(UserError, "Nothing to bill"):
            self.delivered.with_user(self.user_finance).action_draft_vendor_bills()
        Move = self.env["account.move"].with_user(self.user_finance)
        # through the ORM (as RPC would): a second bill linking the return
        with self.assertRaisesMessage(ValidationError, "is already billed"):
            Move.create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.provider.id,
                    "invoice_date": "2026-04-30",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Again",
                                "quantity": 10,
                                "price_unit": 25.0,
                                "hcc_contract_id": self.delivered.id,
                                "hcc_return_id": ret.id,
                            }
                        )
                    ],
                }
            )
        other = Move.create(
            {
                "move_type": "in_invoice",
                "partner_id": self.provider.id,
                "invoice_date": "2026-04-30",
                "invoice_line_ids": [
                    Command.create({"name": "Other", "quantity": 1, "price_unit": 5})
                ],
            }
        )
        with self.assertRaisesMessage(ValidationError, "is already billed"):
            other.invoice_line_ids.write(
                {"hcc_contract_id": self.delivered.id, "hcc_return_id": ret.id}
            )
        # once posted, what a bill pays no longer changes
        bill.with_user(self.user_finance).action_post()
        with self.assertRaisesMessage(ValidationError, "is posted"):
            bill.invoice_line_ids.with_user(self.user_finance).write(
                {"hcc_return_id": False}
            )
        # a cancelled bill frees the return; bringing it back is refused
        bill.with_user(self.user_finance).button_draft()
        bill.with_user(self.user_finance).button_cancel()
        self.assertFalse(ret.hcc_bill_id)
        again = self._bill_of(ret)
        self.assertEqual(again.invoice_line_ids.hcc_return_id, ret)
        with self.assertRaisesMessage(ValidationError, "is already billed"):
            bill.with_user(self.user_finance).button_draft()

    @freeze_time("2026-06-10")
    def test_a_return_not_accepted_cannot_be_billed(self):
        ret = self._return(
            self.delivered,
            "2026-04-01",
            "2026-04-30",
            user=self.user_sm,
            units_delivered=10,
        )
        ret.action_receive()
        ret.action_query(question="Units delivered look wrong: please check.")
        self.assertFalse(ret.hcc_billable)
        with self.assertRaisesMessage(ValidationError, "only an accepted return"):
            self._bill_of(ret)
        with self.assertRaisesMessage(ValidationError, "only an accepted return"):
            self.env["account.move"].with_user(self.user_finance).create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.provider.id,
                    "invoice_date": "2026-04-30",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Queried",
                                "quantity": 10,
                                "price_unit": 25.0,
                                "hcc_contract_id": self.delivered.id,
                                "hcc_return_id": ret.id,
                            }
                        )
                    ],
                }
            )
        # another provider's bill cannot pay the contract
        other = self.env["res.partner"].create({"name": "Other Care Ltd"})
        with self.assertRaisesMessage(ValidationError, "cannot pay it"):
            self.env["account.move"].with_user(self.user_finance).create(
                {
                    "move_type": "in_invoice",
                    "partner_id": other.id,
                    "invoice_date": "2026-04-30",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Wrong provider",
                                "quantity": 1,
                                "price_unit": 5.0,
                                "hcc_contract_id": self.delivered.id,
                            }
                        )
                    ],
                }
            )

    @freeze_time("2026-06-10")
    def test_which_returns_are_billable(self):
        """One rule, ``_hcc_billable_domain``: the draft actions, the form's
        button and the bill line's choice read it, and
        ``_hcc_check_billable`` says why a return is not billable."""
        Return = self.env["hcc.data.return"].with_user(self.user_finance)
        accepted = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 10)
        received = self._return(
            self.delivered,
            "2026-05-01",
            "2026-05-31",
            user=self.user_sm,
            units_delivered=10,
        )
        received.action_receive()
        block = self._accepted_return(self.block, "2026-04-01", "2026-04-30", 10)
        returns = (accepted | received | block).with_user(self.user_finance)

        def billable():
            returns.invalidate_recordset()
            self.assertEqual(
                Return.search([("id", "in", returns.ids), ("hcc_billable", "=", True)]),
                returns.filtered("hcc_billable"),
            )
            self.assertEqual(
                Return.search(
                    [("id", "in", returns.ids), ("hcc_billable", "!=", True)]
                ),
                returns - returns.filtered("hcc_billable"),
            )
            return returns.filtered("hcc_billable")

        self.assertEqual(billable(), accepted)
        accepted._hcc_check_billable()
        with self.assertRaisesMessage(ValidationError, "only an accepted return"):
            received._hcc_check_billable()
        with self.assertRaisesMessage(ValidationError, "is a block contract"):
            block._hcc_check_billable()
        bill = self._bill_of(accepted)
        self.assertFalse(billable())
        self.assertEqual(Return.search([("hcc_bill_id", "=", bill.id)]), accepted)
        with self.assertRaisesMessage(ValidationError, "is already billed"):
            accepted._hcc_check_billable()
        # the line paying it is left out of the bills already paying it
        accepted._hcc_check_billable(bill.invoice_line_ids)
        bill.with_user(self.user_finance).button_cancel()
        self.assertEqual(billable(), accepted)
        self.assertFalse(Return.search([("hcc_bill_id", "=", bill.id)]))

    def test_finance_filters_the_returns_to_bill(self):
        """The returns' search offers "To Bill": the accepted returns of
        contracts paid for the service delivered that no bill pays yet, as
        the web client applies the filter (issue 43: there was none)."""
        accepted = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 10)
        block = self._accepted_return(self.block, "2026-04-01", "2026-04-30", 10)
        Return = self.env["hcc.data.return"].with_user(self.user_finance)
        arch = Return.get_views([(False, "search")])["views"]["search"]["arch"]
        node = etree.fromstring(arch).xpath("//filter[@name='hcc_to_bill']")[0]
        self.assertEqual(node.get("string"), "To Bill")
        domain = [
            ("id", "in", (accepted | block).ids),
            *safe_eval(node.get("domain")),
        ]
        self.assertEqual(Return.search(domain), accepted)
        self._bill_of(accepted)
        self.assertFalse(Return.search(domain), "billed")

    @freeze_time("2026-06-10")
    def test_a_bill_line_keeps_the_cost_centre(self):
        ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 10)
        bill = self._bill_of(ret)
        bill.invoice_line_ids.with_user(self.user_finance).analytic_distribution = {}
        with self.assertRaisesMessage(UserError, "charged in full to its cost centre"):
            bill.with_user(self.user_finance).action_post()
        self.assertEqual(bill.state, "draft")
