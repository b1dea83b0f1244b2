"""The compliance analysis in the access matrix of the roles (see
``hcc_contracts/tests/roles/test_access_matrix.py``)."""

from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.roles.common_access_matrix import (
    ROLES,
    SCOPES,
    HccAccessMatrixCase,
    scoped_entry,
)

MATRIX = {
    # one read-only row per contract, scoped like it
    "hcc.compliance.report": {
        "scopes": SCOPES,
        "ops": "r",
        "record": "_matrix_compliance_record",
        "expected": scoped_entry("compliance", sm="r", cso="r", cm="r")["expected"],
    },
}


@tagged("post_install", "-at_install")
class TestAccessMatrixReports(HccAccessMatrixCase):
    MATRIX = MATRIX
    MATRIX_ADDON = "hcc_contracts_reports"

    def _matrix_compliance_record(self, scope, user):
        contract = self._matrix_active_contract(scope)
        self.env.flush_all()
        return self.env["hcc.compliance.report"].search(
            [("contract_id", "=", contract.id)]
        )

    def test_matrix_is_complete(self):
        self._assert_matrix_complete()

    def test_access_matrix(self):
        cases, mismatches = self._assert_matrix()
        # 8 roles × 4 scopes × read
        self.assertEqual(cases, len(ROLES) * 4)
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))
