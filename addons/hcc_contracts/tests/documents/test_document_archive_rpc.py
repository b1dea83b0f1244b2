import base64

from odoo.tests import tagged

from .common_documents import HccDocumentsHttpCase

PDF = base64.b64encode(b"%PDF-1.4 signed").decode()


@tagged("post_install", "-at_install")
class TestDocumentArchiveRpc(HccDocumentsHttpCase):
    """Evidence cannot be hidden (issue 37): a filed document is archived
    only by someone who may change its record, with a reason, and stays in
    the evidence trail marked archived; it is never made public."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signed = (
            cls.env["ir.attachment"]
            .with_user(cls.user_cso)
            .create(
                {
                    "name": "Signed contract.pdf",
                    "datas": PDF,
                    "res_model": "hcc.contract",
                    "res_id": cls.contract.id,
                    "hcc_document_type": "signed_contract",
                }
            )
        )

    def _trail(self):
        return self.env["hcc.contract.evidence"].search(
            [
                ("contract_id", "=", self.contract.id),
                ("res_model", "=", "ir.attachment"),
                ("res_id", "=", self.signed.id),
            ]
        )

    def _archive(self, user, reason):
        wizard = self._call_kw(
            user,
            "hcc.document.archive.wizard",
            "create",
            {"attachment_ids": [(6, 0, self.signed.ids)], "reason": reason},
        )
        return self._call_kw(
            user, "hcc.document.archive.wizard", "action_confirm", [wizard]
        )

    def test_only_who_may_change_the_record_archives(self):
        # Read-only, Finance (which changes only the budget of a contract),
        # Legal Services, and a Service Manager of the locality who does not
        # lead the contract: all may read the file, none archives it
        for user in (
            self.user_viewer,
            self.user_finance,
            self.user_legal,
            self.user_sm_other,
            self.user_sm_south,
        ):
            with self.subTest(user=user.login):
                self.assertRefused(
                    "only someone who may change",
                    user,
                    "ir.attachment",
                    "action_archive_document",
                    self.signed.ids,
                )
                wizard = self._call_kw(
                    user,
                    "hcc.document.archive.wizard",
                    "create",
                    {"attachment_ids": [(6, 0, self.signed.ids)], "reason": "Hidden"},
                )
                self.assertRefused(
                    "only someone who may change",
                    user,
                    "hcc.document.archive.wizard",
                    "action_confirm",
                    [wizard],
                )
                # nor by writing the flag itself
                self.assertRefused(
                    "archived by its Archive button",
                    user,
                    "ir.attachment",
                    "write",
                    self.signed.ids,
                    {"hcc_archived": True},
                )
        self.assertFalse(self.signed.hcc_archived)
        self.assertEqual(self._trail().kind, "document")

    def test_the_lead_officer_archives_with_a_reason_and_it_stays_in_the_trail(self):
        action = self._call_kw(
            self.user_sm, "ir.attachment", "action_archive_document", self.signed.ids
        )
        self.assertEqual(action["res_model"], "hcc.document.archive.wizard")
        # the reason is required, and not blank
        self.assertRefused(
            "Reason",
            self.user_sm,
            "hcc.document.archive.wizard",
            "create",
            {"attachment_ids": [(6, 0, self.signed.ids)]},
        )
        wizard = self._call_kw(
            self.user_sm,
            "hcc.document.archive.wizard",
            "create",
            {"attachment_ids": [(6, 0, self.signed.ids)], "reason": "   "},
        )
        self.assertRefused(
            "Give the reason",
            self.user_sm,
            "hcc.document.archive.wizard",
            "action_confirm",
            [wizard],
        )
        # nor written directly, even by who may archive
        self.assertRefused(
            "archived by its Archive button",
            self.user_sm,
            "ir.attachment",
            "write",
            self.signed.ids,
            {"hcc_archived": True, "hcc_archive_reason": "Quietly"},
        )
        self.assertFalse(self.signed.hcc_archived)
        self._archive(self.user_sm, "Superseded by the signed variation.")
        self.signed.invalidate_recordset()
        self.assertTrue(self.signed.hcc_archived)
        self.assertEqual(
            self.signed.hcc_archive_reason, "Superseded by the signed variation."
        )
        self.assertEqual(self.signed.hcc_archived_by_id, self.user_sm)
        self.assertTrue(self.signed.hcc_archived_date)
        self.assertTrue(self.signed.exists())
        # still in the evidence trail, marked archived, with the reason
        trail = self._trail()
        self.assertEqual(trail.kind, "document_archived")
        self.assertIn("Superseded by the signed variation.", trail.summary)
        # and in the contract's own list of documents
        self.assertIn(self.signed, self.contract.document_ids)
        self.assertIn(
            "Superseded by the signed variation.",
            self.contract.message_ids[0].body,
        )
        # the reason and who archived cannot be rewritten afterwards
        self.assertRefused(
            "archived by its Archive button",
            self.user_sm,
            "ir.attachment",
            "write",
            self.signed.ids,
            {"hcc_archive_reason": "Filed by mistake"},
        )
        # a Read-only user cannot restore it either; the lead officer can
        self.assertRefused(
            "only someone who may change",
            self.user_viewer,
            "ir.attachment",
            "action_unarchive_document",
            self.signed.ids,
        )
        self._call_kw(
            self.user_sm, "ir.attachment", "action_unarchive_document", self.signed.ids
        )
        self.signed.invalidate_recordset()
        self.assertFalse(self.signed.hcc_archived)
        self.assertEqual(self._trail().kind, "document")

    def test_filed_documents_are_never_public(self):
        message = "never public nor shared"
        self.assertRefused(
            message,
            self.user_sm,
            "ir.attachment",
            "create",
            {
                "name": "Specification.pdf",
                "datas": PDF,
                "res_model": "hcc.contract",
                "res_id": self.contract.id,
                "hcc_document_type": "specification",
                "public": True,
            },
        )
        for vals in ({"public": True}, {"access_token": "guessable"}):
            self.assertRefused(
                message, self.user_sm, "ir.attachment", "write", self.signed.ids, vals
            )
        self.assertRefused(
            message,
            self.user_sm,
            "ir.attachment",
            "generate_access_token",
            self.signed.ids,
        )
        # a public attachment of the contract is not filed as it is
        public = self._call_kw(
            self.user_sm,
            "ir.attachment",
            "create",
            {
                "name": "Leaflet.pdf",
                "datas": PDF,
                "res_model": "hcc.contract",
                "res_id": self.contract.id,
                "public": True,
            },
        )
        self.assertRefused(
            message,
            self.user_sm,
            "ir.attachment",
            "write",
            [public],
            {"hcc_document_type": "other"},
        )
        self.signed.invalidate_recordset()
        self.assertFalse(self.signed.public)
        self.assertFalse(self.signed.sudo().access_token)
        # once it is no longer public it is filed
        self._call_kw(
            self.user_sm,
            "ir.attachment",
            "write",
            [public],
            {"public": False, "hcc_document_type": "other"},
        )
        self.assertEqual(
            self.env["ir.attachment"].browse(public).hcc_document_type, "other"
        )
