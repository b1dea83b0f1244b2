"""The CQC refresh against the API answers in ``fixtures/`` (one recorded,
the others built from the documented shape: see ``fixtures/README.md``),
served by a real HTTP server on the loopback interface and asked for by the
Contract Support Officer; the lead officer reads the contract."""

import copy
import importlib.util
import json
from pathlib import Path

from freezegun import freeze_time

from odoo.tests import tagged

from .test_cqc_sync import CqcServerCase

FIXTURES = Path(__file__).parent / "fixtures"
NO_RATING_FIXTURES = {
    "documented_inspected_but_not_rated.json": "Inspected but not rated",
    "documented_evidence_partially_scored.json": (
        "Evidence requirements partially scored"
    ),
    "documented_evidence_not_yet_scored.json": "Evidence requirements not yet scored",
    "documented_no_approved_rating.json": "No Approved Rating",
}


def fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@tagged("post_install", "-at_install")
class TestCqcFixtures(CqcServerCase):
    def _refresh(self, body):
        self._answer(body=body)
        self.location.with_user(self.user_cso).action_cqc_sync()
        self.assertFalse(self.location.cqc_sync_error)

    def _contract_as_lead(self):
        contract = self.contract.with_user(self.user_sm)
        contract.invalidate_recordset()
        return contract

    def _activities(self, xmlid):
        return self.contract.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(xmlid)
        )

    @freeze_time("2026-06-01")
    def test_assessment_newer_than_inspection_wins(self):
        self._refresh(fixture("documented_saf_newer_than_inspection.json"))
        location = self.location
        self.assertEqual(location.cqc_overall_rating, "inadequate")
        self.assertEqual(location.cqc_rating_label, "Inadequate")
        self.assertEqual(location.cqc_rating_framework, "assessment")
        self.assertEqual(str(location.cqc_rating_date), "2025-02-10")
        self.assertEqual(location.cqc_safe_rating, "inadequate")
        self.assertEqual(location.cqc_effective_rating, "requires_improvement")
        self.assertEqual(location.cqc_caring_rating, "good")
        self.assertEqual(location.cqc_well_led_rating, "inadequate")
        self.assertEqual(location.cqc_registration_status, "registered")
        contract = self._contract_as_lead()
        self.assertEqual(contract.rag_status, "red")
        self.assertIn(
            "CQC rates Test Provider Ltd, Basingstoke branch", contract.rag_reasons
        )
        worse = self._activities(
            "hcc_contracts_cqc.mail_activity_type_cqc_rating_worse"
        )
        self.assertEqual(worse.user_id, self.user_sm)
        self.assertIn("Inadequate", worse.summary)

    @freeze_time("2026-06-01")
    def test_inspection_newer_than_assessment_wins(self):
        self._refresh(fixture("documented_inspection_newer_than_assessment.json"))
        self.assertEqual(self.location.cqc_overall_rating, "requires_improvement")
        self.assertEqual(self.location.cqc_rating_framework, "inspection")
        self.assertEqual(str(self.location.cqc_rating_date), "2024-06-20")
        self.assertEqual(self.location.cqc_safe_rating, "requires_improvement")
        self.assertEqual(self._contract_as_lead().rag_status, "amber")

    @freeze_time("2026-06-01")
    def test_each_no_rating_label_is_not_rated_and_refreshes(self):
        for name, label in NO_RATING_FIXTURES.items():
            with self.subTest(label=label):
                body = fixture(name)
                # only the label: nothing else published
                if body.get("assessment"):
                    body.pop("currentRatings")
                self.location.sudo().write({"cqc_overall_rating": "inadequate"})
                self._refresh(body)
                self.assertEqual(self.location.cqc_overall_rating, "not_rated")
                self.assertEqual(self.location.cqc_rating_label, label)
                self.assertEqual(self.location.cqc_safe_rating, "not_rated")
                self.assertTrue(self.location.cqc_last_sync)
                self.assertNotIn("CQC", self._contract_as_lead().rag_reasons or "")
        self.assertFalse(
            self._activities("hcc_contracts_cqc.mail_activity_type_cqc_rating_worse"),
            "no rating is not a worse rating",
        )

    @freeze_time("2026-06-01")
    def test_unscored_assessment_does_not_hide_the_published_rating(self):
        for name, label in NO_RATING_FIXTURES.items():
            body = fixture(name)
            if not body.get("assessment"):
                continue
            with self.subTest(label=label):
                # Good in 2019 (inspection), then an assessment not yet scored
                self._refresh(body)
                self.assertEqual(self.location.cqc_overall_rating, "good")
                self.assertEqual(self.location.cqc_rating_framework, "inspection")
                self.assertEqual(str(self.location.cqc_rating_date), "2019-05-01")

    @freeze_time("2026-06-01")
    def test_recorded_deregistered_location_flags_its_contracts(self):
        self.location.sudo().cqc_location_id = "1-134558905"
        body = fixture("recorded_1-134558905_deregistered.json")
        self._refresh(body)
        self.assertEqual(self.server.hits, [("/locations/1-134558905", "test-key")])
        location = self.location
        self.assertEqual(location.cqc_registration_status, "deregistered")
        self.assertEqual(str(location.cqc_deregistration_date), "2016-11-28")
        self.assertEqual(location.cqc_overall_rating, "not_rated")
        self.assertEqual(location.cqc_rating_label, "No published rating")
        self.assertEqual(location.cqc_rating_framework, "inspection")
        self.assertFalse(location.cqc_rating_date, "no report date with the rating")
        self.assertEqual(location.cqc_well_led_rating, "not_rated")
        # the lead officer sees it on the contract, in its RAG and in a filter
        contract = self._contract_as_lead()
        self.assertEqual(contract.cqc_deregistered_location_ids, location)
        self.assertEqual(contract.rag_status, "amber")
        self.assertIn(
            "CQC deregistered Test Provider Ltd, Basingstoke branch on 28/11/2016",
            contract.rag_reasons,
        )
        Contract = self.env["hcc.contract"].with_user(self.user_sm)
        self.assertEqual(
            Contract.search([("cqc_deregistered_location_ids", "!=", False)]),
            contract,
        )
        self.assertNotIn(
            contract, Contract.search([("cqc_deregistered_location_ids", "=", False)])
        )
        activity = self._activities(
            "hcc_contracts_cqc.mail_activity_type_cqc_deregistered"
        )
        self.assertEqual(activity.user_id, self.user_sm)
        self.assertIn("deregistered", activity.summary)
        # a second refresh neither warns again nor changes anything
        self.location.sudo().cqc_last_attempt = False
        self._refresh(body)
        self.assertEqual(
            self._activities("hcc_contracts_cqc.mail_activity_type_cqc_deregistered"),
            activity,
        )
        # registered again (the same answer, as the API gives a registered
        # location): the contract is no longer flagged
        registered = copy.deepcopy(body)
        registered["registrationStatus"] = "Registered"
        registered.pop("deregistrationDate")
        self._refresh(registered)
        contract = self._contract_as_lead()
        self.assertFalse(contract.cqc_deregistered_location_ids)
        self.assertFalse(self.location.cqc_deregistration_date)
        self.assertNotIn("CQC", contract.rag_reasons or "")

    def test_migration_asks_every_location_again(self):
        path = Path(__file__).parents[1] / "migrations/18.0.1.1.0/post-migration.py"
        spec = importlib.util.spec_from_file_location("hcc_cqc_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        other = self.env["res.partner"].create({"name": "No CQC ID"})
        (self.location | other).write({"cqc_last_attempt": "2026-06-01"})
        self.env.flush_all()
        migration.migrate(self.env.cr, "18.0.1.0.0")
        (self.location | other).invalidate_recordset(["cqc_last_attempt"])
        self.assertFalse(self.location.cqc_last_attempt)
        self.assertEqual(str(other.cqc_last_attempt), "2026-06-01")
