from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractLifecycle(HccContractsCase):
    def test_sequence_numbers_references(self):
        first = self._create_contract()
        second = self._create_contract()
        year = fields.Date.today().year
        self.assertTrue(first.name.startswith(f"SCC/{year}/"), first.name)
        self.assertNotEqual(first.name, second.name)
        self.assertEqual(
            int(second.name.rsplit("/", 1)[1]), int(first.name.rsplit("/", 1)[1]) + 1
        )
        copy = first.copy()
        self.assertNotEqual(copy.name, first.name)
        self.assertEqual(copy.state, "draft")
        self.assertIn("(copy)", copy.title)

    def test_draft_can_be_deleted(self):
        contract = self._create_contract()
        contract.with_user(self.user_cso).unlink()
        self.assertFalse(contract.exists())

    def test_contract_with_history_is_archived_not_deleted(self):
        contract = self._create_contract()
        contract.action_activate()
        with self.assertRaisesRegex(UserError, "cannot be deleted: archive it"):
            contract.with_user(self.user_cso).unlink()
        self.assertTrue(contract.exists())
        with self.assertRaisesRegex(UserError, "can be archived only once"):
            contract.with_user(self.user_cso).action_archive()
        self.assertTrue(contract.active)

    @freeze_time("2029-04-01")
    def test_expiry_then_archive(self):
        contract = self._create_contract()
        contract.action_activate()
        contract.action_expire()
        self.assertEqual(contract.state, "expired")
        contract.with_user(self.user_cso).action_archive()
        self.assertFalse(contract.active)
        self.assertTrue(contract.exists())

    @freeze_time("2029-03-31")
    def test_cannot_expire_before_end_date(self):
        contract = self._create_contract()
        contract.action_activate()
        with self.assertRaisesRegex(UserError, "before its end date"):
            contract.action_expire()
        self.assertEqual(contract.state, "active")

    def test_key_fields_are_tracked(self):
        contract = self._create_contract(user=self.user_cso)
        self.flush_tracking()  # the creation is one step, the changes another
        contract.with_user(self.user_cso).write(
            {
                "lead_officer_id": self.user_sm_other.id,
                "annual_value": 150000.0,
                "date_end": "2029-09-30",
            }
        )
        contract.with_user(self.user_cso).action_activate()
        self.flush_tracking()
        # tracking values are read by administrators only
        tracked = contract.sudo().message_ids.tracking_value_ids
        changed = set(tracked.field_id.mapped("name"))
        self.assertTrue(
            {"lead_officer_id", "annual_value", "date_end", "state"} <= changed,
            changed,
        )
        value_change = tracked.filtered(lambda t: t.field_id.name == "annual_value")
        self.assertEqual(value_change.old_value_float, 120000.0)
        self.assertEqual(value_change.new_value_float, 150000.0)
        self.assertEqual(value_change.create_uid, self.user_cso)
