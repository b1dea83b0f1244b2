"""The notices of a procurement before any contract exists: the tender notice
(s.21, UK4 on Find a Tender) of a competitive tender, and the procurement
termination notice (s.55, UK12) of a procurement cancelled after its tender
notice was published; shaped as Find a Tender publishes them and accepted by
the OCDS schema with the UK extension."""

import json

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.hcc_procurement_notice import FTS_PROCUREMENT_NOTICE_TYPES
from .common_statutory import HccStatutoryCase
from .test_ocds_schema import release_validator


@tagged("post_install", "-at_install")
class TestProcurementNotices(HccStatutoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.validator = release_validator()
        cls.ProcurementNotice = cls.env["hcc.procurement.notice"]
        cls.company.write(
            {
                "hcc_ppon": "PBHM-7586-PWLP",
                "email": "procurement@council.example",
                "zip": "SO23 8UJ",
                "city": "Winchester",
                "street": "1 High Street",
                "country_id": cls.env.ref("base.uk").id,
            }
        )

    def _errors(self, release):
        return [
            f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in self.validator.iter_errors(release)
        ]

    def _to_tender(self, estimated_value=1_200_000.0, light_touch=True):
        with freeze_time("2026-05-01"):
            procurement = self._create_procurement(
                date_contract_start="2026-09-01",
                date_contract_end="2029-08-31",
                is_light_touch=light_touch,
            )
            procurement.with_user(self.user_sm).estimated_value = estimated_value
            self._do_need(procurement)
            self._do_option(procurement, "competitive_tender")
        with freeze_time("2026-05-11"):
            self._do_authorisation(procurement)
        return procurement

    def _release(self, notice):
        package = json.loads(notice.prepared_data)
        self.assertEqual(len(package["releases"]), 1)
        release = package["releases"][0]
        self.assertEqual(self._errors(release), [], notice.notice_kind)
        return release

    def _publish(self, notice, number, ocid, day):
        with freeze_time(day):
            notice.with_user(self.user_cso).write(
                {
                    "notice_identifier": number,
                    "fts_ocid": ocid,
                    "date_published": day,
                }
            )
            notice.with_user(self.user_cso).action_mark_published()

    def test_tender_notice(self):
        """A competitive tender, once authorised, has its tender notice due
        before it is advertised; it says what Find a Tender's UK4 says."""
        procurement = self._to_tender()
        self.assertEqual(procurement.step, "tender")
        notice = procurement.notice_ids
        self.assertEqual(notice.notice_kind, "tender")
        self.assertEqual(FTS_PROCUREMENT_NOTICE_TYPES[notice.notice_kind], "UK4")
        self.assertEqual(notice.date_due, fields.Date.to_date("2026-05-11"))
        self.assertEqual(notice.activity_ids.user_id, self.user_cso)
        with freeze_time("2026-05-11"):
            procurement.with_user(self.user_cso).write(
                {"date_closing": "2026-06-10", "advert_text": "<p>Tenders invited.</p>"}
            )
            notice.with_user(self.user_cso).action_prepare()
        release = self._release(notice)
        self.assertEqual(release["tag"], ["tender"])
        self.assertTrue(release["ocid"].startswith("draft-"), "no FTS prefix minted")
        tender = release["tender"]
        self.assertEqual(tender["legalBasis"]["id"], "2023/54")
        self.assertEqual(tender["status"], "active")
        self.assertEqual(tender["id"], procurement.name)
        self.assertEqual(tender["tenderPeriod"]["endDate"], "2026-06-10T23:59:59+01:00")
        self.assertEqual(tender["contractPeriod"]["startDate"][:10], "2026-09-01")
        self.assertEqual(tender["value"]["amountGross"], 1_200_000.0)
        self.assertTrue(tender["aboveThreshold"], "£1.2m over the light touch £663,540")
        self.assertEqual(tender["specialRegime"], ["lightTouch"])
        self.assertEqual(tender["classification"]["scheme"], "CPV")
        self.assertEqual(tender["description"], "Tenders invited.")
        self.assertEqual(release["parties"][0]["roles"], ["buyer"])
        self.assertEqual(
            release["parties"][0]["identifier"],
            {"scheme": "GB-PPON", "id": "PBHM-7586-PWLP"},
        )
        # nothing is raised twice
        procurement._sync_procurement_notices()
        self.assertEqual(procurement.notice_ids, notice)

    def test_a_small_tender_is_below_threshold(self):
        procurement = self._to_tender(estimated_value=150_000.0)
        with freeze_time("2026-05-11"):
            procurement.notice_ids.with_user(self.user_cso).action_prepare()
        self.assertFalse(
            self._release(procurement.notice_ids)["tender"]["aboveThreshold"]
        )

    def test_single_tender_has_no_tender_notice(self):
        with freeze_time("2026-05-01"):
            procurement = self._create_procurement()
            self._do_need(procurement)
            self._do_option(procurement, "single_tender")
        with freeze_time("2026-05-11"):
            self._do_authorisation(procurement)
        self.assertEqual(procurement.step, "negotiation")
        self.assertFalse(procurement.notice_ids)

    def test_the_tender_notice_gives_the_procurement_its_identifier(self):
        """The OCID typed back on the tender notice is the procurement's: the
        award notice of the contract awarded carries it (not a light touch
        contract: the winning bid, £99,000 a year, is over the threshold)."""
        procurement = self._to_tender(light_touch=False)
        notice = procurement.notice_ids
        with freeze_time("2026-05-11"):
            notice.with_user(self.user_cso).action_prepare()
        with self.assertRaises(UserError):
            notice.with_user(self.user_cso).action_mark_published()
        self._publish(notice, "031234-2026", "ocds-h6vhtk-06ab12", "2026-05-12")
        self.assertEqual(notice.state, "published")
        self.assertEqual(
            notice.notice_url,
            "https://www.find-tender.service.gov.uk/Notice/031234-2026",
        )
        with freeze_time("2026-06-15"):
            self._do_tender(procurement)
            self._do_evaluation(procurement, self.provider_b)
        with freeze_time("2026-07-01"):
            self._do_award(procurement)
        contract = procurement.awarded_contract_id
        self.assertEqual(contract.fts_ocid, "ocds-h6vhtk-06ab12")
        award = self._notices(contract)
        self.assertEqual(award.notice_kind, "contract_award")
        with freeze_time("2026-07-01"):
            award.with_user(self.user_cso).action_prepare()
        self.assertEqual(
            json.loads(award.prepared_data)["releases"][0]["ocid"],
            "ocds-h6vhtk-06ab12",
        )

    def test_procurement_termination_notice(self):
        """Cancelled after its tender notice was published, the procurement
        ends with a procurement termination notice (UK12), the tender
        cancelled, under the same identifier."""
        procurement = self._to_tender()
        notice = procurement.notice_ids
        with freeze_time("2026-05-11"):
            notice.with_user(self.user_cso).action_prepare()
        self._publish(notice, "031234-2026", "ocds-h6vhtk-06ab12", "2026-05-12")
        with freeze_time("2026-05-20"):
            procurement.with_user(self.user_cso).action_cancel()
        termination = procurement.notice_ids - notice
        self.assertEqual(termination.notice_kind, "procurement_termination")
        self.assertEqual(FTS_PROCUREMENT_NOTICE_TYPES[termination.notice_kind], "UK12")
        self.assertEqual(termination.date_due, fields.Date.to_date("2026-05-20"))
        self.assertIn("031234-2026", termination.reason)
        with freeze_time("2026-05-20"):
            termination.with_user(self.user_cso).action_prepare()
        release = self._release(termination)
        self.assertEqual(release["tag"], ["tenderCancellation"])
        self.assertEqual(release["ocid"], "ocds-h6vhtk-06ab12")
        self.assertEqual(release["tender"]["status"], "cancelled")
        self.assertEqual(release["tender"]["lots"][0]["status"], "cancelled")
        self.assertEqual(
            release["tender"]["finalStatusDate"], "2026-05-20T00:00:00+01:00"
        )
        self.assertEqual(termination.fts_ocid, "ocds-h6vhtk-06ab12")

    def test_cancelled_before_the_tender_notice_was_published(self):
        """Nothing was published: the tender notice is no longer required and
        no termination notice is due."""
        procurement = self._to_tender()
        with freeze_time("2026-05-12"):
            procurement.with_user(self.user_sm).action_cancel()
        notice = procurement.notice_ids
        self.assertEqual(notice.notice_kind, "tender")
        self.assertEqual(notice.state, "not_required")
        self.assertTrue(notice.not_required_reason)
        self.assertFalse(notice.activity_ids)

    def test_never_deleted_nor_forged(self):
        procurement = self._to_tender()
        notice = procurement.notice_ids
        with self.assertRaises(UserError):
            notice.with_user(self.user_cso).unlink()
        with self.assertRaises(UserError):
            notice.with_user(self.user_cso).write({"state": "published"})
        self.assertEqual(notice.state, "due")
