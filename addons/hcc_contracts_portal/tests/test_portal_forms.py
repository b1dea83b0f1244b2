from odoo.tests import tagged

from .common_portal import HccPortalCase

SUBMISSION_TYPE = "hcc_contracts_portal.mail_activity_type_provider_submission"


@tagged("post_install", "-at_install")
class TestPortalForms(HccPortalCase):
    """Submissions through the portal forms: validated like the back office,
    a clear message on the page for bad input, nothing saved."""

    def setUp(self):
        super().setUp()
        self.authenticate("portal_a", "portal_a")
        self.return_url = f"/my/contracts/returns/{self.return_a.id}"

    def _return_data(self, **overrides):
        data = {
            "nature_of_service": "Day care, five days a week",
            "age_range_min": "65",
            "age_range_max": "98",
            "people_served": "42",
            "statements_issued": "42",
            "assessments_done": "3",
            "reviews_done": "7",
            "units_delivered": "480.5",
            f"indicator_{self.indicator_a.id}": "93.5",
            # the confirmation of the review step (test_portal_returns.py
            # goes through the review)
            "step": "confirm",
        }
        data.update(overrides)
        return data

    def _submission_activities(self, record):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", self.env.ref(SUBMISSION_TYPE).id),
            ]
        )

    def _assert_return_untouched(self):
        self.env.invalidate_all()
        self.assertEqual(self.return_a.state, "expected")
        self.assertFalse(self.return_a.date_received)
        self.assertFalse(self.return_a.nature_of_service)
        self.assertEqual(self.return_a.people_served, 0)
        self.assertEqual(self.return_a.units_delivered, 0)
        self.assertEqual(self.return_a.indicator_value_ids.value, 0)
        self.assertFalse(self._submission_activities(self.return_a))

    # ------------------------------------------------------------------
    # Data returns
    # ------------------------------------------------------------------
    def test_submit_return(self):
        response = self._post(self.return_url, self._return_data())
        self.assertEqual(response.status_code, 200)
        self.assertIn("your return has been received", response.text)
        self.env.invalidate_all()
        ret = self.return_a
        self.assertEqual(ret.state, "received")
        self.assertTrue(ret.date_received)
        self.assertEqual(ret.people_served, 42)
        self.assertEqual(ret.age_range_max, 98)
        self.assertEqual(ret.units_delivered, 480.5)
        self.assertEqual(ret.indicator_value_ids.value, 93.5)
        self.assertEqual(ret.submitted_by_id, self.contact_a)
        message = ret.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.author_id == self.contact_a
        )
        self.assertEqual(len(message), 1)
        self.assertIn("submitted through the portal", message.body)
        activity = self._submission_activities(ret)
        self.assertEqual(activity.user_id, self.user_sm)
        # the lead officer accepts: the activity is done
        ret.with_user(self.user_sm).action_accept()
        self.assertEqual(ret.state, "accepted")
        self.assertFalse(self._submission_activities(ret))

    def test_negative_number(self):
        response = self._post(self.return_url, self._return_data(people_served="-3"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hcc_portal_error", response.text)
        self.assertIn("cannot be negative", response.text)
        self._assert_return_untouched()

    def test_text_in_number(self):
        response = self._post(self.return_url, self._return_data(reviews_done="seven"))
        self.assertIn("must be a whole number, not “seven”", response.text)
        self._assert_return_untouched()
        response = self._post(
            self.return_url,
            self._return_data(**{f"indicator_{self.indicator_a.id}": "high"}),
        )
        self.assertIn("“Attendance rate” must be a number, not “high”", response.text)
        self._assert_return_untouched()

    def test_age_range_reversed(self):
        response = self._post(
            self.return_url, self._return_data(age_range_min="90", age_range_max="18")
        )
        self.assertIn("is above the oldest age", response.text)
        self._assert_return_untouched()

    def test_period_already_accepted(self):
        self._post(self.return_url, self._return_data())
        self.return_a.with_user(self.user_sm).action_accept()
        response = self._post(self.return_url, self._return_data(people_served="99"))
        self.assertIn("is accepted: it can no longer be changed", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.return_a.people_served, 42)
        self.assertFalse(self._submission_activities(self.return_a))

    def test_partial_form_with_an_error(self):
        """A client that leaves fields out gets the message, not an HTTP 500,
        when the form is shown again (seen under load: a second submission)."""
        self._post(self.return_url, self._return_data())
        self.return_a.with_user(self.user_sm).action_accept()
        response = self._post(self.return_url, {"people_served": "41"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("it can no longer be changed", response.text)

    def test_query_comes_back_to_provider(self):
        """Issue 43, point 4: the question goes to the provider, the answer
        comes back to the officer."""
        self._post(self.return_url, self._return_data())
        self.env.invalidate_all()
        ret = self.return_a.with_user(self.user_sm)
        ret.action_query(question="Statements issued look too high: please check.")
        self.assertEqual(ret.state, "queried")
        self.assertFalse(self._submission_activities(ret))
        question = ret.message_ids.filtered(
            lambda m: "Statements issued look too high" in (m.body or "")
        )
        self.assertIn(self.contact_a, question.partner_ids)
        page = self.url_open(self.return_url)
        self.assertIn("o_hcc_portal_query", page.text)
        self.assertIn("Statements issued look too high", page.text)
        self.assertIn('name="query_answer"', page.text)
        # the answer is required: refused, nothing saved
        response = self._post(
            self.return_url, self._return_data(statements_issued="40")
        )
        self.assertIn("Answer the council", response.text)
        self.env.invalidate_all()
        self.assertEqual(ret.state, "queried")
        self.assertEqual(ret.statements_issued, 42)
        # the provider corrects, answers and submits again
        response = self._post(
            self.return_url,
            self._return_data(
                statements_issued="40",
                query_answer="Two statements were counted twice: corrected to 40.",
            ),
        )
        self.assertIn("o_hcc_portal_success", response.text)
        self.env.invalidate_all()
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.statements_issued, 40)
        self.assertEqual(
            ret.query_answer, "Two statements were counted twice: corrected to 40."
        )
        self.assertEqual(len(self._submission_activities(ret)), 1)
        answer = ret.message_ids.filtered(lambda m: "counted twice" in (m.body or ""))
        self.assertEqual(answer.author_id, self.contact_a)
        self.assertEqual(answer.message_type, "comment")
        self.assertIn(self.user_sm.partner_id, answer.partner_ids)
        # both are on the return's page
        self.assertIn("o_hcc_portal_query_answered", response.text)
        self.assertIn("counted twice", response.text)

    def test_query_answer_shown_for_review(self):
        self._post(self.return_url, self._return_data())
        self.return_a.with_user(self.user_sm).action_query(question="Why 42?")
        response = self._post(
            self.return_url,
            self._return_data(step="review", query_answer="Two new clients."),
        )
        self.assertIn("o_hcc_return_review", response.text)
        self.assertIn('data-field="query_answer"', response.text)
        self.assertIn('name="query_answer" value="Two new clients."', response.text)
        self.env.invalidate_all()
        self.assertFalse(self.return_a.query_answer)

    # ------------------------------------------------------------------
    # Surveys
    # ------------------------------------------------------------------
    def test_submit_survey_with_file(self):
        url = f"/my/contracts/surveys/{self.survey_a.id}"
        response = self._post(
            url,
            {"respondents": "38", "satisfied_percent": "87.5"},
            files={
                "results_file": ("survey.csv", b"question,score\nq1,4\n", "text/csv")
            },
        )
        self.assertIn("the survey results have been received", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.survey_a.state, "received")
        self.assertEqual(self.survey_a.respondents, 38)
        self.assertEqual(self.survey_a.satisfied_percent, 87.5)
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "hcc.satisfaction.survey"),
                ("res_id", "=", self.survey_a.id),
            ]
        )
        self.assertEqual(attachment.name, "survey.csv")
        self.assertEqual(
            self._submission_activities(self.survey_a).user_id, self.user_sm
        )

    def test_survey_bad_input(self):
        url = f"/my/contracts/surveys/{self.survey_a.id}"
        for data, message in (
            ({"respondents": "38", "satisfied_percent": "150"}, "between 0% and 100%"),
            ({"respondents": "-1", "satisfied_percent": "50"}, "cannot be negative"),
            (
                {"respondents": "many", "satisfied_percent": "50"},
                "must be a whole number",
            ),
        ):
            response = self._post(
                url, data, files={"results_file": ("s.csv", b"x", "text/csv")}
            )
            self.assertIn(message, response.text)
            self.env.invalidate_all()
            self.assertEqual(self.survey_a.state, "due")
            self.assertEqual(self.survey_a.respondents, 0)
            self.assertFalse(
                self.env["ir.attachment"].search_count(
                    [
                        ("res_model", "=", "hcc.satisfaction.survey"),
                        ("res_id", "=", self.survey_a.id),
                    ]
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def test_comment_on_action(self):
        url = f"/my/contracts/actions/{self.action_a.id}"
        response = self._post(url, {"comment": "New rota starts on Monday."})
        self.assertIn("Your progress has been sent to the council", response.text)
        self.assertIn("New rota starts on Monday.", response.text)
        message = self.action_a.message_ids[0]
        self.assertEqual(message.author_id, self.contact_a)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertIn(self.user_sm.partner_id, message.partner_ids)

    def test_comment_bad_input(self):
        url = f"/my/contracts/actions/{self.action_a.id}"
        messages = self.action_a.message_ids
        response = self._post(url, {"comment": "   "})
        self.assertIn("Write a comment describing the progress made", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.action_a.message_ids, messages)
        self.action_a.write({"state": "done", "date_done": "2026-06-01"})
        self.flush_tracking()
        messages = self.action_a.message_ids
        response = self.url_open(url)
        self.assertNotIn("o_hcc_post_progress", response.text)
        response = self.url_open(self.return_url)
        token = response.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = self.url_open(
            url, data={"csrf_token": token, "comment": "Late news"}
        )
        self.assertIn("progress can no longer be reported", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.action_a.message_ids, messages)

    # ------------------------------------------------------------------
    # Out-of-range numbers, over-long texts, uploads
    # ------------------------------------------------------------------
    def test_out_of_range_numbers(self):
        for field, value, text in (
            ("people_served", "1000000000000", "“People Served” is out of range"),
            ("reviews_done", "2147483648", "more than 2,147,483,647"),
            ("units_delivered", "1e13", "more than 1,000,000,000,000"),
            (f"indicator_{self.indicator_a.id}", "-1e300", "is out of range"),
        ):
            response = self._post(self.return_url, self._return_data(**{field: value}))
            self.assertEqual(response.status_code, 200, field)
            self.assertIn("o_hcc_portal_error", response.text)
            self.assertIn(text, response.text)
            self._assert_return_untouched()
        url = f"/my/contracts/surveys/{self.survey_a.id}"
        response = self._post(
            url, {"respondents": "1000000000000", "satisfied_percent": "50"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is out of range", response.text)

    def test_over_long_texts(self):
        response = self._post(
            self.return_url, self._return_data(nature_of_service="x" * 10_001)
        )
        self.assertIn(
            "is too long: 10,001 characters, the most is 10,000", response.text
        )
        self._assert_return_untouched()
        response = self._post(
            self.return_url, self._return_data(nature_of_service="x" * 10_000)
        )
        self.assertIn("your return has been received", response.text)
        url = f"/my/contracts/actions/{self.action_a.id}"
        messages = self.action_a.message_ids
        response = self._post(url, {"comment": "y" * 20_000})
        self.assertIn("“Comment” is too long", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.action_a.message_ids, messages)

    def _survey_upload(self, name, data, mimetype="application/octet-stream"):
        url = f"/my/contracts/surveys/{self.survey_a.id}"
        return self._post(
            url,
            {"respondents": "38", "satisfied_percent": "87.5"},
            files={"results_file": (name, data, mimetype)},
        )

    def _assert_survey_untouched(self):
        self.env.invalidate_all()
        self.assertEqual(self.survey_a.state, "due")
        self.assertFalse(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "hcc.satisfaction.survey"),
                    ("res_id", "=", self.survey_a.id),
                ]
            )
        )

    def test_upload_types(self):
        for name, data in (
            ("results.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
            ("results.html", b"<html><script>alert(1)</script></html>"),
            # a PDF in name only, and a program named as a spreadsheet
            ("results.pdf", b"question,score\nq1,4\n"),
            ("results.xlsx", b"MZ\x90\x00\x03\x00\x00\x00"),
            ("results", b"%PDF-1.4\n"),
        ):
            response = self._survey_upload(name, data, "application/pdf")
            self.assertEqual(response.status_code, 200, name)
            self.assertIn(f"“{name}” is not accepted", response.text)
            self._assert_survey_untouched()
        response = self._survey_upload("results.PDF", b"%PDF-1.4\n%%EOF\n")
        self.assertIn("the survey results have been received", response.text)

    def test_upload_size_limit(self):
        self.env["ir.config_parameter"].set_param(
            "hcc_contracts_portal.upload_max_mb", "1"
        )
        big = b"question,score\n" + b"q1,4\n" * (1024 * 1024 // 5 + 1)
        response = self._survey_upload("results.csv", big, "text/csv")
        self.assertIn("“results.csv” is larger than 1 MB", response.text)
        self._assert_survey_untouched()
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.hcc_portal_upload_max_mb, 1)
        with self.assertRaisesRegex(Exception, "between 1 and 100 MB"):
            self.env["res.config.settings"].create({"hcc_portal_upload_max_mb": 0})
        self.env["res.config.settings"].create(
            {"hcc_portal_upload_max_mb": 2}
        ).execute()
        response = self._survey_upload("results.csv", big, "text/csv")
        self.assertIn("the survey results have been received", response.text)
