import base64
import json

from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.documents.common_documents import (
    HccDocumentsHttpCase,
)

NOTICE_LETTER = "hcc_contracts_reports.action_report_notice_letter"
FORGED = b"%PDF-1.4 forged: the failings were never put to the provider"


@tagged("post_install", "-at_install")
class TestNoticeLetterAsServed(HccDocumentsHttpCase):
    """The letter as served is the PDF that serving filed and linked to the
    notice (issue 37), never the newest attachment bearing its name: a
    Service Manager who may change the notice may upload one."""

    def _forge(self, notice):
        return self._call_kw(
            self.user_sm,
            "ir.attachment",
            "create",
            {
                "name": f"Notice letter - {notice.name.replace('/', '-')}.pdf",
                "datas": base64.b64encode(FORGED).decode(),
                "res_model": notice._name,
                "res_id": notice.id,
                "hcc_document_type": "notice_letter",
            },
        )

    def _print(self, user, notice):
        """The letter as the Print menu downloads it."""
        self._json(user, "/web/session/get_session_info", {})
        context = json.dumps({"force_report_rendering": True})
        response = self.url_open(
            f"/report/pdf/hcc_contracts_reports.report_notice_letter/{notice.id}"
            f"?context={context}"
        )
        self.assertEqual(response.status_code, 200)
        return response.content

    def test_a_forged_letter_is_never_the_letter_as_served(self):
        notice = self._create_notice(user=self.user_sm, date_served="2026-06-02")
        # uploaded while the notice is a draft, to be taken for the letter
        before = self._forge(notice)
        notice.with_user(self.user_sm).with_context(
            force_report_rendering=True
        ).action_serve()
        letter = notice.letter_attachment_id
        self.assertTrue(letter)
        self.assertNotEqual(letter.id, before)
        self.assertTrue(letter.raw.startswith(b"%PDF"))
        self.assertNotEqual(letter.raw, FORGED)
        self.assertEqual(letter.hcc_document_type, "notice_letter")
        self.assertEqual(letter.hcc_filed_by_id, self.user_sm)
        # uploaded after serving, newer than the letter
        after = self._forge(notice)
        self.assertGreater(after, letter.id)
        for user in (self.user_cso, self.user_sm):
            with self.subTest(user=user.login):
                self.assertEqual(self._print(user, notice), letter.raw)
        # the link itself is written only by serving
        self.assertRefused(
            "cannot be written directly",
            self.user_sm,
            "hcc.contract.notice",
            "write",
            notice.ids,
            {"letter_attachment_id": after},
        )
        self.assertEqual(notice.letter_attachment_id, letter)
