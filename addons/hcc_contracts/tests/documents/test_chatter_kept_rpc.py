from markupsafe import Markup

from odoo.tests import tagged

from .common_documents import HccDocumentsHttpCase

KEPT = "part of its evidence trail"
PROVIDER_COMMENT = Markup("<p>We were short of two carers that week.</p>")
DRAFT = Markup("<p>Draft</p>")


@tagged("post_install", "-at_install")
class TestChatterKeptRpc(HccDocumentsHttpCase):
    """The chatter of a contract is evidence (issue 37): its messages are not
    edited or deleted, by their author or anyone else, over RPC or the
    chatter's own edit route, except by a Settings administrator; reading,
    starring, reactions and marking as read go on."""

    def _note(self, user, body="<p>Visited on 3 June: rota gaps.</p>"):
        return self._call_kw(
            user,
            "hcc.contract",
            "message_post",
            [self.contract.id],
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def _body(self, message_id):
        message = self.env["mail.message"].browse(message_id)
        message.invalidate_recordset()
        return message.body

    def test_the_author_cannot_edit_or_delete_his_note(self):
        note = self._note(self.user_sm)
        before = self._body(note)
        message = self.env["mail.message"].browse(note)
        photo = self.env["ir.attachment"].create(
            {"name": "rota.png", "raw": b"rota", "res_model": "mail.message"}
        )
        message.attachment_ids = photo
        for vals in (
            {"body": "<p>Nothing to report.</p>"},
            {"author_id": self.user_cso.partner_id.id},
            {"date": "2026-01-01 09:00:00"},
            {"is_internal": False},
            {"tracking_value_ids": [(5, 0, 0)]},
            {"attachment_ids": [(5, 0, 0)]},
            {"attachment_ids": [(3, photo.id)]},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    KEPT, self.user_sm, "mail.message", "write", [note], vals
                )
        self.assertRefused(KEPT, self.user_sm, "mail.message", "unlink", [note])
        # the chatter's Edit and Delete (an empty body) are refused too
        for body in ("<p>Nothing to report.</p>", ""):
            with self.subTest(route_body=body):
                self.assertRefused(
                    KEPT,
                    self.user_sm,
                    "/mail/message/update_content",
                    message_id=note,
                    body=body,
                    attachment_ids=[],
                )
        self.assertEqual(self._body(note), before)
        self.assertEqual(message.author_id, self.user_sm.partner_id)
        self.assertEqual(message.attachment_ids, photo)
        self.assertTrue(message.exists())

    def test_the_provider_cannot_rewrite_its_comment(self):
        comment = (
            self.contract.with_context(mail_create_nosubscribe=True)
            .message_post(
                body=PROVIDER_COMMENT,
                author_id=self.user_portal.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            .id
        )
        before = self._body(comment)
        self.assertRefused(
            KEPT,
            self.user_portal,
            "mail.message",
            "write",
            [comment],
            {"body": "<p>We were fully staffed.</p>"},
        )
        self.assertRefused(KEPT, self.user_portal, "mail.message", "unlink", [comment])
        self.assertEqual(self._body(comment), before)

    def test_readers_still_star_react_and_mark_read(self):
        note = self._note(self.user_sm)
        self._call_kw(self.user_cso, "mail.message", "toggle_message_starred", [note])
        message = self.env["mail.message"].browse(note)
        self.assertIn(self.user_cso.partner_id, message.starred_partner_ids)
        reply = self._json(
            self.user_cso,
            "/mail/message/reaction",
            {"message_id": note, "content": "👍", "action": "add"},
        )
        self.assertNotIn("error", reply, reply.get("error"))
        self.assertEqual(message.reaction_ids.partner_id, self.user_cso.partner_id)
        self._call_kw(self.user_cso, "mail.message", "set_message_done", [note])
        self._call_kw(self.user_cso, "mail.message", "read", [note], ["body"])

    def test_a_settings_administrator_may_correct(self):
        note = self._note(self.user_sm)
        self._call_kw(
            self.user_system,
            "mail.message",
            "write",
            [note],
            {"body": "<p>Redacted: personal data.</p>"},
        )
        self.assertIn("Redacted", self._body(note))
        self._call_kw(self.user_system, "mail.message", "unlink", [note])
        self.assertFalse(self.env["mail.message"].browse(note).exists())

    def test_other_messages_are_left_alone(self):
        """Outside the procedure (a partner's chatter) Odoo's own rules apply."""
        note = self.provider.message_post(
            body=DRAFT,
            author_id=self.user_sm.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        ).id
        self._call_kw(
            self.user_sm, "mail.message", "write", [note], {"body": "<p>Final</p>"}
        )
        self.assertIn("Final", self._body(note))
