"""The compliance analysis in the access matrix of the roles (see
``hcc_contracts/tests/roles/test_access_matrix.py``)."""

from datetime import date

from dateutil.relativedelta import relativedelta

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
    # the monthly snapshots of the whole council, in the user's company: the
    # read-only roles, Finance and the County Manager read them, nobody writes
    "hcc.oversight.snapshot": {
        "scopes": ("company", "foreign"),
        "ops": "r",
        "record": "_matrix_snapshot_record",
        "expected": {
            "viewer": ("r", ""),
            "finance": ("r", ""),
            "service_manager": ("", ""),
            "support_officer": ("", ""),
            "county_manager": ("r", ""),
            "administrator": ("r", ""),
            "legal_services": ("", ""),
            "no_role": ("", ""),
        },
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

    def _matrix_snapshot_record(self, scope, user):
        company = self.company if scope == "company" else self.other_company
        self._snapshot_seq = getattr(self, "_snapshot_seq", 0) + 1
        month = date(2020, 1, 1) + relativedelta(months=self._snapshot_seq)
        return self.env["hcc.oversight.snapshot"]._take(company, month)

    def test_matrix_is_complete(self):
        self._assert_matrix_complete()

    def test_access_matrix(self):
        cases, mismatches = self._assert_matrix()
        # 8 roles × (4 scopes of the compliance analysis + 2 of snapshots) × read
        self.assertEqual(cases, len(ROLES) * (4 + 2))
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))
