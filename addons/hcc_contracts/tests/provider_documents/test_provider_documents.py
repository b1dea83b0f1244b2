import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..common import HccContractsCase

REMINDER = "hcc_contracts.mail_activity_type_provider_document_expiring"


class HccProviderDocumentsCase(HccContractsCase):
    """An active contract of the north with the test's provider, kept by the
    CSO of the north."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-04-01"):
            cls.contract = cls._create_contract()
            # made live, the contract has its provider rated at once: the
            # rating names the localities whose Service Managers read the
            # provider's documents, without waiting for the night's assessment
            cls.contract.action_activate()
        cls.company.hcc_county_manager_id = cls.user_cm

    def _file(self, user=None, name="insurance.pdf"):
        env = self.env(user=user or self.user_cso)
        return env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(b"%PDF-1.4 certificate"),
                "res_model": "hcc.provider.document",
                "res_id": 0,
            }
        )

    def _document(self, user=None, accept=True, **vals):
        user = user or self.user_cso
        env = self.env(user=user)
        document = env["hcc.provider.document"].create(
            {
                "partner_id": self.provider.id,
                "document_type": "employer_liability",
                "name": "Policy EL-1",
                "date_issued": "2026-01-01",
                "date_expiry": "2026-12-31",
                "attachment_ids": [(6, 0, self._file(user).ids)],
                **vals,
            }
        )
        if accept:
            document.action_accept()
        return document


@tagged("post_install", "-at_install")
class TestProviderDocuments(HccProviderDocumentsCase):
    def test_cso_records_accepts_and_renewal_supersedes(self):
        with freeze_time("2026-06-01"):
            first = self._document()
            self.assertEqual(first.state, "current")
            self.assertEqual(first.accepted_by_id, self.user_cso)
            self.assertEqual(first.expiry_status, "valid")
            # the file is filed under the document, typed: kept for good
            attachment = first.attachment_ids
            self.assertEqual(attachment.res_model, "hcc.provider.document")
            self.assertEqual(attachment.res_id, first.id)
            self.assertEqual(attachment.hcc_document_type, "provider_compliance")
            with self.assertRaises(UserError):
                attachment.with_user(self.user_cso).unlink()
            renewal = self._document(
                accept=False,
                renewal_of_id=first.id,
                date_issued="2027-01-01",
                date_expiry="2027-12-31",
            )
            self.assertEqual(renewal.state, "draft")
            self.assertEqual(first.state, "current")
            renewal.action_accept()
            self.assertEqual(first.state, "superseded")
            self.assertFalse(first.active)
            self.assertEqual(first.superseded_by_id, renewal)
            self.assertEqual(renewal.state, "current")
            # a new document of a type held once supersedes the current one
            third = self._document(date_expiry="2028-12-31")
            self.assertEqual(renewal.state, "superseded")
            self.assertEqual(third.state, "current")

    def test_accept_needs_a_file_and_the_cso(self):
        with freeze_time("2026-06-01"):
            bare = self._document(accept=False, attachment_ids=[])
            with self.assertRaises(UserError):
                bare.action_accept()
            document = self._document(accept=False)
            with self.assertRaises(AccessError):
                document.with_user(self.user_sm).action_accept()
            with self.assertRaises(AccessError):
                document.with_user(self.user_viewer).action_reject()
            document.action_reject()
            self.assertEqual(document.state, "rejected")
            with self.assertRaises(UserError):
                document.action_accept()

    def test_never_deleted_and_accepted_content_frozen(self):
        with freeze_time("2026-06-01"):
            document = self._document()
            for user in (self.user_cso, self.user_cm):
                with self.assertRaises(UserError):
                    document.with_user(user).unlink()
            with self.assertRaises(UserError):
                document.with_user(self.user_cso).write({"date_expiry": "2030-01-01"})
            with self.assertRaises(UserError):
                document.with_user(self.user_cso).write({"state": "draft"})
            draft = self._document(accept=False)
            with self.assertRaises(UserError):
                draft.with_user(self.user_cso).unlink()

    def test_roles_reading_and_recording(self):
        with freeze_time("2026-06-01"):
            document = self._document()
            Document = "hcc.provider.document"
            # readers: Read-only, the Service Manager of the contract's
            # locality, the County Manager
            for user in (self.user_viewer, self.user_sm, self.user_cm):
                self.assertEqual(
                    self.env[Document]
                    .with_user(user)
                    .search([("partner_id", "=", self.provider.id)]),
                    document,
                    user.login,
                )
            # a Service Manager of another locality sees nothing of it
            self.assertFalse(
                self.env[Document].with_user(self.user_sm_south).search([])
            )
            with self.assertRaises(AccessError):
                document.with_user(self.user_sm_south).read(["date_expiry"])
            # only the CSO (and above) records one
            for user in (self.user_sm, self.user_viewer, self.user_finance):
                with self.assertRaises(AccessError):
                    self._document(user=user, accept=False, attachment_ids=[])
            self._document(user=self.user_cm, accept=False, attachment_ids=[])

    def test_expiry_status_and_its_search(self):
        with freeze_time("2026-06-01"):
            expired = self._document(date_issued="2025-01-01", date_expiry="2026-05-31")
            expiring = self._document(
                document_type="public_liability", date_expiry="2026-06-20"
            )
            valid = self._document(
                document_type="cqc_registration", date_expiry="2027-06-20"
            )
            self.assertEqual(expired.expiry_status, "expired")
            self.assertEqual(expiring.expiry_status, "expiring")
            self.assertEqual(valid.expiry_status, "valid")
            Document = self.env["hcc.provider.document"]
            self.assertEqual(
                Document.search([("expiry_status", "=", "expired")]), expired
            )
            self.assertEqual(
                Document.search([("expiry_status", "in", ("expired", "expiring"))]),
                expired | expiring,
            )
            self.assertEqual(
                Document.search([("expiry_status", "!=", "expired")]), expiring | valid
            )
            # the setting moves what is "expiring"
            self.company.hcc_document_reminder_days = 10
            self.assertEqual(
                Document.search([("expiry_status", "=", "expiring")]),
                self.env["hcc.provider.document"],
            )

    def test_provider_page_shows_documents(self):
        with freeze_time("2026-06-01"):
            expired = self._document(date_issued="2025-01-01", date_expiry="2026-05-31")
            current = self._document(
                document_type="business_continuity", date_expiry="2027-05-31"
            )
            partner = self.provider.with_user(self.user_sm)
            self.assertEqual(partner.hcc_document_ids, expired | current)
            self.assertEqual(partner.hcc_document_count, 2)
            self.assertEqual(partner.hcc_expired_document_count, 1)
            action = partner.action_hcc_view_documents()
            self.assertEqual(action["res_model"], "hcc.provider.document")
            # a Service Manager of another locality counts nothing
            south = self.provider.with_user(self.user_sm_south)
            self.assertEqual(south.hcc_document_count, 0)


@tagged("post_install", "-at_install")
class TestProviderDocumentReminders(HccProviderDocumentsCase):
    def _activities(self, documents):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hcc.provider.document"),
                ("res_id", "in", documents.ids),
                ("activity_type_id", "=", self.env.ref(REMINDER).id),
            ]
        )

    def test_reminders_ahead_of_expiry_once(self):
        other = self.env["res.partner"].create(
            {"name": "Test Provider Without Contracts", "is_company": True}
        )
        with freeze_time("2026-06-01"):
            soon = self._document(date_expiry="2026-06-25")
            later = self._document(
                document_type="public_liability", date_expiry="2026-09-30"
            )
            orphan = self._document(partner_id=other.id, date_expiry="2026-06-20")
            draft = self._document(
                accept=False,
                document_type="policy_safeguarding",
                date_expiry="2026-06-05",
            )
            Document = self.env["hcc.provider.document"]
            Document._cron_document_reminders()
            activities = self._activities(soon | later | orphan | draft)
            self.assertEqual(len(activities), 2)
            # the CSO of the provider's contract; the County Manager when the
            # provider has no contract with a CSO
            self.assertEqual(self._activities(soon).user_id, self.user_cso)
            self.assertEqual(self._activities(orphan).user_id, self.user_cm)
            self.assertEqual(str(self._activities(soon).date_deadline), "2026-06-25")
            self.assertEqual(str(soon.date_reminded), "2026-06-01")
            self.assertFalse(later.date_reminded)
            # a second run does nothing
            Document._cron_document_reminders()
            self.assertEqual(
                self._activities(soon | later | orphan | draft), activities
            )
        with freeze_time("2026-09-01"):
            # within 30 days of its expiry, the later one comes due
            Document._cron_document_reminders()
            self.assertEqual(self._activities(later).user_id, self.user_cso)
            self.assertEqual(len(self._activities(soon | later | orphan)), 3)
        with freeze_time("2026-09-02"):
            # a renewal accepted supersedes it and closes its reminder
            self._document(
                document_type="public_liability",
                renewal_of_id=later.id,
                date_expiry="2027-09-30",
            )
            self.assertFalse(self._activities(later))

    def test_reminder_days_setting(self):
        self.company.hcc_document_reminder_days = 90
        with freeze_time("2026-06-01"):
            document = self._document(date_expiry="2026-08-15")
            self.env["hcc.provider.document"]._cron_document_reminders()
            self.assertTrue(document.date_reminded)
        with self.assertRaises(ValidationError):
            self.company.hcc_document_reminder_days = -1


@tagged("post_install", "-at_install")
class TestProviderDocumentRisk(HccProviderDocumentsCase):
    rag_sources = ("safeguarding",)

    def _risk(self):
        Risk = self.env["hcc.provider.risk"]
        Risk._ensure_for_live_providers()
        risk = Risk.search(
            [
                ("partner_id", "=", self.provider.id),
                ("company_id", "=", self.company.id),
            ]
        )
        risk._assess()
        return risk

    def test_expired_document_turns_the_provider_amber(self):
        with freeze_time("2026-06-01"):
            self._document(date_expiry="2026-12-31")
            self.assertEqual(self._risk().level, "green")
        with freeze_time("2027-01-02"):
            risk = self._risk()
            self.assertEqual(risk.level, "amber")
            self.assertIn("Compliance documents expired: 1", risk.reasons)
            self.assertNotIn("continuity", risk.reasons)

    def test_overdue_continuity_plan_is_its_own_signal(self):
        with freeze_time("2026-06-01"):
            self._document(
                document_type="business_continuity", date_expiry="2026-12-31"
            )
        with freeze_time("2027-01-02"):
            risk = self._risk()
            self.assertEqual(risk.level, "amber")
            self.assertIn("Compliance documents expired: 1", risk.reasons)
            self.assertIn(
                "Business continuity or contingency plans overdue: 1", risk.reasons
            )
