from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.meetings.common_meetings import HccMeetingsCase

from .common_reports import ReportsMixin


@tagged("post_install", "-at_install")
class TestReportMeetingMinutes(ReportsMixin, HccMeetingsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_uk_english()

    def _circulated_meeting(self):
        with freeze_time("2026-05-12 08:00:00"):
            meeting = self._meeting(
                "2026-05-12 10:00:00", location="Andover Day Centre"
            )
            complaints = meeting.agenda_ids.filtered(lambda a: a.code == "complaints")
            complaints.write(
                {"discussed": True, "notes": "Two complaints, both resolved."}
            )
            self._action(meeting_id=meeting.id, date_due="2026-06-30")
        return self._document(
            meeting, "2026-05-13 09:00:00", minutes="<p>Saturday rota reviewed.</p>"
        )

    def test_minutes_as_circulated(self):
        meeting = self._circulated_meeting()
        text = self._render_text("action_report_meeting_minutes", meeting, self.user_sm)
        self.assertAllIn(
            [
                "Minutes of the contract monitoring meeting",
                "Test Provider Ltd",
                self.contract.name,
                "12/05/2026",  # the meeting
                "Andover Day Centre",
                "Complaints and compliments, and how the provider dealt with them",
                "Two complaints, both resolved.",
                "Arrangements for future meetings",
                "Saturday rota reviewed.",
                "Rota gaps on Saturdays",  # the action agreed
                "30/06/2026",
                "Minutes circulated on 13/05/2026",
                "Test Registered Manager",  # a recipient
            ],
            text,
        )
        # the agenda item about specific cases carries no personal details
        self.assertIn("Specific cases (by case reference only)", text)

    def test_minutes_not_yet_circulated_say_so(self):
        with freeze_time("2026-05-20"):
            meeting = self._meeting("2026-05-12 10:00:00")
        text = self._render_text(
            "action_report_meeting_minutes", meeting, self.user_cso
        )
        self.assertIn("These minutes have not been circulated yet.", text)

    def test_minutes_respect_access_rights(self):
        meeting = self._circulated_meeting()
        with self.assertRaises(AccessError):
            self._render_text(
                "action_report_meeting_minutes", meeting, self.user_sm_south
            )
