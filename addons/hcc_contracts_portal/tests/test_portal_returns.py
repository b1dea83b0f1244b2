import xmlrpc.client
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common_portal import HccPortalCase


@tagged("post_install", "-at_install")
class TestPortalReturns(HccPortalCase):
    """Procedure 8.1 through the portal: the specification's figures are
    required, a period is returned once over, the provider reviews then
    confirms and may amend until the lead officer accepts; only accepted
    data counts, and the system, not the provider, changes the RAG."""

    rag_sources = ("performance",)

    def setUp(self):
        super().setUp()
        self.authenticate("portal_a", "portal_a")
        self.url = f"/my/contracts/returns/{self.return_a.id}"

    def _data(self, **overrides):
        data = {
            "nature_of_service": "Day care, five days a week",
            "age_range_min": "65",
            "age_range_max": "98",
            "people_served": "42",
            "statements_issued": "42",
            "assessments_done": "0",
            "reviews_done": "7",
            "units_delivered": "480",
            f"indicator_{self.indicator_a.id}": "93.5",
        }
        data.update(overrides)
        return data

    def _values(self, **overrides):
        """The values as the controller hands them to the model."""
        vals = {
            "nature_of_service": "Day care",
            "age_range_min": 65,
            "age_range_max": 98,
            "people_served": 42,
            "statements_issued": 42,
            "assessments_done": 0,
            "reviews_done": 7,
            "units_delivered": 480.0,
        }
        vals.update(overrides)
        return vals, {self.indicator_a.id: 93.5}

    def test_page_shows_commissioned_volume_and_required_figures(self):
        page = self.url_open(self.url)
        # 6,000 hours a year: 500 in April
        self.assertIn("Commissioned for this period", page.text)
        self.assertIn("<strong>500 <span>Hours</span></strong>", page.text)
        self.assertIn("Units of service delivered * (<span>Hours</span>)", page.text)
        self.assertIn("Attendance rate *", page.text)

    def test_blank_return_refused(self):
        blank = dict.fromkeys(self._data(), "")
        for step in ("review", "confirm"):
            response = self._post(self.url, blank | {"step": step})
            self.assertIn("o_hcc_portal_error", response.text)
            self.assertIn("requires these figures in every return", response.text)
            self.assertIn("“Units Delivered”", response.text)
            self.assertIn("“Attendance rate”", response.text)
        # one figure left out is refused too; a zero is a figure
        response = self._post(
            self.url, self._data(reviews_done="") | {"step": "confirm"}
        )
        self.assertIn("“Reviews Carried Out”", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.return_a.state, "expected")
        self.assertFalse(self.return_a.nature_of_service)
        # the model holds the rule, whoever calls it
        vals, indicators = self._values(people_served=None)
        with self.assertRaisesMessage(ValidationError, "“People Served”"):
            self.return_a.sudo()._portal_submit(vals, indicators, self.contact_a)
        self.assertEqual(self.return_a.state, "expected")

    def test_early_return_refused(self):
        today = date.today()
        start = today.replace(day=1)
        current = self.env["hcc.data.return"].create(
            self.contract_a._prepare_expected_return_vals(
                start, start + relativedelta(months=1, days=-1)
            )
        )
        url = f"/my/contracts/returns/{current.id}"
        page = self.url_open(url)
        self.assertIn("o_hcc_portal_early", page.text)
        self.assertNotIn("o_hcc_submit_return", page.text)
        response = self._post(url, self._data() | {"step": "confirm"})
        self.assertIn("once the period is over", response.text)
        self.env.invalidate_all()
        self.assertEqual(current.state, "expected")
        vals, indicators = self._values()
        with self.assertRaisesMessage(UserError, "once the period is over"):
            current.sudo()._portal_submit(vals, indicators, self.contact_a)
        # nor can the council receive it before the period ends
        with self.assertRaisesMessage(UserError, "before the period is over"):
            current.with_user(self.user_sm).action_receive()
        self.assertEqual(current.state, "expected")

    def test_review_then_confirm_then_amend(self):
        # the review shows the figures and saves nothing
        response = self._post(self.url, self._data() | {"step": "review"})
        self.assertIn("o_hcc_return_review", response.text)
        self.assertIn('data-field="units_delivered">480<', response.text)
        self.env.invalidate_all()
        self.assertEqual(self.return_a.state, "expected")
        self.assertEqual(self.return_a.units_delivered, 0)
        # a constraint is met at the review already
        response = self._post(
            self.url, self._data(age_range_min="99") | {"step": "review"}
        )
        self.assertIn("is above the oldest age", response.text)
        self.assertNotIn("o_hcc_return_review", response.text)
        # confirmed, with a supporting document
        response = self._post(
            self.url,
            self._data() | {"step": "confirm"},
            files={"attachments": ("rota.csv", b"day,staff\nmon,4\n", "text/csv")},
        )
        self.assertIn("your return has been received", response.text)
        self.assertIn("rota.csv", response.text)
        self.env.invalidate_all()
        ret = self.return_a
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.units_delivered, 480)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "hcc.data.return"), ("res_id", "=", ret.id)]
        )
        self.assertEqual(attachment.name, "rota.csv")
        # a file of another kind is refused, nothing of the submission kept
        response = self._post(
            self.url,
            self._data(units_delivered="1") | {"step": "confirm"},
            files={"attachments": ("virus.exe", b"MZ\x90\x00", "text/plain")},
        )
        self.assertIn("“virus.exe” is not accepted", response.text)
        self.env.invalidate_all()
        self.assertEqual(ret.units_delivered, 480)
        # amended while not yet checked: still received, the new figures kept
        page = self.url_open("/my/contracts/%s" % self.contract_a.id)
        self.assertRegex(page.text, r">\s*Amend\s*<")
        response = self._post(self.url, self._data(units_delivered="495"))
        self.assertIn("Review the amended return", self.url_open(self.url).text)
        self.assertIn("o_hcc_return_review", response.text)
        response = self._post(
            self.url, self._data(units_delivered="495") | {"step": "confirm"}
        )
        self.env.invalidate_all()
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.units_delivered, 495)
        self.assertTrue(
            ret.message_ids.filtered(lambda m: "amended through the portal" in m.body)
        )
        # accepted: no more changes, by the portal or by the model
        ret.with_user(self.user_sm).action_accept()
        response = self._post(
            self.url, self._data(units_delivered="1") | {"step": "confirm"}
        )
        self.assertIn("it can no longer be changed", response.text)
        vals, indicators = self._values(units_delivered=1.0)
        with self.assertRaisesMessage(UserError, "it can no longer be changed"):
            ret.sudo()._portal_submit(vals, indicators, self.contact_a)
        with self.assertRaisesMessage(UserError, "has been accepted"):
            ret.with_user(self.user_sm).write({"units_delivered": 1.0})
        self.env.invalidate_all()
        self.assertEqual(ret.units_delivered, 495)

    def test_only_accepted_data_counts_and_the_system_changes_the_rag(self):
        contract = self.contract_a
        contract._update_rag()
        self.assertEqual(contract.rag_status, "amber", "April's return is late")
        # nothing delivered in April, off target on the indicator
        self._post(
            self.url,
            self._data(
                units_delivered="0", **{f"indicator_{self.indicator_a.id}": "10"}
            )
            | {"step": "confirm"},
        )
        self.env.invalidate_all()
        self.assertEqual(self.return_a.state, "received")
        # received, not checked: no longer late, and nothing of it counts yet
        contract._update_rag()
        self.assertEqual(contract.rag_status, "green", contract.rag_reasons)
        self.assertEqual(contract.activity_commissioned, 0)
        self.assertEqual(contract.utilisation, 0)
        self.flush_tracking()
        self.return_a.with_user(self.user_sm).action_accept()
        self.env.invalidate_all()
        self.assertEqual(contract.rag_status, "red")
        self.assertIn("Utilisation is 0.0%", contract.rag_reasons)
        self.assertIn("Attendance rate", contract.rag_reasons)
        self.assertEqual(contract.activity_commissioned, 500)
        self.flush_tracking()
        rag_field = self.env["ir.model.fields"]._get("hcc.contract", "rag_status")
        change = contract.message_ids.filtered(
            lambda m: rag_field in m.tracking_value_ids.field_id
        )
        # amber (late), green (received), red (accepted): each by the system
        self.assertGreaterEqual(len(change), 2)
        self.assertEqual(change.author_id, self.env.ref("base.partner_root"))

    def test_a_late_return_received_through_the_portal(self):
        """The provider's submission clears a late return: the chatter names
        the system as the author of the RAG change, not the provider."""
        self.env["hcc.data.return"]._cron_flag_late_returns()
        contract = self.contract_a
        self.env.invalidate_all()
        self.assertEqual(contract.rag_status, "amber")
        self.flush_tracking()
        self._post(self.url, self._data() | {"step": "confirm"})
        self.env.invalidate_all()
        self.assertEqual(contract.rag_status, "green")
        self.flush_tracking()
        rag_field = self.env["ir.model.fields"]._get("hcc.contract", "rag_status")
        changes = contract.message_ids.filtered(
            lambda m: rag_field in m.tracking_value_ids.field_id
        )
        self.assertTrue(changes)
        self.assertEqual(changes.author_id, self.env.ref("base.partner_root"))
        self.assertNotIn(self.contact_a, changes.author_id)

    def test_portal_user_over_rpc_meets_the_same_rules(self):
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, "portal_a", "portal_a", {}
        )
        self.assertTrue(uid)
        for method, args in (
            ("write", [[self.return_a.id], {"people_served": 0, "state": "received"}]),
            ("_portal_submit", [[self.return_a.id], {}, {}, self.contact_a.id]),
            ("action_receive", [[self.return_a.id]]),
        ):
            with self.assertRaises(xmlrpc.client.Fault):
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname, uid, "portal_a", "hcc.data.return", method, args
                )
        self.env.invalidate_all()
        self.assertEqual(self.return_a.state, "expected")

    def test_case_system_contract_asks_nothing_of_the_provider(self):
        contract = self._create_contract(
            title="Alpha case-system contract", activity_source="case_system"
        )
        contract.action_activate()
        page = self.url_open(f"/my/contracts/{contract.id}")
        self.assertIn("o_hcc_case_system", page.text)
        self.assertIn("no data return is asked of you", page.text)
