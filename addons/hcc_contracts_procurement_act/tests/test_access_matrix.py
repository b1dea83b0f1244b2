"""The statutory notices in the access matrix of the roles (see
``hcc_contracts/tests/roles/test_access_matrix.py``)."""

from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.roles.common_access_matrix import (
    ROLES,
    HccAccessMatrixCase,
    scoped_entry,
)

MATRIX = {
    # Procurement Act notices: worked out by the system (the scheduler or the
    # "Check now" button), never created by hand nor deleted
    "hcc.statutory.notice": scoped_entry("statutory_notice", sm="rw", cso="rw"),
    # the notices of a procurement (tender, procurement termination): scoped
    # as their procurement, raised by its steps, never created by hand nor
    # deleted
    "hcc.procurement.notice": scoped_entry("procurement_notice", sm="rw", cso="rw"),
}


@tagged("post_install", "-at_install")
class TestAccessMatrixProcurementAct(HccAccessMatrixCase):
    MATRIX = MATRIX
    MATRIX_ADDON = "hcc_contracts_procurement_act"

    def _matrix_statutory_notice_vals(self, scope):
        contract = self._matrix_active_contract(scope)
        self._statutory_seq = getattr(self, "_statutory_seq", 0) + 1
        return {
            "contract_id": contract.id,
            "notice_kind": "contract_termination",
            "trigger_key": f"matrix:{self._statutory_seq}",
            "date_due": "2027-01-31",
        }

    def _matrix_statutory_notice_write(self, role):
        return {"notice_identifier": "012345-2027"}

    def _matrix_procurement_notice_vals(self, scope):
        procurement = self.env["hcc.procurement"].create(
            self._matrix_procurement_vals(scope)
        )
        return {
            "procurement_id": procurement.id,
            "notice_kind": "tender",
            "date_due": "2027-01-31",
        }

    def _matrix_procurement_notice_write(self, role):
        return {"notice_identifier": "012346-2027"}

    def test_matrix_is_complete(self):
        self._assert_matrix_complete()

    def test_access_matrix(self):
        cases, mismatches = self._assert_matrix()
        # 2 models × 8 roles × 4 scopes × 4 operations
        self.assertEqual(cases, 2 * len(ROLES) * 4 * 4)
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))
