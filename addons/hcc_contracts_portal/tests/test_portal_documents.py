from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_portal import HccPortalCase

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
SUBMISSION = "hcc_contracts_portal.mail_activity_type_provider_submission"


@tagged("post_install", "-at_install")
class TestPortalDocuments(HccPortalCase):
    """A provider's portal user sees its organisation's compliance documents
    with their expiry dates and uploads a renewal, which waits for the
    Contract Support Officer; another provider's document is a 404."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.document_a = cls._provider_document(cls.provider, "Policy A-1")
        cls.document_b = cls._provider_document(cls.provider_b, "Policy B-1")

    @classmethod
    def _provider_document(cls, provider, name):
        attachment = cls.env["ir.attachment"].create(
            {"name": f"{name}.pdf", "raw": PDF}
        )
        document = cls.env["hcc.provider.document"].create(
            {
                "partner_id": provider.id,
                "document_type": "public_liability",
                "name": name,
                "date_issued": "2026-01-01",
                "date_expiry": "2026-12-31",
                "attachment_ids": [Command.set(attachment.ids)],
            }
        )
        document.action_accept()
        return document

    def _renew(self, document, date_expiry="2027-12-31", data=PDF):
        return self._post(
            f"/my/compliance-documents/{document.id}",
            {"date_issued": "2027-01-01", "date_expiry": date_expiry},
            files={"renewal_file": ("renewal.pdf", data, "application/pdf")},
        )

    def test_lists_own_documents_only(self):
        self.authenticate("portal_a", "portal_a")
        response = self.url_open("/my/compliance-documents")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Policy A-1", response.text)
        self.assertIn("31 Dec 2026", response.text)
        self.assertNotIn("Policy B-1", response.text)
        response = self.url_open(f"/my/compliance-documents/{self.document_b.id}")
        self.assertEqual(response.status_code, 404)
        home = self.url_open("/my/home")
        self.assertIn("/my/compliance-documents", home.text)

    @freeze_time("2026-12-01")
    def test_upload_renewal_then_cso_accepts(self):
        self.authenticate("portal_a", "portal_a")
        response = self._renew(self.document_a)
        self.assertEqual(response.status_code, 200)
        self.assertIn("the renewal has been sent to the council", response.text)
        Document = self.env["hcc.provider.document"]
        renewal = Document.search([("renewal_of_id", "=", self.document_a.id)])
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(renewal.partner_id, self.provider)
        self.assertEqual(str(renewal.date_expiry), "2027-12-31")
        self.assertTrue(renewal.uploaded_on_portal)
        self.assertEqual(renewal.attachment_ids.raw, PDF)
        self.assertEqual(
            renewal.attachment_ids.hcc_document_type, "provider_compliance"
        )
        # the CSO of the provider's contract is asked to check it
        activity = renewal.activity_ids
        self.assertEqual(activity.user_id, self.user_cso)
        self.assertEqual(activity.activity_type_id, self.env.ref(SUBMISSION))
        # the document stays current until the council accepts the renewal
        self.assertEqual(self.document_a.state, "current")
        # a second renewal is refused while the first waits
        page = self.url_open(f"/my/compliance-documents/{self.document_a.id}")
        self.assertIn("o_hcc_renewal_pending", page.text)
        renewal.with_user(self.user_cso).action_accept()
        self.assertEqual(self.document_a.state, "superseded")
        self.assertFalse(self.document_a.active)
        self.assertEqual(renewal.state, "current")
        self.assertFalse(renewal.activity_ids)

    def test_renewal_checked(self):
        self.authenticate("portal_a", "portal_a")
        for date_expiry, data, message in (
            ("2026-06-30", PDF, "must expire after the document it renews"),
            ("", PDF, "Give"),
            ("31/12/2027", PDF, "is not a date"),
            ("2027-12-31", b"MZ\x90\x00 not a document", "is not accepted"),
        ):
            response = self._renew(self.document_a, date_expiry, data)
            self.assertIn(message, response.text, date_expiry)
        self.assertFalse(
            self.env["hcc.provider.document"].search(
                [("renewal_of_id", "=", self.document_a.id)]
            )
        )

    def test_other_providers_document_refused(self):
        self.authenticate("portal_a", "portal_a")
        page = self.url_open(f"/my/compliance-documents/{self.document_a.id}")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = self.url_open(
            f"/my/compliance-documents/{self.document_b.id}",
            data={"csrf_token": token, "date_expiry": "2027-12-31"},
            files={"renewal_file": ("renewal.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(
            self.env["hcc.provider.document"].search(
                [("renewal_of_id", "=", self.document_b.id)]
            )
        )
        # nor through the ORM: the portal user has no right on the model
        Document = self.env["hcc.provider.document"].with_user(self.portal_a)
        with self.assertRaises(AccessError):
            Document.search([]).read(["name"])
        with self.assertRaises(AccessError):
            Document.create(
                {
                    "partner_id": self.provider.id,
                    "document_type": "public_liability",
                    "date_expiry": "2030-01-01",
                }
            )
