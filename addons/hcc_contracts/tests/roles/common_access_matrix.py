"""The access matrix of the roles: roles, scopes, record factories and the
checks, shared by the matrix of each addon (see ``test_access_matrix``)."""

import logging

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from ..common import HccContractsCase

_logger = logging.getLogger(__name__)

ROLES = (
    "viewer",
    "finance",
    "service_manager",
    "support_officer",
    "county_manager",
    "administrator",
    "legal_services",
    "no_role",
)
OPS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}

CONFIG_ENTRY = {
    "scopes": ("shared", "company", "foreign"),
    "vals": "_matrix_config_vals",
    "write": "_matrix_config_write",
    "expected": {
        # shared: no company; company: the user's company; foreign: another one
        "viewer": ("r", "r", ""),
        "finance": ("r", "r", ""),
        "service_manager": ("r", "r", ""),
        "support_officer": ("r", "r", ""),
        "county_manager": ("r", "r", ""),
        "administrator": ("rwcu", "rwcu", ""),
        "legal_services": ("r", "r", ""),
        "no_role": ("r", "r", ""),
    },
}

SCOPES = ("led", "locality", "outside", "foreign")


def scoped_entry(
    name, write=None, sm="rwc", cso="rwcu", cm=None, finance="r", viewer="r"
):
    """The entry of a model scoped like contracts: ``led`` (the Service
    Manager's own, in their locality), ``locality`` (another's, same
    locality), ``outside`` (another locality), ``foreign`` (another company).
    ``sm``, ``cso`` and ``finance`` give the letters on the scopes the role
    reaches, ``viewer`` those of Read-only on every scope of its company; the
    County Manager and the administrator reach every scope of their company
    with ``cm`` (default: the CSO's letters). Legal Services reach no record
    of a contract not referred to them (the factories refer none: their
    access to referred contracts is tested with the termination case)."""
    cm = cm or cso
    return {
        "scopes": SCOPES,
        "vals": f"_matrix_{name}_vals",
        "write": f"_matrix_{write or name}_write",
        "expected": {
            "viewer": (viewer, viewer, viewer, ""),
            "finance": (finance, finance, finance, ""),
            "service_manager": (sm, "r", "", ""),
            "support_officer": (cso, cso, "", ""),
            "county_manager": (cm, cm, cm, ""),
            "administrator": (cm, cm, cm, ""),
            "legal_services": ("", "", "", ""),
            "no_role": ("", "", "", ""),
        },
    }


class HccAccessMatrixCase(HccContractsCase):
    """The roles, the scopes and the record factories of the access matrix.

    A test class sets ``MATRIX`` (model -> entry, as described in
    ``test_access_matrix``) and ``MATRIX_ADDON`` (the addon whose models the
    matrix must cover), and calls ``_assert_matrix_complete()`` and
    ``_assert_matrix()``. An addon that adds a model adds a class with its
    entry and the factories the entry names."""

    MATRIX = {}
    MATRIX_ADDON = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other Council"})
        cls.user_plain = new_test_user(
            cls.env, login="hcc_plain", groups="base.group_user", name="Plain User"
        )
        cls.users = {
            "viewer": cls.user_viewer,
            "finance": cls.user_finance,
            "service_manager": cls.user_sm,
            "support_officer": cls.user_cso,
            "county_manager": cls.user_cm,
            "administrator": cls.user_admin,
            "legal_services": cls.user_legal,
            "no_role": cls.user_plain,
        }
        plan = cls.env["account.analytic.plan"].create({"name": "Test Cost Centres"})
        cls.cost_centre = cls.env["account.analytic.account"].create(
            {"name": "Test Older People Day Care", "plan_id": plan.id}
        )

    # ------------------------------------------------------------------
    # Record factories
    # ------------------------------------------------------------------
    def _matrix_contract_vals(self, scope):
        return {
            "led": self._contract_vals(),
            "locality": self._contract_vals(
                lead_officer_id=self.user_sm_other.id,
                representative_id=self.user_sm_other.id,
                support_officer_id=False,
            ),
            "outside": self._contract_vals(
                locality_id=self.locality_south.id,
                lead_officer_id=self.user_sm_south.id,
                representative_id=self.user_sm_south.id,
                support_officer_id=False,
            ),
            "foreign": self._contract_vals(company_id=self.other_company.id),
        }[scope]

    def _matrix_contract_write(self, role):
        if role == "finance":
            return {"analytic_account_id": self.cost_centre.id}
        return {"title": "Renamed in the matrix"}

    def _matrix_procurement_vals(self, scope):
        vals = {
            "title": "Matrix procurement",
            "locality_id": self.locality_north.id,
            "lead_officer_id": self.user_sm.id,
            "support_officer_id": self.user_cso.id,
        }
        if scope == "locality":
            vals.update(lead_officer_id=self.user_sm_other.id, support_officer_id=False)
        elif scope == "outside":
            vals.update(
                locality_id=self.locality_south.id,
                lead_officer_id=self.user_sm_south.id,
                support_officer_id=False,
            )
        elif scope == "foreign":
            vals.update(company_id=self.other_company.id)
        return vals

    def _matrix_procurement_write(self, role):
        return {"title": "Renamed in the matrix"}

    def _matrix_bid_vals(self, scope):
        procurement = self.env["hcc.procurement"].create(
            self._matrix_procurement_vals(scope)
        )
        return {"procurement_id": procurement.id, "partner_id": self.provider.id}

    def _matrix_bid_write(self, role):
        return {"notes": "Changed in the matrix"}

    def _matrix_contract_child(self, scope):
        """A contract of the scope, created as superuser, for child records."""
        return self.env["hcc.contract"].create(self._matrix_contract_vals(scope))

    def _matrix_review_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        # the due date is the contract's (twelve months before its end)
        return {"contract_id": contract.id}

    def _matrix_review_write(self, role):
        return {"other_factors": "<p>Changed in the matrix</p>"}

    def _matrix_return_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        return {
            "contract_id": contract.id,
            "date_from": "2026-04-01",
            "date_to": "2026-04-30",
        }

    def _matrix_note_write(self, role):
        return {"note": "Changed in the matrix"}

    def _matrix_indicator_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        return {"contract_id": contract.id, "name": "Missed visits", "target": 2.0}

    def _matrix_indicator_write(self, role):
        return {"target": 3.0}

    def _matrix_indicator_value_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        data_return = self.env["hcc.data.return"].create(
            self._matrix_return_vals(scope) | {"contract_id": contract.id}
        )
        indicator = self.env["hcc.contract.indicator"].create(
            {"contract_id": contract.id, "name": "Missed visits", "target": 2.0}
        )
        return {"return_id": data_return.id, "indicator_id": indicator.id, "value": 1.0}

    def _matrix_indicator_value_write(self, role):
        return {"value": 4.0}

    def _matrix_survey_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        return {
            "contract_id": contract.id,
            "survey_year": 1,
            "date_from": "2026-04-01",
            "date_to": "2027-03-31",
            "date_due": "2027-04-30",
        }

    def _matrix_survey_write(self, role):
        return {"respondents": 12}

    def _matrix_complaint_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        return {
            "contract_id": contract.id,
            "name": "Late visit",
            "date_received": "2026-05-01",
        }

    def _matrix_complaint_write(self, role):
        return {"name": "Late visit, twice"}

    def _matrix_active_contract(self, scope):
        contract = self._matrix_contract_child(scope)
        contract.action_activate()
        return contract

    def _matrix_meeting_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        return {
            "contract_id": contract.id,
            "meeting_type": "scheduled",
            "date": "2026-10-01 10:00:00",
        }

    def _matrix_meeting_write(self, role):
        return {"minutes": "<p>Changed in the matrix</p>"}

    def _matrix_agenda_vals(self, scope):
        meeting = self.env["hcc.contract.meeting"].create(
            self._matrix_meeting_vals(scope)
        )
        return {"meeting_id": meeting.id, "name": "Any other business"}

    def _matrix_agenda_write(self, role):
        return {"notes": "Changed in the matrix"}

    def _matrix_action_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        return {
            "contract_id": contract.id,
            "name": "Recruit two carers",
            "date_notified": "2026-10-01",
            "date_due": "2026-11-30",
        }

    def _matrix_action_write(self, role):
        return {"description": "<p>Changed in the matrix</p>"}

    def _matrix_notice_vals(self, scope):
        contract = self._matrix_active_contract(scope)
        return {"contract_id": contract.id, "notice_type": "improvement"}

    def _matrix_notice_write(self, role):
        return {"evidence_note": "<p>Changed in the matrix</p>"}

    def _matrix_revision_vals(self, scope):
        contract = self._matrix_active_contract(scope)
        return {
            "contract_id": contract.id,
            "title": "More places",
            "reason": "demand",
        }

    def _matrix_option_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        return {
            "contract_id": contract.id,
            "length_months": 12,
            "date_decide": "2028-09-30",
        }

    def _matrix_option_write(self, role):
        return {"decision_reason": "Changed in the matrix"}

    def _matrix_revision_line_vals(self, scope):
        revision = self.env["hcc.contract.revision"].create(
            self._matrix_revision_vals(scope)
        )
        return {
            "revision_id": revision.id,
            "field_name": "annual_value",
            "new_float": 130000.0,
        }

    def _matrix_revision_line_write(self, role):
        return {"new_float": 140000.0}

    def _matrix_supervision_vals(self, scope):
        vals = self._matrix_contract_vals(scope)
        # represented by a nominee of the lead officer (5.1)
        vals["representative_id"] = (
            self.user_cm.id
            if vals["lead_officer_id"] == self.user_sm_other.id
            else self.user_sm_other.id
        )
        contract = self.env["hcc.contract"].create(vals)
        return {
            "contract_id": contract.id,
            "date": "2026-05-20",
            "supervisor_id": contract.lead_officer_id.id,
            "representative_id": contract.representative_id.id,
            "note": "Contract reviewed in supervision.",
        }

    def _matrix_termination_vals(self, scope):
        contract = self._matrix_active_contract(scope)
        return {
            "contract_id": contract.id,
            "reason": "<p>Failings not corrected.</p>",
        }

    def _matrix_termination_write(self, role):
        return {"impact_note": "<p>Changed in the matrix</p>"}

    def _matrix_revision_write(self, role):
        return {"description": "<p>Changed in the matrix</p>"}

    def _matrix_budget_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        return {
            "contract_id": contract.id,
            "financial_year": "2028/29",
            "budgeted_amount": 100000.0,
        }

    def _matrix_budget_write(self, role):
        return {"budgeted_amount": 110000.0}

    def _matrix_case_vals(self, scope):
        meeting = self.env["hcc.contract.meeting"].create(
            self._matrix_meeting_vals(scope)
        )
        return {"meeting_id": meeting.id, "case_reference": "CASE-0001"}

    def _matrix_case_write(self, role):
        return {"case_reference": "CASE-0002"}

    def _matrix_safeguarding_vals(self, scope):
        contract = self._matrix_contract_child(scope)
        return {"contract_id": contract.id, "case_reference": "SG-0001"}

    def _matrix_safeguarding_write(self, role):
        return {"summary": "Missed medication rounds."}

    def _matrix_provider_partner(self, scope):
        """A provider whose one live contract is of the scope ("led": the
        north, led by the Service Manager; "outside": the south; "foreign":
        another company), created as superuser and assessed as the nightly
        cron does: what a provider's records follow."""
        self._provider_seq = getattr(self, "_provider_seq", 0) + 1
        partner = self.env["res.partner"].create(
            {
                "name": f"Matrix provider {scope} {self._provider_seq}",
                "is_company": True,
            }
        )
        self.env["hcc.contract"].create(
            self._matrix_contract_vals(scope) | {"partner_id": partner.id}
        ).action_activate()
        risks = self.env["hcc.provider.risk"]._ensure_for_live_providers()
        risks.filtered(lambda risk: risk.partner_id == partner)._assess()
        return partner

    def _matrix_provider_document_vals(self, scope):
        partner = self._matrix_provider_partner(scope)
        return {
            "partner_id": partner.id,
            "company_id": (
                self.other_company if scope == "foreign" else self.company
            ).id,
            "document_type": "public_liability",
            "date_expiry": "2027-03-31",
        }

    def _matrix_provider_document_write(self, role):
        return {"name": "Changed in the matrix"}

    def _matrix_provider_failure_vals(self, scope):
        partner = self._matrix_provider_partner(scope)
        return {
            "partner_id": partner.id,
            "company_id": (
                self.other_company if scope == "foreign" else self.company
            ).id,
            "date_failure": "2026-06-01",
            "cause": "Administration.",
        }

    def _matrix_provider_failure_write(self, role):
        return {"note": "Changed in the matrix"}

    def _matrix_evidence_record(self, scope, user):
        action = self.env["hcc.contract.action"].create(self._matrix_action_vals(scope))
        self.env.flush_all()
        return self.env["hcc.contract.evidence"].search(
            [("res_model", "=", "hcc.contract.action"), ("res_id", "=", action.id)]
        )

    def _matrix_fee_review_vals(self, scope):
        company = self.company if scope == "company" else self.other_company
        return {
            "title": "Fee review 2028/29",
            "financial_year": "2028/29",
            "date_effective": "2028-04-01",
            "company_id": company.id,
        }

    def _matrix_fee_review_write(self, role):
        return {"description": "Changed in the matrix"}

    def _matrix_fee_review_rule_vals(self, scope):
        review = self.env["hcc.fee.review"].create(self._matrix_fee_review_vals(scope))
        return {"review_id": review.id, "method": "percent", "percent": 2.0}

    def _matrix_fee_review_rule_write(self, role):
        return {"note": "Changed in the matrix"}

    def _matrix_fee_review_line_record(self, scope, user):
        contract = self._matrix_contract_child(scope)
        vals = self._matrix_fee_review_vals("company")
        vals["company_id"] = contract.company_id.id
        review = self.env["hcc.fee.review"].create(vals)
        return self.env["hcc.fee.review.line"].create(
            {"review_id": review.id, "contract_id": contract.id}
        )

    def _matrix_config_vals(self, scope):
        company = {
            "shared": False,
            "company": self.company.id,
            "foreign": self.other_company.id,
        }[scope]
        self._config_seq = getattr(self, "_config_seq", 0) + 1
        return {"name": f"Matrix {scope} {self._config_seq}", "company_id": company}

    def _matrix_config_write(self, role):
        return {"description": "Changed in the matrix"}

    def _matrix_user_record(self, scope, user):
        return user if scope == "self" else self.user_sm_south

    def _matrix_user_write(self, role):
        return {"hcc_locality_ids": [(6, 0, self.locality_south.ids)]}

    # ------------------------------------------------------------------
    # The matrix
    # ------------------------------------------------------------------
    def _record(self, spec, model, scope, user):
        if "record" in spec:
            return getattr(self, spec["record"])(scope, user)
        vals = getattr(self, spec["vals"])(scope)
        return self.env[model].create(vals)

    def _attempt(self, spec, model, scope, role, op):
        """Perform one operation as the role's user; return True when it
        succeeded, False when it raised AccessError."""
        user = self.users[role]
        Model = self.env[model].with_user(user).with_context(active_test=False)
        try:
            with self.env.cr.savepoint():
                if op == "c":
                    vals = getattr(self, spec["vals"])(scope)
                    Model.create(vals)
                    return True
                record = self._record(spec, model, scope, user).with_user(user)
                if op == "r":
                    record.read(spec.get("fields", ["display_name"]))
                    found = Model.search([("id", "=", record.id)])
                    if found != record:
                        raise AssertionError(
                            f"{model} {scope}: read() allowed but search() "
                            f"returned {found}"
                        )
                elif op == "w":
                    record.write(getattr(self, spec["write"])(role))
                elif op == "u":
                    record.unlink()
                self.env.flush_all()
        except AccessError:
            return False
        finally:
            self.env.invalidate_all()
        return True

    def _check_refused_read_is_invisible(self, spec, model, scope, role):
        """A refused read must also hide the record from search()."""
        if "record" in spec:
            return None
        user = self.users[role]
        record = self._record(spec, model, scope, user)
        try:
            found = (
                self.env[model]
                .with_user(user)
                .with_context(active_test=False)
                .search_count([("id", "=", record.id)])
            )
        except AccessError:  # no access right on the model at all
            return True
        return found == 0

    # ------------------------------------------------------------------
    # The checks
    # ------------------------------------------------------------------
    def _assert_matrix_complete(self):
        """Every concrete model that ``MATRIX_ADDON`` defines is in the matrix,
        for every role and every scope: a model added later without its entry
        fails here."""
        models = self.env["ir.model"].search(
            [("model", "=like", "hcc.%"), ("transient", "=", False)]
        )
        concrete = {
            m.model
            for m in models
            if not self.env[m.model]._abstract
            and self.env[m.model]._original_module == self.MATRIX_ADDON
        }
        self.assertTrue(concrete, f"{self.MATRIX_ADDON} defines no model")
        self.assertLessEqual(concrete, set(self.MATRIX), "models missing from MATRIX")
        for model, spec in self.MATRIX.items():
            self.assertIn(model, self.env, model)
            self.assertEqual(set(spec["expected"]), set(ROLES), model)
            for role, letters in spec["expected"].items():
                self.assertEqual(len(letters), len(spec["scopes"]), (model, role))

    def _assert_matrix(self):
        mismatches = []
        cases = 0
        for model, spec in self.MATRIX.items():
            ops = spec.get("ops", "rwcu")
            for role in ROLES:
                for scope, allowed in zip(
                    spec["scopes"], spec["expected"][role], strict=True
                ):
                    for op in ops:
                        cases += 1
                        expected = op in allowed
                        done = self._attempt(spec, model, scope, role, op)
                        if op == "r" and not expected:
                            hidden = self._check_refused_read_is_invisible(
                                spec, model, scope, role
                            )
                            if hidden is False:
                                mismatches.append(f"{model} {role} {scope}: searchable")
                        if done != expected:
                            mismatches.append(
                                f"{model} / {role} / {scope} / {OPS[op]}: "
                                f"expected {'allowed' if expected else 'refused'}, "
                                f"was {'allowed' if done else 'refused'}"
                            )
        _logger.info("Access matrix of %s: %s cases checked", self.MATRIX_ADDON, cases)
        return cases, mismatches
