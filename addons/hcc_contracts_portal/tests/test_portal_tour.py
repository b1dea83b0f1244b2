from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.hcc_contracts.tests.common import HccContractsCase

SUBMISSION_TYPE = "hcc_contracts_portal.mail_activity_type_provider_submission"


@tagged("post_install", "-at_install", "hcc_tour")
class TestPortalTour(HccContractsCase, HttpCase):
    """In a browser: a provider's contact submits a return and comments on an
    action; then the lead officer accepts the return."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contact = cls.env["res.partner"].create(
            {
                "name": "Tess Tour",
                "email": "tess@provider.example",
                "parent_id": cls.provider.id,
            }
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="hcc_tour_provider",
            groups="base.group_portal",
            partner_id=contact.id,
            name=contact.name,
            email=contact.email,
        )
        cls.contract = cls._create_contract(title="Tour day care")
        cls.contract.action_activate()
        cls.env["hcc.contract.indicator"].create(
            {"contract_id": cls.contract.id, "name": "Attendance", "target": 90.0}
        )
        cls.data_return = cls.env["hcc.data.return"].create(
            cls.contract._prepare_expected_return_vals(
                cls.contract.date_start, cls.contract.date_start.replace(day=30)
            )
        )
        cls.action = cls.env["hcc.contract.action"].create(
            {
                "contract_id": cls.contract.id,
                "name": "Tour rota gaps",
                "user_id": cls.user_sm.id,
                "date_notified": "2026-05-01",
                "date_due": "2027-06-30",
            }
        )

    def test_provider_submits_and_lead_officer_accepts(self):
        self.start_tour(
            "/my/contracts",
            "hcc_portal_provider_tour",
            login="hcc_tour_provider",
        )
        self.env.invalidate_all()
        ret = self.data_return
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.people_served, 31)
        self.assertEqual(ret.units_delivered, 410)
        self.assertEqual(ret.indicator_value_ids.value, 92)
        comment = self.action.message_ids.filtered(
            lambda m: "Two new care workers" in (m.body or "")
        )
        self.assertEqual(comment.author_id, self.portal_user.partner_id)
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "hcc.data.return"),
                ("res_id", "=", ret.id),
                ("activity_type_id", "=", self.env.ref(SUBMISSION_TYPE).id),
            ]
        )
        self.assertEqual(activity.user_id, self.user_sm)

        # the lead officer accepts the return from the back office
        ret.with_user(self.user_sm).action_accept()
        self.assertEqual(ret.state, "accepted")
        self.assertFalse(activity.exists())


@tagged("post_install", "-at_install", "hcc_tour")
class TestPortalReturnTour(HccContractsCase, HttpCase):
    """In a browser, procedure 8.1 on the portal: blank refused, early
    refused, reviewed then confirmed, amended; then only the lead officer's
    acceptance makes the figures count."""

    rag_sources = ("performance",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contact = cls.env["res.partner"].create(
            {
                "name": "Rita Returns",
                "email": "rita@provider.example",
                "parent_id": cls.provider.id,
            }
        )
        new_test_user(
            cls.env,
            login="hcc_tour_returns",
            groups="base.group_portal",
            partner_id=contact.id,
            name=contact.name,
            email=contact.email,
        )
        cls.contract = cls._create_contract(title="Tour returns contract")
        cls.contract.action_activate()
        cls.env["hcc.contract.indicator"].create(
            {"contract_id": cls.contract.id, "name": "Attendance", "target": 90.0}
        )
        cls.april = cls.env["hcc.data.return"].create(
            cls.contract._prepare_expected_return_vals(
                date(2026, 4, 1), date(2026, 4, 30)
            )
        )
        start = date.today().replace(day=1)
        cls.current = cls.env["hcc.data.return"].create(
            cls.contract._prepare_expected_return_vals(
                start, start + relativedelta(months=1, days=-1)
            )
        )

    def test_portal_return(self):
        self.start_tour(
            "/my/contracts", "hcc_portal_return_tour", login="hcc_tour_returns"
        )
        self.env.invalidate_all()
        self.assertEqual(self.current.state, "expected")
        self.assertEqual(self.april.state, "received")
        self.assertEqual(self.april.units_delivered, 420)
        self.assertEqual(self.april.people_served, 31)
        self.assertEqual(self.april.assessments_done, 0)
        # received, not checked: it does not count
        self.assertEqual(self.contract.activity_delivered, 0)
        self.contract._update_rag()
        self.assertNotIn("Utilisation", self.contract.rag_reasons or "")
        # accepted by the lead officer: it counts, 420 of 500 units
        self.april.with_user(self.user_sm).action_accept()
        self.env.invalidate_all()
        self.assertEqual(self.contract.activity_delivered, 420)
        self.assertAlmostEqual(self.contract.utilisation, 84.0)
        self.assertIn("Utilisation is 84.0%", self.contract.rag_reasons)


@tagged("post_install", "-at_install", "hcc_tour")
class TestPortalProviderDayTour(HccContractsCase, HttpCase):
    """In a browser, issue 43 points 4 and 10: from /my the provider opens
    the returns, answers the council's query, attaches evidence to an
    action, sends the survey report and sees it back, and reads the minutes
    in full."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Dana Day",
                "email": "dana@provider.example",
                "parent_id": cls.provider.id,
            }
        )
        new_test_user(
            cls.env,
            login="hcc_tour_day",
            groups="base.group_portal",
            partner_id=cls.contact.id,
            name=cls.contact.name,
            email=cls.contact.email,
        )
        cls.contract = cls._create_contract(
            title="Tour day sessions",
            commissioned_volume=20800.0,
            volume_unit="session",
        )
        cls.contract.action_activate()
        cls.april = cls.env["hcc.data.return"].create(
            cls.contract._prepare_expected_return_vals(
                date(2026, 4, 1), date(2026, 4, 30)
            )
        )
        cls.april.write(
            {
                "nature_of_service": "Day sessions for older people",
                "age_range_min": 65,
                "age_range_max": 97,
                "people_served": 40,
                "statements_issued": 45,
                "assessments_done": 2,
                "reviews_done": 5,
                "units_delivered": 1700,
            }
        )
        cls.april.action_receive()
        cls.april.with_user(cls.user_sm).action_query(
            question="Statements issued (45) are above the people served (40): "
            "please check."
        )
        cls.action = cls.env["hcc.contract.action"].create(
            {
                "contract_id": cls.contract.id,
                "name": "Tour evidence action",
                "user_id": cls.user_sm.id,
                "date_notified": "2026-05-01",
                "date_due": "2027-06-30",
            }
        )
        cls.survey = cls.env["hcc.satisfaction.survey"].create(
            {
                "contract_id": cls.contract.id,
                "survey_year": 1,
                "date_from": "2026-04-01",
                "date_to": "2027-03-31",
                "date_due": "2027-03-31",
            }
        )
        meeting = cls.env["hcc.contract.meeting"].create(
            {
                "contract_id": cls.contract.id,
                "date": "2026-05-12 10:00:00",
                "officer_id": cls.user_sm.id,
                "attendee_ids": [(6, 0, cls.contact.ids)],
            }
        )
        cls.env["hcc.contract.action"].create(
            {
                "contract_id": cls.contract.id,
                "meeting_id": meeting.id,
                "name": "Tour staffing plan",
                "user_id": cls.user_sm.id,
                "date_notified": "2026-05-12",
                "date_due": "2027-06-30",
                "responsible": "council",
            }
        )
        with freeze_time("2026-05-13 09:00:00"):
            meeting.minutes = "<p>Rota reviewed with the provider.</p>"
            meeting.agenda_ids.write({"discussed": True})
            meeting.action_mark_held()
            meeting.action_circulate_minutes()

    def test_provider_day(self):
        self.start_tour("/my", "hcc_portal_provider_day_tour", login="hcc_tour_day")
        self.env.invalidate_all()
        self.assertEqual(self.april.state, "received")
        self.assertEqual(self.april.statements_issued, 40)
        self.assertEqual(
            self.april.query_answer,
            "Five statements were counted twice: corrected to 40.",
        )
        answer = self.april.message_ids.filtered(
            lambda m: "counted twice" in (m.body or "")
        )
        self.assertEqual(answer.author_id, self.contact)
        self.assertIn(self.user_sm.partner_id, answer.partner_ids)
        evidence = self.action.message_ids.attachment_ids
        self.assertEqual(evidence.mapped("name"), ["rota.pdf"])
        self.assertEqual(self.survey.state, "received")
        self.assertEqual(self.survey.respondents, 1250)
