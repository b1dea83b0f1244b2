from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common_meetings import HccMeetingsCase


@tagged("post_install", "-at_install")
class TestMeetingCases(HccMeetingsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_sm_cases = new_test_user(
            cls.env,
            login="hcc_sm_cases",
            groups="base.group_user,hcc_contracts.group_service_manager,"
            "hcc_contracts.group_case_data",
        )
        cls.user_sm_cases.hcc_locality_ids = cls.locality_north
        cls.user_cases_only = new_test_user(
            cls.env,
            login="hcc_cases_only",
            groups="base.group_user,hcc_contracts.group_case_data",
        )
        cls.contract_south = cls._create_contract(
            locality_id=cls.locality_south.id,
            lead_officer_id=cls.user_sm_south.id,
            representative_id=cls.user_sm_south.id,
        )

    def _case(self, meeting, **vals):
        return self.env["hcc.contract.case"].create(
            {
                "meeting_id": meeting.id,
                "case_reference": "SU-0042",
                "summary": "Missed visits reported by the family.",
                "outcome": "Provider to review the rota.",
                **vals,
            }
        )

    def test_case_details_need_the_case_group_even_through_the_meeting(self):
        meeting = self._meeting("2026-05-12 10:00:00")
        case = self._case(meeting)
        self.assertEqual(case.contract_id, self.contract)
        for user in (self.user_sm, self.user_cso, self.user_cm, self.user_viewer):
            as_user = meeting.with_user(user)
            self.assertEqual(as_user.name, meeting.name, "the meeting is readable")
            with self.assertRaises(AccessError):
                as_user.read(["case_ids"])
            with self.assertRaises(AccessError):
                self.env["hcc.contract.case"].with_user(user).search([])
            with self.assertRaises(AccessError):
                case.with_user(user).summary  # noqa: B018
        self.assertEqual(
            meeting.with_user(self.user_sm_cases).case_ids.summary,
            "Missed visits reported by the family.",
        )

    def test_case_group_is_limited_to_the_contract_scope(self):
        north = self._case(self._meeting("2026-05-12 10:00:00"))
        south_meeting = self._meeting(
            "2026-05-12 10:00:00", user=self.user_sm_south, contract=self.contract_south
        )
        south = self._case(south_meeting, case_reference="SU-0099")
        Case = self.env["hcc.contract.case"]
        self.assertEqual(Case.with_user(self.user_sm_cases).search([]), north)
        self.assertFalse(Case.with_user(self.user_cases_only).search([]))
        self.assertTrue(south.exists())
        # a service manager who does not lead the contract cannot add cases
        with self.assertRaises(AccessError):
            Case.with_user(self.user_sm_cases).create(
                {"meeting_id": south_meeting.id, "case_reference": "SU-1"}
            )

    def test_retention_erases_personal_details_once(self):
        meeting = self._meeting("2026-05-12 10:00:00")
        old = self._case(meeting, date="2026-05-12")
        # a case is recorded on or after the day it was considered
        with freeze_time("2027-06-01"):
            recent = self._case(meeting, case_reference="SU-0043", date="2027-06-01")
        Case = self.env["hcc.contract.case"]
        with freeze_time("2028-05-12"):
            Case._cron_erase_expired()
        self.assertFalse(old.date_erased, "exactly 24 months is still kept")
        with freeze_time("2028-05-13"):
            Case._cron_erase_expired()
            self.assertEqual(str(old.date_erased), "2028-05-13")
            self.assertFalse(old.summary)
            self.assertFalse(old.outcome)
            self.assertEqual(old.case_reference, "SU-0042", "reference kept")
            self.assertEqual(recent.summary, "Missed visits reported by the family.")
            write_date = old.write_date
            Case._cron_erase_expired()
            self.assertEqual(old.write_date, write_date, "second run changes nothing")
        self.company.hcc_case_retention_months = 6
        with freeze_time("2028-05-14"):
            Case._cron_erase_expired()
        self.assertTrue(recent.date_erased)
