"""Every kind of statutory notice exports an OCDS release package whose
release the official OCDS 1.1 release schema, patched with the metrics
extension and Find a Tender's UK extension, accepts with format checking, as
the Open Contracting Partnership's validators check it."""

import json
from pathlib import Path

from freezegun import freeze_time
from jsonschema import Draft4Validator

from odoo.tests import tagged

from ..models.hcc_fts_notice_mixin import OCDS_EXTENSIONS, OGL_V3
from ..models.hcc_statutory_notice import FTS_NOTICE_TYPES
from .common_statutory import HccStatutoryCase

SCHEMA_DIR = Path(__file__).parent / "data" / "ocds"
UK_EXTENSION = OCDS_EXTENSIONS[0]


def merge_patch(target, patch):
    """JSON Merge Patch (RFC 7386), the way OCDS extensions patch the schema."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def release_validator():
    schema = json.loads((SCHEMA_DIR / "release-schema-1.1.5.json").read_text())
    metrics = json.loads(
        (SCHEMA_DIR / "metrics-extension-release-schema.json").read_text()
    )
    uk = json.loads((SCHEMA_DIR / "uk-extension-release-schema.json").read_text())
    schema = merge_patch(merge_patch(schema, metrics), uk)
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


@tagged("post_install", "-at_install")
class TestOcdsSchema(HccStatutoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.validator = release_validator()

    def _errors(self, release):
        return [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in self.validator.iter_errors(release)
        ]

    def assertValidRelease(self, notice):
        self.assertEqual(notice.state, "prepared")
        package = json.loads(notice.prepared_data)
        self.assertEqual(package["version"], "1.1")
        self.assertIn(UK_EXTENSION, package["extensions"])
        self.assertEqual(package["license"], OGL_V3)
        self.assertEqual(package["publisher"]["name"], notice.company_id.name)
        self.assertEqual(len(package["releases"]), 1)
        release = package["releases"][0]
        self.assertEqual(self._errors(release), [], notice.notice_kind)
        return release

    def test_format_checking_is_on(self):
        """The checker knows date-times: the test below cannot pass by
        ignoring formats (a date alone, as the export once wrote, fails)."""
        self.assertIn("date-time", self.validator.format_checker.checkers)
        notice = self._due_performance_notice()
        with freeze_time("2027-04-03"):
            notice.action_prepare()
        release = json.loads(notice.prepared_data)["releases"][0]
        self.assertEqual(self._errors(release), [])
        release["contracts"][0]["period"]["startDate"] = "2026-04-01"
        metric = release["contracts"][0]["implementation"]["metrics"][0]
        del metric["observations"][0]["id"]
        release["contracts"][0]["aboveThreshold"] = "yes"
        release["contracts"][0]["value"]["amountGross"] = "1000"
        errors = self._errors(release)
        self.assertIn(
            "contracts/0/period/startDate: '2026-04-01' is not a 'date-time'", errors
        )
        self.assertIn(
            "contracts/0/implementation/metrics/0/observations/0: "
            "'id' is a required property",
            errors,
            "the metrics extension is applied",
        )
        # and Find a Tender's UK extension
        self.assertIn(
            "contracts/0/aboveThreshold: 'yes' is not of type 'boolean', 'null'",
            errors,
        )
        self.assertIn(
            "contracts/0/value/amountGross: '1000' is not of type 'number', 'null'",
            errors,
        )

    def test_every_notice_kind_is_valid_ocds(self):
        # performance, with a KPI measured and rated (metrics extension)
        performance = self._due_performance_notice()
        # change: a qualifying modification of a contract that is not light touch
        changed = self._live_contract(300000.0, light_touch=False)
        self.env["hcc.contract.revision"].create(
            {
                "contract_id": changed.id,
                "title": "Extend by a year",
                "reason": "demand",
                "date_effective": "2026-10-01",
                "is_qualifying_modification": True,
                "state": "approved",
            }
        )
        # award and details: a procured contract worth £6m
        procurement = self._procure(2000000.0)
        with freeze_time("2026-07-17"):
            self._do_signature(procurement)
        procured = procurement.awarded_contract_id
        # termination: a contract that expired
        expired = self._live_contract(400000.0, date_end="2028-03-31")
        with freeze_time("2028-04-03"):
            expired.action_expire()
            self.env["hcc.contract"]._cron_statutory_notices()
            notices = (
                performance
                | self._notices(changed)
                | self._notices(expired)
                | self._notices(procured)
            )
            notices.with_user(self.user_cso).action_prepare()
        self.assertEqual(set(notices.mapped("notice_kind")), set(FTS_NOTICE_TYPES))
        for notice in notices:
            release = self.assertValidRelease(notice)
            self.assertTrue(release["date"].endswith("Z"))
            legal_basis = release["tender"]["legalBasis"]
            self.assertEqual(
                (legal_basis["scheme"], legal_basis["id"]), ("UKPGA", "2023/54")
            )
            self.assertFalse(release["ocid"].startswith("ocds-h6vhtk-"))
        release = json.loads(performance.prepared_data)["releases"][0]
        period = release["contracts"][0]["period"]
        # both days fall in British Summer Time (UTC+1)
        self.assertEqual(period["startDate"], "2026-04-01T00:00:00+01:00")
        self.assertEqual(period["endDate"], "2029-03-31T23:59:59+01:00")
        metric = release["contracts"][0]["implementation"]["metrics"][0]
        self.assertEqual(metric["description"], "Target: 95")
        self.assertEqual(metric["observations"][0]["measure"], 70.0)
        self.assertEqual(
            metric["observations"][0]["measureClassification"]["id"],
            "significantlyBelow",
        )
        by_kind = {
            n.notice_kind: json.loads(n.prepared_data)["releases"][0]
            for n in self._notices(procured)
        }
        award = by_kind["contract_award"]
        self.assertEqual(award["tag"], ["award", "contract"])
        self.assertEqual(award["awards"][0]["status"], "pending")
        self.assertEqual(award["awards"][0]["date"], "2026-07-01T00:00:00+01:00")
        self.assertTrue(award["awards"][0]["aboveThreshold"])
        self.assertEqual(
            award["awards"][0]["items"][0]["additionalClassifications"][0]["scheme"],
            "CPV",
        )
        # prepared on 3 April 2028 (a Monday): eight working days to the 13th
        standstill = award["awards"][0]["standstillPeriod"]
        self.assertEqual(standstill["endDate"], "2028-04-13T23:59:59+01:00")
        milestone = award["contracts"][0]["milestones"][0]
        self.assertEqual(milestone["type"], "futureSignatureDate")
        self.assertEqual(award["contracts"][0]["status"], "pending")
        details = by_kind["contract_details"]["contracts"][0]
        self.assertEqual(details["dateSigned"], "2026-07-17T00:00:00+01:00")
        self.assertEqual(details["status"], "pending", "signed, not yet started")
        # the copy of a contract worth more than £5 million goes on the UK7
        self.assertEqual(details["documents"][0]["documentType"], "contractSigned")
        change = json.loads(self._notices(changed).prepared_data)["releases"][0]
        self.assertEqual(change["tag"], ["contractAmendment"])
        amendment = change["contracts"][0]["amendments"][0]
        self.assertEqual(amendment["date"], "2026-10-01T00:00:00+01:00")
        self.assertEqual(amendment["rationaleClassifications"][0]["id"], "demand")
        self.assertIn("amountGross", amendment["value"])
        termination = json.loads(self._notices(expired).prepared_data)["releases"][0]
        ended = termination["contracts"][0]
        self.assertEqual(
            ended["terminationRationaleClassifications"][0]["id"], "contractCompleted"
        )
        completion = ended["implementation"]
        self.assertEqual(completion["endDate"], "2028-03-31T23:59:59+01:00")
        self.assertEqual(
            set(completion["finalValue"]), {"amount", "amountGross", "currency"}
        )
