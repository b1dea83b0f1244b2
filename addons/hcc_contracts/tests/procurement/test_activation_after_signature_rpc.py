"""A contract awarded by a procurement is activated once the procurement is
signed; one that did not come through a procurement says so when it is
activated, with who recorded it (issue 37). Over real HTTP, as the lead
officer's web client calls it."""

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from ..roles.call_kw import HccCallKwMixin
from .common_procurement import HccProcurementCase


@tagged("post_install", "-at_install", "hcc_rpc")
class TestActivationAfterSignatureRpc(HccCallKwMixin, HccProcurementCase, HttpCase):
    def test_awarded_contract_waits_for_the_signature(self):
        with freeze_time("2026-07-01"):
            procurement = self._walk_to_award()
            self._do_award(procurement)
        contract = procurement.awarded_contract_id
        self.assertEqual(procurement.step, "signature")
        text = self.assertCallKwRefused(
            self.user_sm, "hcc.contract", "action_activate", contract.ids
        )
        self.assertIn(procurement.name, text)
        self.assertIn("signed", text)
        self.assertEqual(contract.state, "draft")
        with freeze_time("2026-07-20"):
            self._do_signature(procurement)
        self._call_kw(self.user_sm, "hcc.contract", "action_activate", contract.ids)
        contract.invalidate_recordset()
        self.assertEqual(contract.state, "active")
        self.assertFalse(
            contract.message_ids.filtered(
                lambda m: "without a procurement record" in (m.body or "")
            )
        )

    def test_contract_without_procurement_says_so(self):
        contract = self._create_contract(user=self.user_sm)
        self._call_kw(self.user_sm, "hcc.contract", "action_activate", contract.ids)
        contract.invalidate_recordset()
        self.assertEqual(contract.state, "active")
        note = contract.message_ids.filtered(
            lambda m: "without a procurement record" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.user_sm.partner_id)
        self.assertIn(self.user_sm.name, note.body)
