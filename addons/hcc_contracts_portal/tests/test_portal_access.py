import xmlrpc.client

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common_portal import HccPortalCase


@tagged("post_install", "-at_install")
class TestPortalAccess(HccPortalCase):
    """A provider's portal user reaches its own contracts' returns, surveys,
    actions and minutes, and nothing of another provider, whatever the way."""

    def _urls_of(self, contract, ret, survey, action, meeting):
        return [
            f"/my/contracts/{contract.id}",
            f"/my/contracts/returns/{ret.id}",
            f"/my/contracts/surveys/{survey.id}",
            f"/my/contracts/actions/{action.id}",
            f"/my/contracts/minutes/{meeting.id}",
        ]

    def test_own_pages(self):
        self.authenticate("portal_a", "portal_a")
        listing = self.url_open("/my/contracts")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.contract_a.name, listing.text)
        self.assertNotIn(self.contract_b.name, listing.text)
        self.assertNotIn("Alpha draft contract", listing.text)
        page = self.url_open(f"/my/contracts/{self.contract_a.id}")
        self.assertEqual(page.status_code, 200, page.text[-3000:])
        self.assertIn(self.return_a.period_name, page.text)
        self.assertIn("Alpha rota gaps", page.text)
        self.assertIn(self.meeting_a.name, page.text)
        # the council's own action and minutes sent to another contact stay hidden
        self.assertNotIn("Alpha council funding check", page.text)
        self.assertNotIn(f"/my/contracts/minutes/{self.meeting_a_other.id}", page.text)
        for url in self._urls_of(
            self.contract_a, self.return_a, self.survey_a, self.action_a, self.meeting_a
        ):
            self.assertEqual(self.url_open(url).status_code, 200, url)
        minutes = self.url_open(f"/my/contracts/minutes/{self.meeting_a.id}")
        self.assertIn("Alpha minutes text", minutes.text)

    def test_home_counters(self):
        self.authenticate("portal_a", "portal_a")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["hcc_contract_count", "hcc_return_count"]}
        )
        self.assertEqual(counters, {"hcc_contract_count": 1, "hcc_return_count": 1})

    def test_other_provider_urls_refused(self):
        self.authenticate("portal_a", "portal_a")
        urls = self._urls_of(
            self.contract_b, self.return_b, self.survey_b, self.action_b, self.meeting_b
        ) + [
            f"/my/contracts/{self.contract_a_draft.id}",
            f"/my/contracts/actions/{self.action_a_council.id}",
            f"/my/contracts/minutes/{self.meeting_a_other.id}",
            "/my/contracts/999999999",
            "/my/contracts/returns/999999999",
        ]
        for url in urls:
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Bravo", response.text, url)

    def test_other_provider_post_refused(self):
        self.authenticate("portal_a", "portal_a")
        token_page = self.url_open(f"/my/contracts/returns/{self.return_a.id}")
        token = token_page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[
            0
        ]
        messages = self.action_b.message_ids
        for url, data in (
            (f"/my/contracts/returns/{self.return_b.id}", {"people_served": "5"}),
            (f"/my/contracts/surveys/{self.survey_b.id}", {"respondents": "5"}),
            (f"/my/contracts/actions/{self.action_b.id}", {"comment": "Hijack"}),
        ):
            response = self.url_open(url, data={"csrf_token": token, **data})
            self.assertEqual(response.status_code, 404, url)
        self.env.invalidate_all()
        self.assertEqual(self.return_b.state, "expected")
        self.assertEqual(self.return_b.people_served, 0)
        self.assertEqual(self.survey_b.state, "due")
        self.assertEqual(self.action_b.message_ids, messages)

    def test_anonymous_refused(self):
        for url in self._urls_of(
            self.contract_a, self.return_a, self.survey_a, self.action_a, self.meeting_a
        ) + ["/my/contracts"]:
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertIn("/web/login", response.headers["Location"], url)

    def test_rpc_refused(self):
        self.authenticate("portal_a", "portal_a")
        calls = [
            ("hcc.contract", "read", [[self.contract_a.id], ["annual_value"]]),
            ("hcc.contract", "read", [[self.contract_b.id], ["title"]]),
            ("hcc.contract", "search_read", [[], ["title"]]),
            ("hcc.data.return", "read", [[self.return_b.id], ["people_served"]]),
            ("hcc.data.return", "write", [[self.return_a.id], {"state": "accepted"}]),
            ("hcc.contract.action", "read", [[self.action_b.id], ["name"]]),
            ("hcc.contract.meeting", "read", [[self.meeting_b.id], ["minutes"]]),
            ("hcc.satisfaction.survey", "search_read", [[], ["name"]]),
        ]
        for model, method, args in calls:
            with self.assertRaises(JsonRpcException, msg=f"{model}.{method}") as caught:
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {"model": model, "method": method, "args": args, "kwargs": {}},
                )
            self.assertIn("AccessError", str(caught.exception))
        self.assertEqual(self.return_a.state, "expected")

    def test_xmlrpc_refused(self):
        for model, ids in (
            ("hcc.contract", self.contract_b.ids),
            ("hcc.data.return", self.return_b.ids),
            ("hcc.contract.action", self.action_b.ids),
            ("hcc.contract.meeting", self.meeting_b.ids),
        ):
            with self.assertRaises(xmlrpc.client.Fault, msg=model) as caught:
                self.xmlrpc_object.execute_kw(
                    self.env.cr.dbname,
                    self.portal_a.id,
                    "portal_a",
                    model,
                    "read",
                    [ids, ["display_name"]],
                )
            self.assertIn("You are not allowed to access", str(caught.exception), model)

    def test_orm_refused(self):
        """The portal user has no right on the models themselves."""
        for record in (
            self.contract_a,
            self.return_a,
            self.action_a,
            self.meeting_a,
            self.survey_a,
        ):
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.portal_a).read(["display_name"])

    def test_no_internal_content(self):
        """Internal notes, specific cases and the council's chatter never show."""
        self.action_a.message_post(
            body="INTERNAL-NOTE-SECRET", subtype_xmlid="mail.mt_note"
        )
        self.action_a.with_user(self.user_sm).message_post(
            body="Please send the new rota",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.env["hcc.contract.case"].create(
            {
                "case_reference": "SU-CASE-SECRET",
                "meeting_id": self.meeting_a.id,
                "summary": "CASE-SUMMARY-SECRET",
            }
        )
        self.authenticate("portal_a", "portal_a")
        action_page = self.url_open(f"/my/contracts/actions/{self.action_a.id}")
        self.assertIn("Please send the new rota", action_page.text)
        self.assertNotIn("INTERNAL-NOTE-SECRET", action_page.text)
        for url in (
            f"/my/contracts/minutes/{self.meeting_a.id}",
            f"/my/contracts/{self.contract_a.id}",
        ):
            text = self.url_open(url).text
            self.assertNotIn("SU-CASE-SECRET", text)
            self.assertNotIn("CASE-SUMMARY-SECRET", text)
