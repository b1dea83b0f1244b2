"""The access matrix of the roles (issue "Roles and permissions of Appendix A").

Every model of the addon × every role × read/write/create/unlink, on records
inside and outside the user's locality and in another company. Both sides are
asserted: what the table allows succeeds, what it does not raises AccessError.

Adding a model: one entry in ``MATRIX`` with

* ``scopes``: the kinds of record the model has (see ``_matrix_*_vals``);
* ``vals``: name of a method ``(scope) -> dict`` giving the values of a record
  of that scope (used to create it as superuser, and as the role to test
  ``c``);
* ``write``: name of a method ``(role) -> dict`` giving harmless values the
  role would legitimately write;
* ``expected``: ``{role: (letters per scope)}`` with ``r`` read (read() and
  search() both), ``w`` write, ``c`` create, ``u`` unlink;
* ``ops`` (optional, default ``"rwcu"``): the operations that apply.
"""

from odoo.tests import tagged

from .common_access_matrix import (
    CONFIG_ENTRY,
    ROLES,
    SCOPES,
    HccAccessMatrixCase,
    scoped_entry,
)

# fee reviews (issue 41): county-wide, in the user's company; Finance, the CSO
# and the County Manager prepare them; nobody deletes one
FEE_REVIEW_EXPECTED = {
    "viewer": ("r", ""),
    "finance": ("rwc", ""),
    "service_manager": ("r", ""),
    "support_officer": ("rwc", ""),
    "county_manager": ("rwc", ""),
    "administrator": ("rwc", ""),
    "legal_services": ("", ""),
    "no_role": ("", ""),
}

MATRIX = {
    "hcc.contract": {
        # led: in the user's locality (north), led and represented by the Service
        #   Manager, kept by the Contract Support Officer;
        # locality: north, led by another Service Manager, no support officer;
        # outside: another locality (south); foreign: another company.
        "scopes": ("led", "locality", "outside", "foreign"),
        "vals": "_matrix_contract_vals",
        "write": "_matrix_contract_write",
        "expected": {
            "viewer": ("r", "r", "r", ""),
            "finance": ("rw", "rw", "rw", ""),
            "service_manager": ("rwc", "r", "", ""),
            "support_officer": ("rwcu", "rwcu", "", ""),
            "county_manager": ("rwcu", "rwcu", "rwcu", ""),
            "administrator": ("rwcu", "rwcu", "rwcu", ""),
            # Legal Services read only the contracts referred to them
            "legal_services": ("", "", "", ""),
            "no_role": ("", "", "", ""),
        },
    },
    # procurements (Appendix A) have their own locality and officers; their bids
    # follow them. Scopes as for contracts.
    # procurements (Appendix A) have their own locality and officers; their bids
    # follow them. Scopes as for contracts.
    "hcc.procurement": scoped_entry("procurement", sm="rwc"),
    "hcc.procurement.bid": scoped_entry("bid", sm="rwcu"),
    # the records of a contract follow it; "u" only where a role may delete:
    # reviews, complaints and actions are cancelled or archived, never deleted
    "hcc.contract.review": scoped_entry("review", sm="rwc", cso="rwc"),
    "hcc.data.return": scoped_entry("return", write="note"),
    "hcc.contract.indicator": scoped_entry("indicator"),
    "hcc.data.return.indicator.value": scoped_entry("indicator_value", sm="rwcu"),
    "hcc.satisfaction.survey": scoped_entry("survey"),
    # complaints may speak of service users: not for Read-only nor Finance
    "hcc.contract.complaint": scoped_entry(
        "complaint", cso="rwc", finance="", viewer=""
    ),
    "hcc.contract.meeting": scoped_entry("meeting"),
    "hcc.contract.meeting.agenda": scoped_entry("agenda", sm="rwcu"),
    "hcc.contract.action": scoped_entry("action", cso="rwc"),
    # notices and revisions (7.4, 9) are raised on active contracts only
    "hcc.contract.notice": scoped_entry("notice"),
    "hcc.contract.revision": scoped_entry("revision"),
    "hcc.contract.revision.line": scoped_entry("revision_line", sm="rwcu"),
    # extension options follow their contract; one with a decision stays
    "hcc.contract.option": scoped_entry("option"),
    # early termination cases (9.2 to 9.4): opened by the lead officer, never
    # deleted; Legal Services see those referred to them (test_termination_case)
    "hcc.contract.termination": scoped_entry("termination", sm="rwc", cso="rwc"),
    # supervision sessions of a nominee representative (5.1): recorded by the
    # lead officer (or the CSO, the County Manager), never deleted
    "hcc.contract.supervision": scoped_entry(
        "supervision", write="note", sm="rwc", cso="rwc"
    ),
    # budgets: Finance and the County Manager keep them, the others read
    "hcc.contract.budget": scoped_entry(
        "budget", sm="r", cso="r", cm="rwcu", finance="rwcu"
    ),
    # specific cases (7.6) are for the "Case details" group alone: no role
    # of the matrix reads them (the meetings tests cover that group)
    "hcc.contract.case": {
        "scopes": SCOPES,
        "vals": "_matrix_case_vals",
        "write": "_matrix_case_write",
        "expected": {role: ("", "", "", "") for role in ROLES},
    },
    # safeguarding concerns: the group "Safeguarding" (tests/safeguarding) and
    # the County Manager only, on every contract of their company; never deleted
    "hcc.safeguarding.concern": {
        "scopes": SCOPES,
        "vals": "_matrix_safeguarding_vals",
        "write": "_matrix_safeguarding_write",
        "expected": {
            role: ("rwc", "rwc", "rwc", "")
            if role in ("county_manager", "administrator")
            else ("", "", "", "")
            for role in ROLES
        },
    },
    # provider compliance documents (issue 42): scopes are providers with a
    # contract led in the north, one in the south, one of another company;
    # the CSO and the County Manager record them, read-only roles read all,
    # a Service Manager those of the providers of its contracts; never deleted
    "hcc.provider.document": {
        "scopes": ("led", "outside", "foreign"),
        "vals": "_matrix_provider_document_vals",
        "write": "_matrix_provider_document_write",
        "expected": {
            "viewer": ("r", "r", ""),
            "finance": ("r", "r", ""),
            "service_manager": ("r", "", ""),
            "support_officer": ("rwc", "rwc", ""),
            "county_manager": ("rwc", "rwc", ""),
            "administrator": ("rwc", "rwc", ""),
            "legal_services": ("", "", ""),
            "no_role": ("", "", ""),
        },
    },
    # provider failures (issue 42): recorded by the County Manager alone;
    # read as provider documents are (scopes likewise); never deleted
    "hcc.provider.failure": {
        "scopes": ("led", "outside", "foreign"),
        "vals": "_matrix_provider_failure_vals",
        "write": "_matrix_provider_failure_write",
        "expected": {
            "viewer": ("r", "r", ""),
            "finance": ("r", "r", ""),
            "service_manager": ("r", "", ""),
            "support_officer": ("r", "", ""),
            "county_manager": ("rwc", "rwc", ""),
            "administrator": ("rwc", "rwc", ""),
            "legal_services": ("", "", ""),
            "no_role": ("", "", ""),
        },
    },
    # the evidence trail (9.4) is a read-only view of the records above
    "hcc.contract.evidence": {
        "scopes": SCOPES,
        "ops": "r",
        "record": "_matrix_evidence_record",
        "expected": scoped_entry("evidence", sm="r", cso="r", cm="r")["expected"],
    },
    "hcc.fee.review": {
        "scopes": ("company", "foreign"),
        "vals": "_matrix_fee_review_vals",
        "write": "_matrix_fee_review_write",
        "ops": "rwc",
        "expected": FEE_REVIEW_EXPECTED,
    },
    "hcc.fee.review.rule": {
        "scopes": ("company", "foreign"),
        "vals": "_matrix_fee_review_rule_vals",
        "write": "_matrix_fee_review_rule_write",
        "expected": {
            role: tuple(
                scope + "u" if scope.endswith("c") else scope for scope in scopes
            )
            for role, scopes in FEE_REVIEW_EXPECTED.items()
        },
    },
    "hcc.fee.review.line": {
        "scopes": SCOPES,
        "ops": "r",
        "record": "_matrix_fee_review_line_record",
        "expected": {
            "viewer": ("r", "r", "r", ""),
            "finance": ("r", "r", "r", ""),
            "service_manager": ("r", "r", "", ""),
            "support_officer": ("r", "r", "r", ""),
            "county_manager": ("r", "r", "r", ""),
            "administrator": ("r", "r", "r", ""),
            "legal_services": ("", "", "", ""),
            "no_role": ("", "", "", ""),
        },
    },
    # market oversight: a provider's risk rating and its history are read by
    # whoever reaches one of its live contracts, and written by nobody (the
    # providers' tests try every write); the rules are the County Manager's
    "hcc.provider.risk": {
        "scopes": SCOPES,
        "ops": "r",
        "record": "_matrix_provider_risk_record",
        "expected": scoped_entry("provider_risk", sm="r", cso="r", cm="r")["expected"],
    },
    "hcc.provider.risk.change": {
        "scopes": SCOPES,
        "ops": "r",
        "record": "_matrix_provider_risk_change_record",
        "expected": scoped_entry("provider_risk", sm="r", cso="r", cm="r")["expected"],
    },
    "hcc.provider.risk.rule": {
        "scopes": ("company", "foreign"),
        "vals": "_matrix_provider_risk_rule_vals",
        "write": "_matrix_provider_risk_rule_write",
        "expected": {
            "viewer": ("r", ""),
            "finance": ("r", ""),
            "service_manager": ("r", ""),
            "support_officer": ("r", ""),
            "county_manager": ("rwc", ""),
            "administrator": ("rwc", ""),
            "legal_services": ("", ""),
            "no_role": ("", ""),
        },
    },
    "hcc.locality": CONFIG_ENTRY,
    "hcc.care.group": CONFIG_ENTRY,
    "hcc.service.type": CONFIG_ENTRY,
    # the localities a person covers, on the user (read and write only)
    "res.users": {
        "scopes": ("self", "other"),
        "ops": "rw",
        "record": "_matrix_user_record",
        "write": "_matrix_user_write",
        "fields": ["hcc_locality_ids"],
        "expected": {
            "viewer": ("r", "r"),
            "finance": ("r", "r"),
            "service_manager": ("r", "r"),
            "support_officer": ("r", "r"),
            "county_manager": ("r", "r"),
            "administrator": ("rw", "rw"),
            "legal_services": ("r", "r"),
            "no_role": ("r", "r"),
        },
    },
}

# 8 roles: 21 models of contracts and their children with 4 scopes × 4 ops,
# the evidence view 4 scopes × read, 3 lists × 3 scopes × 4 ops, users 2 × 2
# fee reviews: 2 scopes x 3 operations, their rules 2 x 4, their contracts 4 x 1
# provider risks and their history: 2 x 4 scopes x read; risk rules 2 x 4;
# provider documents and failures: 3 scopes x 4 operations each
EXPECTED_CASES = 8 * (
    21 * 4 * 4 + 4 + 3 * 3 * 4 + 2 * 2 + 6 + 8 + 4 + 2 * 4 + 2 * 4 + 2 * 3 * 4
)


@tagged("post_install", "-at_install")
class TestAccessMatrix(HccAccessMatrixCase):
    MATRIX = MATRIX
    MATRIX_ADDON = "hcc_contracts"

    def test_matrix_is_complete(self):
        self._assert_matrix_complete()

    def _matrix_provider_risk_record(self, scope, user):
        """The rating of a provider whose one live contract is of the scope."""
        self._risk_seq = getattr(self, "_risk_seq", 0) + 1
        provider = self.env["res.partner"].create(
            {"name": f"Matrix provider {self._risk_seq}", "is_company": True}
        )
        vals = self._matrix_contract_vals(scope)
        vals["partner_id"] = provider.id
        self.env["hcc.contract"].create(vals).action_activate()
        Risk = self.env["hcc.provider.risk"]
        risk = Risk._ensure_for_live_providers().filtered(
            lambda r: r.partner_id == provider
        )
        risk._assess()
        return risk

    def _matrix_provider_risk_change_record(self, scope, user):
        return self._matrix_provider_risk_record(scope, user).change_ids

    def _matrix_provider_risk_rule_vals(self, scope):
        company = self.company if scope == "company" else self.other_company
        return {
            "signal": "late_returns",
            "threshold": 5,
            "level": "amber",
            "company_id": company.id,
        }

    def _matrix_provider_risk_rule_write(self, role):
        return {"threshold": 6}

    def test_access_matrix(self):
        cases, mismatches = self._assert_matrix()
        self.assertEqual(cases, EXPECTED_CASES)
        self.assertFalse(mismatches, "\n" + "\n".join(mismatches))
