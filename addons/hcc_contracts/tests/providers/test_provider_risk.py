import xmlrpc.client

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from ..roles.rpc_client import HccRpcClientMixin
from .common_providers import HccProviderRiskCase

RPC_FAULT_CODE_ACCESS_ERROR = 4


class TestProviderRisk(HccProviderRiskCase):
    def test_no_signal_is_green_and_a_second_run_does_nothing(self):
        risk = self._assess_all()
        self.assertEqual(len(risk), 1)
        self.assertEqual(risk.level, "green")
        self.assertFalse(risk.reasons)
        self.assertEqual(risk.live_contract_count, 3)
        self.assertEqual(risk.locality_ids, self.locality_north | self.locality_south)
        changes = risk.change_ids
        self.assertEqual(changes.level_to, "green")
        self.assertFalse(changes.level_from)
        self.Risk._cron_assess_provider_risk()
        self.assertEqual(risk.change_ids, changes, "assessed once a day")

    def test_a_provider_is_rated_when_its_first_contract_goes_live(self):
        newcomer = self.env["res.partner"].create(
            {"name": "Newcomer Care Ltd", "is_company": True}
        )
        contract = self._create_contract(
            title="Newcomer home care",
            partner_id=newcomer.id,
            locality_id=self.locality_south.id,
            lead_officer_id=self.user_sm_south.id,
            representative_id=self.user_sm_south.id,
            support_officer_id=False,
        )
        domain = [("partner_id", "=", newcomer.id)]
        self.assertFalse(self.Risk.search(domain), "no rating before it is live")
        contract.action_activate()
        # the Service Manager of its locality reads the rating the same day
        risk = self.Risk.with_user(self.user_sm_south).search(domain)
        self.assertEqual(risk.level, "green")
        self.assertEqual(risk.live_contract_count, 1)
        self.assertEqual(risk.locality_ids, self.locality_south)
        self.assertEqual(risk.date_assessed, fields.Date.context_today(risk))
        self.assertFalse(self.Risk.with_user(self.user_sm).search(domain))
        # the night's assessment finds it already done
        changes = risk.sudo().change_ids
        self.assertEqual(len(changes), 1)
        self.Risk._cron_assess_provider_risk()
        self.assertEqual(risk.sudo().change_ids, changes)

    def test_two_amber_contracts_make_it_amber_with_reasons_and_tell_people(self):
        self._assess_all()
        self._concern(case_reference="SG-1")
        self._concern(
            user=self.user_cm, contract_id=self.north_2.id, case_reference="SG-2"
        )
        risk = self._assess_again(self._assess_all())
        self.assertEqual(risk.level, "amber")
        self.assertIn("Contracts rated amber: 2 (2 or more: Amber).", risk.reasons)
        self.assertIn("Safeguarding concerns open: 2", risk.reasons)
        rise = risk.change_ids.filtered(lambda c: c.level_to == "amber")
        self.assertEqual(rise.level_from, "green")
        self.assertEqual(rise.reasons, risk.reasons)
        # the lead officers of its live contracts and the County Manager
        activities = risk.activity_ids
        self.assertEqual(
            activities.user_id, self.user_sm | self.user_sm_south | self.user_cm
        )
        self.assertIn("rose to Amber", activities[0].summary)
        # a new day, nothing new: no second activity, no new change
        risk = self._assess_again(risk)
        self.assertEqual(len(risk.activity_ids), 3)
        self.assertEqual(
            risk.change_ids.sorted("id").mapped("level_to"), ["green", "amber"]
        )

    def test_red_contracts_make_it_red_and_it_comes_down_when_closed(self):
        first = self._concern(level="high", case_reference="SG-1")
        second = self._concern(
            user=self.user_cm,
            contract_id=self.south.id,
            level="high",
            case_reference="SG-2",
        )
        risk = self._assess_all()
        self.assertEqual(risk.level, "red")
        self.assertIn("Contracts rated red: 2 (2 or more: Red).", risk.reasons)
        for concern in first | second:
            concern.outcome = "not_substantiated"
            concern.action_close()
        risk = self._assess_again(risk)
        self.assertEqual(risk.level, "green")
        history = self.env["hcc.provider.risk.change"].search(
            [("risk_id", "=", risk.id)]
        )
        # rated green when its contracts went live, red, then green again
        self.assertEqual(
            history.mapped("level_to"), ["green", "red", "green"], "newest first"
        )

    def test_the_county_manager_sets_the_rules(self):
        self._concern(case_reference="SG-1")
        rule = self.env.ref("hcc_contracts.hcc_provider_risk_rule_safeguarding")
        risk = self._assess_all()
        self.assertEqual(risk.level, "amber")
        rule.with_user(self.user_cm).write({"level": "red"})
        self.assertEqual(self._assess_again(risk).level, "red")
        rule.with_user(self.user_cm).active = False
        self.assertEqual(self._assess_again(risk).level, "green")
        for user in (self.user_sm, self.user_cso, self.user_finance, self.user_viewer):
            with self.assertRaises(AccessError, msg=user.login):
                rule.with_user(user).write({"threshold": 5})
        with self.assertRaises(AccessError):
            rule.with_user(self.user_cm).unlink()

    def test_nobody_writes_a_rating(self):
        risk = self._assess_all()
        for user in (self.user_cm, self.user_admin, self.user_sm):
            with self.assertRaises(AccessError, msg=user.login):
                risk.with_user(user).write({"level": "red"})
            with self.assertRaises(AccessError, msg=user.login):
                risk.with_user(user).unlink()
            with self.assertRaises(AccessError, msg=user.login):
                risk.change_ids.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.Risk.with_user(self.user_cm).create(
                {"partner_id": self.provider.id, "company_id": self.company.id}
            )

    def test_assess_now_is_for_the_cso_and_above(self):
        risk = self._assess_all()
        self._concern(level="high", case_reference="SG-1")
        with self.assertRaises(AccessError):
            risk.with_user(self.user_sm).action_assess()
        risk.with_user(self.user_cso).action_assess()
        self.assertEqual(risk.level, "amber")

    def test_who_reads_a_rating(self):
        risk = self._assess_all()
        north_only = self.env["res.users"].browse()
        for user in (self.user_sm, self.user_sm_south, self.user_cso, self.user_cm):
            self.assertEqual(
                self.Risk.with_user(user).search([("id", "=", risk.id)]),
                risk,
                user.login,
            )
        # a Service Manager of a locality where the provider has no contract
        east = self.env["hcc.locality"].create({"name": "Test East"})
        north_only |= self.user_sm_other
        self.user_sm_other.hcc_locality_ids = [Command.set(east.ids)]
        for user in north_only:
            self.assertFalse(
                self.Risk.with_user(user).search([("id", "=", risk.id)]), user.login
            )
            self.assertFalse(
                self.env["hcc.provider.risk.change"]
                .with_user(user)
                .search([("risk_id", "=", risk.id)])
            )


class TestProviderPage(HccProviderRiskCase):
    def test_each_reader_counts_what_they_may_see(self):
        self._concern(level="high", case_reference="SG-1")
        other = self.env["res.partner"].create(
            {"name": "Other Care", "is_company": True}
        )
        self._create_contract(
            partner_id=other.id, annual_value=100000
        ).action_activate()
        self._assess_all()
        page = self.provider.with_user(self.user_cm)
        self.assertEqual(page.hcc_live_contract_count, 3)
        self.assertEqual(page.hcc_red_contract_count, 1)
        self.assertEqual(page.hcc_green_contract_count, 2)
        self.assertEqual(page.hcc_risk_level, "amber")
        self.assertIn("Contracts rated red: 1", page.hcc_risk_reasons)
        html = str(page.hcc_concentration_html)
        # north: 120,000 + 80,000 of 300,000; south: all of it
        self.assertIn("66.7 %", html)
        self.assertIn("100.0 %", html)
        # a Service Manager of the north reads the north only
        page = self.provider.with_user(self.user_sm_other)
        self.assertEqual(page.hcc_live_contract_count, 2)
        self.assertNotIn("Test South", str(page.hcc_concentration_html))
        self.assertIn("Test North", str(page.hcc_concentration_html))

    def _open_action(self, contract, name):
        return self.env["hcc.contract.action"].create(
            {
                "contract_id": contract.id,
                "name": name,
                "user_id": contract.lead_officer_id.id,
                "date_due": fields.Date.add(fields.Date.today(), days=14),
            }
        )

    def test_counters_of_several_providers_at_once(self):
        other = self.env["res.partner"].create(
            {"name": "Other Care", "is_company": True}
        )
        other_south = self._create_contract(
            partner_id=other.id,
            locality_id=self.locality_south.id,
            lead_officer_id=self.user_sm_south.id,
            representative_id=self.user_sm_south.id,
            support_officer_id=False,
        )
        other_south.action_activate()
        self._open_action(self.contract, "Rota gaps")
        self._open_action(self.north_2, "Late visits")
        self._open_action(self.south, "Missed calls")
        for index in range(3):
            self._open_action(other_south, f"Training {index}")
        providers = self.provider | other
        counted = {
            login: {
                partner.name: partner.hcc_open_action_count
                for partner in providers.with_user(user)
            }
            for login, user in (
                ("cm", self.user_cm),
                ("sm north", self.user_sm_other),
                ("sm south", self.user_sm_south),
            )
        }
        self.assertEqual(
            counted,
            {
                "cm": {self.provider.name: 3, "Other Care": 3},
                "sm north": {self.provider.name: 2, "Other Care": 0},
                "sm south": {self.provider.name: 1, "Other Care": 3},
            },
        )
        # one query a counter, however many providers are read: a provider
        # with no live contract (no share to work out) adds none
        idle = self.env["res.partner"].create({"name": "Idle Care", "is_company": True})
        queries = []
        # the first read warms the caches of the reader's rights
        for partners in (self.provider, self.provider, self.provider | idle):
            partners = partners.with_user(self.user_cm)
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            partners.mapped("hcc_open_action_count")
            queries.append(self.cr.sql_log_count - before)
        self.assertEqual(queries[1], queries[2])

    def test_the_page_opens_its_records(self):
        action = self.provider.with_user(self.user_cm).action_hcc_view_contracts()
        self.assertEqual(
            self.env["hcc.contract"].with_user(self.user_cm).search(action["domain"]),
            self.contract | self.north_2 | self.south,
        )
        self._concern(case_reference="SG-1")
        action = (
            self.provider.with_user(self.user_sm)
            .with_context(hcc_counter="hcc_open_action_count")
            .action_hcc_view_counter()
        )
        self.assertEqual(action["res_model"], "hcc.contract.action")

    def test_the_page_is_not_shown_to_other_employees(self):
        clerk = self.env["res.users"].create(
            {"name": "Clerk", "login": "hcc_clerk", "groups_id": [Command.set([])]}
        )
        clerk.groups_id = [Command.link(self.env.ref("base.group_user").id)]
        arch = (
            self.env["res.partner"]
            .with_user(clerk)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("hcc_live_contract_count", arch)
        arch = (
            self.env["res.partner"]
            .with_user(self.user_sm)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("hcc_live_contract_count", arch)


@tagged("post_install", "-at_install", "hcc_rpc")
class TestProviderRiskRpc(HccRpcClientMixin, HccProviderRiskCase, HttpCase):
    """Over XML-RPC: a rating is read by the roles that reach the provider's
    contracts and written by nobody; the provider's portal user reads none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal = cls._create_provider_portal_user("hcc_risk_portal")

    def _refused(self, login, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault, msg=login) as caught:
            self._xmlrpc_as(login, model, method, *args, **kwargs)
        self.assertEqual(caught.exception.faultCode, RPC_FAULT_CODE_ACCESS_ERROR, login)

    def test_read_and_write_over_rpc(self):
        risk = self._assess_all()
        self.env.flush_all()
        for login in ("hcc_sm", "hcc_sm_south", "hcc_cm", "hcc_viewer"):
            rows = self._xmlrpc_as(
                login, "hcc.provider.risk", "read", [risk.id], ["level"]
            )
            self.assertEqual(rows[0]["level"], "green", login)
        for login in ("hcc_cm", "hcc_admin", "hcc_sm"):
            self._refused(
                login, "hcc.provider.risk", "write", [risk.id], {"level": "red"}
            )
            self._refused(login, "hcc.provider.risk", "unlink", [risk.id])
        self._refused("hcc_risk_portal", "hcc.provider.risk", "read", [risk.id])
        self._refused("hcc_legal", "hcc.provider.risk", "read", [risk.id])
        # the portal user's own organisation page carries no contract figure
        self._refused(
            "hcc_risk_portal",
            "res.partner",
            "read",
            [self.provider.id],
            ["hcc_live_contract_count"],
        )
