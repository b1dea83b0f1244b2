import re
from html import unescape

from freezegun import freeze_time

from odoo.tests import tagged

from .common_portal import HccPortalCase

MINUTES_REPORT = "hcc_contracts_reports.action_report_meeting_minutes"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@tagged("post_install", "-at_install")
class TestPortalPages(HccPortalCase):
    """The provider's pages say what they show (issue 43, point 10): the
    returns card opens the returns, figures read as in England, a file sent
    is shown back, an action takes evidence, the minutes come with their
    attendees, agenda, actions and PDF."""

    def setUp(self):
        super().setUp()
        self.authenticate("portal_a", "portal_a")

    def _links(self, html, prefix):
        return re.findall(rf'href="({re.escape(prefix)}[^"]*)"', html)

    # ------------------------------------------------------------------
    # Data returns
    # ------------------------------------------------------------------
    def test_returns_card_opens_the_returns(self):
        home = self.url_open("/my")
        self.assertIn('href="/my/returns"', home.text)
        page = self.url_open("/my/returns")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'data-return-id="{self.return_a.id}"', page.text)
        self.assertNotIn(f'data-return-id="{self.return_b.id}"', page.text)
        self.assertIn(f"/my/contracts/returns/{self.return_a.id}", page.text)
        # an accepted return is no longer to submit, but is among all
        self.return_a.action_receive()
        self.return_a.action_accept()
        page = self.url_open("/my/returns")
        self.assertNotIn(f'data-return-id="{self.return_a.id}"', page.text)
        self.assertIn("o_hcc_no_returns", page.text)
        page = self.url_open("/my/returns?filterby=all")
        self.assertIn(f'data-return-id="{self.return_a.id}"', page.text)

    def test_figures_read_as_in_england(self):
        contract = self._create_contract(
            title="Alpha sessions",
            commissioned_volume=20800.0,
            volume_unit="session",
            annual_value=1234567.5,
        )
        contract.action_activate()
        page = self.url_open(f"/my/contracts/{contract.id}")
        volume = page.text.split("o_hcc_commissioned_volume", 1)[1].split("</dd>")[0]
        self.assertIn("20,800", volume)
        self.assertIn("Sessions", volume)
        self.assertNotIn("20800.0", page.text)
        ret = self._return(contract)
        page = self.url_open(f"/my/contracts/returns/{ret.id}")
        commissioned = page.text.split("o_hcc_commissioned", 1)[1].split("</p>")[0]
        # 20,800 a year: 1,733.3 a month
        self.assertIn("1,733.3", commissioned)
        self.assertIn("20,800", commissioned)
        self.assertNotIn("20800", commissioned)

    # ------------------------------------------------------------------
    # Surveys
    # ------------------------------------------------------------------
    def test_survey_file_shown_back(self):
        url = f"/my/contracts/surveys/{self.survey_a.id}"
        self._post(
            url,
            {"respondents": "1250", "satisfied_percent": "87.5"},
            files={"results_file": ("survey results.pdf", PDF, "application/pdf")},
        )
        # a document the council files on the survey is not the provider's
        self.env["ir.attachment"].create(
            {
                "name": "Council assessment.pdf",
                "raw": PDF,
                "res_model": self.survey_a._name,
                "res_id": self.survey_a.id,
            }
        )
        page = self.url_open(url)
        self.assertNotIn("Council assessment.pdf", page.text)
        self.assertIn("o_hcc_survey_results", page.text)
        self.assertIn("1,250", page.text)
        self.assertIn("87.5%", page.text)
        links = self._links(page.text, "/web/content/")
        self.assertEqual(len(links), 1, page.text[-3000:])
        self.assertIn("access_token=", links[0])
        download = self.url_open(links[0].replace("&amp;", "&"))
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, PDF)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def test_action_takes_evidence(self):
        url = f"/my/contracts/actions/{self.action_a.id}"
        response = self._post(
            url,
            {"comment": "The new rota is attached."},
            files={"attachments": ("rota.pdf", PDF, "application/pdf")},
        )
        self.assertIn("Your progress has been sent", response.text)
        message = self.action_a.message_ids.filtered(
            lambda m: "new rota is attached" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.contact_a)
        self.assertEqual(message.attachment_ids.mapped("name"), ["rota.pdf"])
        self.assertEqual(message.attachment_ids.raw, PDF)
        links = self._links(response.text, "/web/content/")
        self.assertEqual(len(links), 1)
        download = self.url_open(links[0].replace("&amp;", "&"))
        self.assertEqual(download.content, PDF)
        # evidence alone is progress too
        self._post(url, {}, files={"attachments": ("plan.pdf", PDF, "application/pdf")})
        self.assertIn(
            "plan.pdf", self.action_a.message_ids.attachment_ids.mapped("name")
        )

    def test_action_evidence_checked_like_returns(self):
        url = f"/my/contracts/actions/{self.action_a.id}"
        before = self.action_a.message_ids
        response = self._post(
            url,
            {"comment": "See the attached."},
            files={
                "attachments": ("rota.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
            },
        )
        self.assertIn("“rota.pdf” is not accepted", response.text)
        response = self._post(url, {"comment": ""})
        self.assertIn("Write a comment describing the progress made", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.action_a.message_ids, before)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [
                    ("res_model", "=", "hcc.contract.action"),
                    ("res_id", "=", self.action_a.id),
                ]
            )
        )

    # ------------------------------------------------------------------
    # Minutes
    # ------------------------------------------------------------------
    def test_minutes_with_attendees_agenda_actions_and_pdf(self):
        meeting = self.env["hcc.contract.meeting"].create(
            {
                "contract_id": self.contract_a.id,
                "date": "2026-06-09 10:00:00",
                "officer_id": self.user_sm.id,
                "location": "Alpha House",
                "attendee_ids": [(6, 0, self.contact_a.ids)],
            }
        )
        self._action(self.contract_a, "Alpha staffing plan", meeting_id=meeting.id)
        with freeze_time("2026-06-10 09:00:00"):
            meeting.minutes = "<p>Rota reviewed with the provider.</p>"
            meeting.agenda_ids.write({"discussed": True})
            meeting.action_mark_held()
            meeting.action_circulate_minutes()
        page = self.url_open(f"/my/contracts/minutes/{meeting.id}")
        self.assertEqual(page.status_code, 200)
        attendees = page.text.split("o_hcc_minutes_attendees", 1)[1].split("</ul>")[0]
        self.assertIn("Alice Provider", attendees)
        self.assertIn(self.user_sm.name, attendees)
        agenda = unescape(
            page.text.split("o_hcc_minutes_agenda", 1)[1].split("</tbody>")[0]
        )
        for item in meeting.agenda_ids:
            self.assertIn(item.name, agenda)
        self.assertIn("Discussed", agenda)
        self.assertIn("Rota reviewed with the provider.", page.text)
        actions = page.text.split("o_hcc_minutes_actions", 1)[1].split("</tbody>")[0]
        self.assertIn("Alpha staffing plan", actions)
        pdf = self.url_open(f"/my/contracts/minutes/{meeting.id}/pdf")
        if not self.env.ref(MINUTES_REPORT, raise_if_not_found=False):
            # without the reports addon there is no PDF to offer
            self.assertNotIn("o_hcc_minutes_pdf", page.text)
            self.assertEqual(pdf.status_code, 404)
            return
        self.assertIn("o_hcc_minutes_pdf", page.text)
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment", pdf.headers["Content-Disposition"])
        # another provider's minutes have no PDF for this user
        other = self.url_open(f"/my/contracts/minutes/{self.meeting_b.id}/pdf")
        self.assertEqual(other.status_code, 404)
