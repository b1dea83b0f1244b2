from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_performance import HccPerformanceCase


@tagged("post_install", "-at_install")
@freeze_time("2026-05-20")
class TestReturnQuery(HccPerformanceCase):
    """A query carries its question (issue 43, point 4): the Query button
    asks for it, an empty question is refused, and the question is posted
    in the return's chatter and kept on the return for the provider."""

    def setUp(self):
        super().setUp()
        contract = self._active_contract()
        self.ret = self._return(contract, "2026-04-01", "2026-04-30", user=self.user_sm)
        self.ret.write({"units_delivered": 120, "people_served": 12})
        self.ret.action_receive()

    def _wizard(self):
        action = self.ret.action_open_query_wizard()
        self.assertEqual(action["res_model"], "hcc.data.return.query.wizard")
        return Form(
            self.env["hcc.data.return.query.wizard"]
            .with_user(self.user_sm)
            .with_context(**action["context"])
        )

    def test_query_asks_the_question_and_posts_it(self):
        wizard = self._wizard()
        self.assertEqual(wizard.return_id, self.ret)
        wizard.question = (
            "Units delivered (120) are far below the 500 commissioned: why?"
        )
        wizard.save().action_confirm()
        self.assertEqual(self.ret.state, "queried")
        self.assertEqual(
            self.ret.query_note,
            "Units delivered (120) are far below the 500 commissioned: why?",
        )
        message = self.ret.message_ids.filtered(
            lambda m: m.message_type == "comment"
            and "far below the 500 commissioned" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.subject, "Query on the data return for April 2026")
        self.assertEqual(message.author_id, self.user_sm.partner_id)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))

    def test_query_without_a_question_is_refused(self):
        for question in (None, "", "   \n "):
            with self.subTest(question=question):
                with self.assertRaisesMessage(
                    UserError, "Write the question for the provider"
                ):
                    self.ret.action_query(question=question)
                self.assertEqual(self.ret.state, "received")
        wizard = self._wizard()
        wizard.question = "  "
        with self.assertRaisesMessage(UserError, "Write the question for the provider"):
            wizard.save().action_confirm()
        self.assertEqual(self.ret.state, "received")
        self.assertFalse(self.ret.query_note)

    def test_question_and_answer_are_written_by_the_actions_only(self):
        for name in ("query_note", "query_answer"):
            with self.subTest(field=name):
                with self.assertRaises(UserError):
                    self.ret.write({name: "Forged"})
        self.ret.action_query(question="Please check the people served.")
        self.ret.action_receive()
        self.ret.action_query(question="And the units delivered.")
        self.assertEqual(self.ret.query_note, "And the units delivered.")

    def test_query_button_only_when_received(self):
        self.ret.action_accept()
        with self.assertRaisesMessage(UserError, "you cannot query the data return"):
            self.ret.action_open_query_wizard()
