from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..procurement.common_procurement import HccProcurementCase


@freeze_time("2026-07-01")
@tagged("post_install", "-at_install")
class TestProcurementFile(HccProcurementCase):
    def test_signature_needs_the_signed_contract(self):
        procurement = self._walk_to_award()
        self._do_award(procurement)
        procurement.with_user(self.user_cso).write(
            {
                "date_sent_for_signature": "2026-07-03",
                "date_countersigned": "2026-07-17",
                "date_unsuccessful_informed": "2026-07-02",
                "contract_file_maintained": True,
            }
        )
        with self.assertRaisesMessage(UserError, "File the signed contract"):
            procurement.with_user(self.user_cso).action_confirm_signature()
        self.assertEqual(procurement.step, "signature")
        document = self._file_signed_contract(procurement)
        procurement.with_user(self.user_cso).action_confirm_signature()
        self.assertEqual(procurement.step, "done")
        contract = procurement.awarded_contract_id
        found = self.env["ir.attachment"].search(
            contract.action_view_documents()["domain"]
        )
        self.assertEqual(found, document)
