"""Issue 37, the portal: an internal user with no contract role attached his
own contact to a provider and submitted that provider's return through /my;
a provider moved its own "today" by setting its time zone to Etc/GMT-14 and
submitted a return before its period was over. Over real HTTP, through the
portal's own routes."""

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common_portal import HccPortalCase

RETURN_DATA = {
    "nature_of_service": "Day care, five days a week",
    "age_range_min": "65",
    "age_range_max": "98",
    "people_served": "42",
    "statements_issued": "42",
    "assessments_done": "0",
    "reviews_done": "7",
    "units_delivered": "480",
}


@tagged("post_install", "-at_install")
class TestPortalProvidersOnly(HccPortalCase):
    def _return_data(self):
        return RETURN_DATA | {f"indicator_{self.indicator_a.id}": "93.5"}

    @freeze_time("2026-05-20")
    def test_staff_get_no_provider_page(self):
        clerk = new_test_user(
            self.env, login="hcc_clerk", groups="base.group_user", name="Carl Clerk"
        )
        # his own contact, put under the provider (as he did himself)
        clerk.partner_id.parent_id = self.provider
        self.assertEqual(clerk.commercial_partner_id, self.provider)
        self.authenticate("hcc_clerk", "hcc_clerk")
        return_url = f"/my/contracts/returns/{self.return_a.id}"
        for url in (
            "/my/contracts",
            f"/my/contracts/{self.contract_a.id}",
            return_url,
            f"/my/contracts/surveys/{self.survey_a.id}",
            f"/my/contracts/actions/{self.action_a.id}",
            f"/my/contracts/minutes/{self.meeting_a.id}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("Alpha", response.text, url)
        # nor can he submit the return (a token from his own account page)
        account = self.url_open("/my/account")
        self.assertEqual(account.status_code, 200)
        token = account.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = self.url_open(
            return_url,
            data={"csrf_token": token, "step": "confirm", **self._return_data()},
        )
        self.assertEqual(response.status_code, 404)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["hcc_contract_count", "hcc_return_count"]}
        )
        self.assertEqual(counters, {"hcc_contract_count": 0, "hcc_return_count": 0})
        self.env.invalidate_all()
        self.assertEqual(self.return_a.state, "expected")
        self.assertFalse(self.return_a.submitted_by_id)
        # the provider's own portal user still submits it
        self.authenticate("portal_a", "portal_a")
        response = self._post(return_url, self._return_data() | {"step": "confirm"})
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(self.return_a.state, "received")
        self.assertEqual(self.return_a.submitted_by_id, self.contact_a)

    def test_today_is_the_councils(self):
        """The return for April 2026 is over from 1 May in the UK. At noon
        UTC on 30 April it is already 1 May at UTC+14 (Etc/GMT-14): the
        provider's time zone does not end the period sooner."""
        self.portal_a.tz = "Etc/GMT-14"
        self.assertEqual(str(self.return_a.date_to), "2026-04-30")
        url = f"/my/contracts/returns/{self.return_a.id}"
        self.authenticate("portal_a", "portal_a")
        with freeze_time("2026-04-30 12:00:00"):
            page = self.url_open(url)
            self.assertIn("o_hcc_portal_early", page.text)
            self.assertNotIn("o_hcc_submit_return", page.text)
            response = self._post(url, self._return_data() | {"step": "confirm"})
            self.assertIn("once the period is over", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.return_a.state, "expected")
        # 1 May in the UK: over, whatever the provider's time zone
        with freeze_time("2026-04-30 23:30:00"):
            page = self.url_open(url)
            self.assertIn("o_hcc_submit_return", page.text)
            self._post(url, self._return_data() | {"step": "confirm"})
        self.env.invalidate_all()
        self.assertEqual(self.return_a.state, "received")
