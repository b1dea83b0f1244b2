from datetime import date

from dateutil.relativedelta import relativedelta

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
