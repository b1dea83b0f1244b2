import xmlrpc.client

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..common import HccContractsCase
from ..roles.rpc_client import HccRpcClientMixin

CONTINGENCY = "hcc_contracts.mail_activity_type_provider_failure_contingency"
# odoo/addons/base/controllers/rpc.py: an AccessError becomes this fault code
RPC_FAULT_CODE_ACCESS_ERROR = 4


class HccProviderFailureCase(HccContractsCase):
    """Two live contracts of the test's provider (north, led by the Service
    Manager; south, led by the Service Manager of the south) and a draft."""

    rag_sources = ("provider_failure",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm
        with freeze_time("2026-04-01"):
            cls.north = cls._create_contract()
            cls.south = cls._create_contract(
                locality_id=cls.locality_south.id,
                lead_officer_id=cls.user_sm_south.id,
                representative_id=cls.user_sm_south.id,
                support_officer_id=False,
            )
            (cls.north | cls.south).action_activate()
            cls.draft = cls._create_contract(title="Not yet live")

    def _failure(self, user=None, **vals):
        env = self.env(user=user or self.user_cm)
        return env["hcc.provider.failure"].create(
            {
                "partner_id": self.provider.id,
                "date_failure": "2026-06-01",
                "cause": "Administration: the provider's lender withdrew.",
                "people_affected": 42,
                **vals,
            }
        )

    def _tasks(self, contracts):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hcc.contract"),
                ("res_id", "in", contracts.ids),
                ("activity_type_id", "=", self.env.ref(CONTINGENCY).id),
            ]
        )


@tagged("post_install", "-at_install")
class TestProviderFailure(HccProviderFailureCase):
    def test_declare_puts_contracts_under_watch_and_opens_tasks(self):
        with freeze_time("2026-06-02"):
            failure = self._failure()
            # the provider's live contracts by default
            self.assertEqual(failure.contract_ids, self.north | self.south)
            self.assertFalse(self.north.hcc_under_watch)
            self.assertEqual(self.north.rag_status, "green")
            failure.action_declare()
            self.assertEqual(failure.state, "declared")
            self.assertEqual(failure.declared_by_id, self.user_cm)
            self.assertTrue(self.north.hcc_under_watch)
            self.assertTrue(self.south.hcc_under_watch)
            self.assertFalse(self.draft.hcc_under_watch)
            self.assertEqual(self.north.rag_status, "red")
            self.assertIn("Under watch", self.north.rag_reasons)
            tasks = self._tasks(self.north | self.south)
            self.assertEqual(
                {(t.res_id, t.user_id) for t in tasks},
                {(self.north.id, self.user_sm), (self.south.id, self.user_sm_south)},
            )
            # the provider's page shows it, to a reader of its contracts
            partner = self.provider.with_user(self.user_sm)
            self.assertEqual(partner.hcc_open_failure_count, 1)
            self.assertEqual(partner.hcc_open_failure_ids, failure)
            with self.assertRaises(UserError):
                failure.action_declare()
            # what is known grows; the rest is frozen
            failure.write({"people_affected": 45, "note": "Two homes transferred."})
            with self.assertRaises(UserError):
                failure.write({"cause": "Rewritten"})
            with self.assertRaises(UserError):
                failure.write({"contract_ids": [(3, self.south.id)]})

    def test_close_lifts_the_watch_not_held_by_another(self):
        with freeze_time("2026-06-02"):
            first = self._failure()
            first.action_declare()
            second = self._failure(contract_ids=[(6, 0, self.north.ids)])
            second.action_declare()
            first.action_close()
            self.assertEqual(first.state, "closed")
            self.assertEqual(first.closed_by_id, self.user_cm)
            self.assertFalse(self.south.hcc_under_watch)
            self.assertEqual(self.south.rag_status, "green")
            self.assertTrue(self.north.hcc_under_watch)
            second.action_close()
            self.assertFalse(self.north.hcc_under_watch)
            self.assertEqual(self.north.rag_status, "green")
            self.assertEqual(
                self.provider.with_user(self.user_cm).hcc_open_failure_count, 0
            )

    def test_declaring_needs_contracts_of_the_provider(self):
        other = self.env["res.partner"].create({"name": "Test Other Provider"})
        with freeze_time("2026-06-02"):
            failure = self._failure(partner_id=other.id)
            self.assertFalse(failure.contract_ids)
            with self.assertRaises(UserError):
                failure.action_declare()
            with self.assertRaises(UserError):
                failure.write({"contract_ids": [(6, 0, self.north.ids)]})

    def test_risk_turns_red(self):
        Risk = self.env["hcc.provider.risk"]
        with freeze_time("2026-06-02"):
            Risk._ensure_for_live_providers()
            risk = Risk.search([("partner_id", "=", self.provider.id)])
            failure = self._failure()
            failure.action_declare()
            risk._assess()
            self.assertEqual(risk.level, "red")
            self.assertIn("Provider failure declared: 1", risk.reasons)
            failure.action_close()
            risk._assess()
            self.assertEqual(risk.level, "green")

    def test_never_deleted_and_roles_orm(self):
        with freeze_time("2026-06-02"):
            failure = self._failure()
            for user in (
                self.user_sm,
                self.user_cso,
                self.user_viewer,
                self.user_finance,
            ):
                with self.assertRaises(AccessError):
                    self._failure(user=user)
                with self.assertRaises(AccessError):
                    failure.with_user(user).action_declare()
            with self.assertRaises(UserError):
                failure.with_user(self.user_cm).unlink()
            failure.action_declare()
            with self.assertRaises(UserError):
                failure.unlink()
            # a Service Manager of the south reads it (a contract of theirs);
            # one of another provider's contracts only does not
            self.assertEqual(
                self.env["hcc.provider.failure"]
                .with_user(self.user_sm_south)
                .search([]),
                failure,
            )


@tagged("post_install", "-at_install", "hcc_rpc")
class TestProviderFailureRpc(HccRpcClientMixin, HccProviderFailureCase, HttpCase):
    """Only the County Manager records, declares and closes a failure, over
    RPC as in the web client. Needs an HTTP server (--odoo-http)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal = cls._create_provider_portal_user("hcc_failure_portal")

    def _refused(self, login, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault, msg=login) as caught:
            self._xmlrpc_as(login, model, method, *args, **kwargs)
        self.assertEqual(caught.exception.faultCode, RPC_FAULT_CODE_ACCESS_ERROR, login)

    def test_county_manager_declares_over_rpc(self):
        [failure_id] = self._xmlrpc_as(
            "hcc_cm",
            "hcc.provider.failure",
            "create",
            [
                {
                    "partner_id": self.provider.id,
                    "date_failure": "2026-06-01",
                    "cause": "Administration.",
                    "people_affected": 12,
                }
            ],
        )
        failure = self.env["hcc.provider.failure"].browse(failure_id)
        self._xmlrpc_as(
            "hcc_cm", "hcc.provider.failure", "action_declare", [failure_id]
        )
        failure.invalidate_recordset()
        self.assertEqual(failure.state, "declared")
        self.north.invalidate_recordset()
        self.assertTrue(self.north.hcc_under_watch)

    def test_other_roles_are_refused_over_rpc(self):
        failure = self._failure()
        Model = "hcc.provider.failure"
        vals = {
            "partner_id": self.provider.id,
            "date_failure": "2026-06-01",
            "cause": "Forged",
        }
        for login in ("hcc_sm", "hcc_cso", "hcc_viewer", "hcc_failure_portal"):
            self._refused(login, Model, "create", [vals])
            self._refused(login, Model, "action_declare", [failure.id])
            self._refused(login, Model, "write", [failure.id], {"people_affected": 1})
            # nor is a contract put under watch by hand
            self._refused(
                login,
                "hcc.contract",
                "write",
                [self.north.id],
                {"hcc_under_watch": True},
            )
        # the provider on the portal reads nothing of it
        self._refused("hcc_failure_portal", Model, "search_count", [])
        self._refused("hcc_failure_portal", Model, "read", [failure.id], ["cause"])
        failure.invalidate_recordset()
        self.assertEqual(failure.state, "draft")
        self.assertEqual(failure.people_affected, 42)
        self.north.invalidate_recordset()
        self.assertFalse(self.north.hcc_under_watch)
