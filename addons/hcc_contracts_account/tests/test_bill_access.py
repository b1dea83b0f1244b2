from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common_bills import HccBillsCase


class TestBillAccess(HccBillsCase):
    """Finance and the County Manager draft and post; Service Managers see
    what was paid on their contracts; Read-only reads; the provider sees its
    own bills on the portal."""

    @freeze_time("2026-06-10")
    def test_roles(self):
        ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 100)
        for user in (self.user_sm, self.user_cso, self.user_viewer):
            with self.assertRaisesMessage(AccessError, "may draft vendor bills"):
                ret.with_user(user).action_draft_vendor_bill()
            with self.assertRaises(AccessError):
                self.block.with_user(user).action_draft_vendor_bills()
        bill = self._bill_of(ret, self.user_cm)
        bill.with_user(self.user_cm).action_post()
        self._pay(bill, "2026-05-20", user=self.user_finance)
        # the lead officer sees what was paid on their contract
        contract = self.delivered.with_user(self.user_sm)
        self.assertEqual(contract.hcc_paid_amount, 2500.0)
        self.assertEqual(ret.with_user(self.user_sm).hcc_bill_state, "paid")
        with self.assertRaises(AccessError):
            bill.with_user(self.user_sm).read(["amount_total"])
        # Read-only reads the bill and changes nothing
        self.assertEqual(bill.with_user(self.user_viewer).amount_total, 2500.0)
        with self.assertRaises(AccessError):
            bill.with_user(self.user_viewer).write({"ref": "Changed"})
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.user_viewer).create(
                {"move_type": "in_invoice", "partner_id": self.provider.id}
            )
        # a Service Manager of another locality does not see the contract
        with self.assertRaises(AccessError):
            self.delivered.with_user(self.user_sm_south).read(["hcc_paid_amount"])

    @freeze_time("2026-06-10")
    def test_provider_sees_its_own_bills_on_the_portal(self):
        manager = self.env["res.partner"].create(
            {"name": "Provider Manager", "parent_id": self.provider.id}
        )
        portal = new_test_user(
            self.env,
            login="hcc_bill_portal",
            groups="base.group_portal",
            partner_id=manager.id,
        )
        other_provider = self.env["res.partner"].create(
            {"name": "Other Care Ltd", "is_company": True}
        )
        other = self._contract_for_bills(
            partner_id=other_provider.id, payment_basis="delivered", unit_price=10.0
        )
        own = self._bill_of(
            self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 8)
        )
        theirs = self._bill_of(
            self._accepted_return(other, "2026-04-01", "2026-04-30", 8)
        )
        Move = self.env["account.move"].with_user(portal)
        self.assertFalse(Move.search([]), "drafts are not shown")
        (own | theirs).with_user(self.user_finance).action_post()
        self._pay(own, "2026-05-20")
        self.assertEqual(Move.search([]), own)
        self.assertEqual(own.with_user(portal).payment_state, "paid")
