from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.hcc_contracts_account.tests.common_bills import HccBillsCase


@tagged("post_install", "-at_install")
class TestPortalPayments(HccBillsCase, HttpCase):
    """Issue 43, point 10: the provider reads on its contract's page what the
    council billed and paid, in pounds and plain words, not as "PROFORMA
    Vendor Bill" under a "Bills" filter of Odoo's invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contact = cls.env["res.partner"].create(
            {
                "name": "Paula Payments",
                "email": "paula@provider.example",
                "parent_id": cls.provider.id,
            }
        )
        new_test_user(
            cls.env,
            login="hcc_payments_portal",
            groups="base.group_portal",
            partner_id=contact.id,
            name=contact.name,
            email=contact.email,
        )
        other = cls.env["res.partner"].create(
            {"name": "Other Provider plc", "is_company": True}
        )
        other_contact = cls.env["res.partner"].create(
            {"name": "Olga Other", "email": "olga@o.example", "parent_id": other.id}
        )
        new_test_user(
            cls.env,
            login="hcc_payments_other",
            groups="base.group_portal",
            partner_id=other_contact.id,
            name=other_contact.name,
            email=other_contact.email,
        )

    def _payments(self, html):
        return html.split('class="o_hcc_payments"', 1)[1].split("</tbody>")[0]

    @freeze_time("2026-06-10")
    def test_contract_page_lists_the_payments(self):
        april = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 1000)
        may = self._accepted_return(self.delivered, "2026-05-01", "2026-05-31", 400)
        paid_in_part = self._bill_of(april)
        paid_in_part.ref = "INV-APRIL-77"
        paid_in_part.with_user(self.user_finance).action_post()
        self._pay(paid_in_part, "2026-05-20", amount=10000.0)
        draft = self._bill_of(may)
        self.authenticate("hcc_payments_portal", "hcc_payments_portal")
        page = self.url_open(f"/my/contracts/{self.delivered.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('id="hcc_payments"', page.text)
        payments = self._payments(page.text)
        self.assertIn(f'data-bill-id="{paid_in_part.id}"', payments)
        self.assertIn(paid_in_part.name, payments)
        self.assertIn("INV-APRIL-77", payments)
        self.assertIn("25,000.00", payments)
        self.assertIn("15,000.00", payments)
        self.assertIn("£", payments)
        self.assertIn("Part paid", payments)
        self.assertIn("30 Apr 2026", payments)
        self.assertNotIn(f'data-bill-id="{draft.id}"', payments)
        # paid in full
        self._pay(paid_in_part, "2026-06-01")
        payments = self._payments(
            self.url_open(f"/my/contracts/{self.delivered.id}").text
        )
        self.assertIn("Paid", payments)
        self.assertNotIn("Part paid", payments)
        # a page of their own, with its card on /my
        home = self.url_open("/my")
        self.assertIn('href="/my/payments"', home.text)
        page = self.url_open("/my/payments")
        self.assertEqual(page.status_code, 200)
        payments = self._payments(page.text)
        self.assertIn(f'data-bill-id="{paid_in_part.id}"', payments)
        self.assertIn(self.delivered.name, payments)
        self.assertNotIn(f'data-bill-id="{draft.id}"', payments)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["hcc_payment_count"]}
        )
        self.assertEqual(counters["hcc_payment_count"], 1)
        # the block contract has none yet
        page = self.url_open(f"/my/contracts/{self.block.id}")
        self.assertIn("o_hcc_no_payments", page.text)

    @freeze_time("2026-06-10")
    def test_other_provider_sees_no_payment(self):
        ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 10)
        self._bill_of(ret).with_user(self.user_finance).action_post()
        self.authenticate("hcc_payments_other", "hcc_payments_other")
        page = self.url_open(f"/my/contracts/{self.delivered.id}")
        self.assertEqual(page.status_code, 404)
        page = self.url_open("/my/payments")
        self.assertIn("o_hcc_no_payments", page.text)
        self.assertNotIn("data-bill-id", page.text)
