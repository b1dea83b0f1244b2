from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..notices.common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestContractFile(HccNoticesCase):
    """The contract file (Appendix A 6, 9; procedure 9.4): typed documents on
    Odoo's own attachments, filed once and kept, following the contract's
    access, and required by the steps that the procedure ties to them."""

    def _file(self, record, doc_type="signed_contract", user=None, name=None):
        return (
            self.env["ir.attachment"]
            .with_user(user or self.user_cso)
            .create(
                {
                    "name": name or f"{doc_type}.pdf",
                    "raw": b"%PDF-1.4 " + doc_type.encode(),
                    "res_model": record._name,
                    "res_id": record.id,
                    "hcc_document_type": doc_type,
                }
            )
        )

    def test_filed_documents_are_kept_as_filed(self):
        document = self._file(self.contract)
        self.assertEqual(document.hcc_filed_by_id, self.user_cso)
        self.assertTrue(document.hcc_document_date)
        self.assertEqual(self.contract.document_ids, document)
        current = [
            *self.contract.action_view_documents()["domain"],
            ("hcc_archived", "=", False),
        ]
        self.assertEqual(self.env["ir.attachment"].search(current), document)
        for user in (self.user_cso, self.user_cm):
            with self.assertRaisesMessage(UserError, "never deleted"):
                document.with_user(user).unlink()
            with self.assertRaisesMessage(UserError, "cannot be replaced"):
                document.with_user(user).write({"raw": b"%PDF-1.4 forged"})
            with self.assertRaisesMessage(UserError, "cannot be replaced"):
                document.with_user(user).write({"res_id": self.contract.id + 1})
        self.assertEqual(document.raw, b"%PDF-1.4 signed_contract")
        action = document.with_user(self.user_cso).action_archive_document()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user_cso)
            .with_context(**action["context"])
            .create({"reason": "Superseded by the signed variation."})
        )
        wizard.action_confirm()
        self.assertTrue(document.hcc_archived)
        self.assertEqual(document.hcc_archive_reason, wizard.reason)
        self.assertFalse(self.env["ir.attachment"].search(current))
        self.assertTrue(document.exists())

    def test_documents_follow_the_contract_access(self):
        document = self._file(self.contract)
        Attachment = self.env["ir.attachment"]
        with self.assertRaises(AccessError):
            document.with_user(self.user_sm_south).read(["name"])
        self.assertFalse(
            Attachment.with_user(self.user_sm_south).search([("id", "=", document.id)])
        )
        self.assertEqual(document.with_user(self.user_sm).name, "signed_contract.pdf")
        # the Read-only role reads the file and files nothing
        self.assertEqual(document.with_user(self.user_viewer).name, document.name)
        with self.assertRaises(AccessError):
            self._file(self.contract, "other", user=self.user_viewer)

    def test_the_contract_file_gathers_its_records(self):
        notice = self._served_notice()
        letter = self._file(notice, "notice_letter")
        own = self._file(self.contract, "specification")
        action = self.contract.action_view_documents()
        found = self.env["ir.attachment"].search(action["domain"])
        self.assertEqual(found, letter | own)
        trail = self.env["hcc.contract.evidence"].search(
            [("contract_id", "=", self.contract.id), ("kind", "=", "document")]
        )
        self.assertEqual(set(trail.mapped("res_id")), {letter.id, own.id})

    def test_variation_needs_its_letter_or_a_reason(self):
        revision = self.env["hcc.contract.revision"].create(
            {
                "contract_id": self.contract.id,
                "title": "More places",
                "description": "<p>Ten more places.</p>",
                "reason": "demand",
                "cso_consulted_id": self.user_cso.id,
                # stated on the day it is recorded: a past event's date
                # cannot precede the record
                "date_cso_consulted": fields.Date.today(),
                "date_provider_informed": fields.Date.today(),
                "line_ids": [
                    (0, 0, {"field_name": "annual_value", "new_float": 1.5e5})
                ],
            }
        )
        revision.action_mark_consulted()
        revision.action_approve()
        with self.assertRaisesMessage(UserError, "File the variation letter"):
            revision.with_user(self.user_cso).action_apply()
        self.assertEqual(self.contract.annual_value, 120000.0)
        self._file(revision, "variation_letter")
        revision.with_user(self.user_cso).action_apply()
        self.assertEqual(self.contract.annual_value, 150000.0)
