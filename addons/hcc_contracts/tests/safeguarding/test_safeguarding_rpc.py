import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged

from ..roles.rpc_client import HccRpcClientMixin
from .common_safeguarding import HccSafeguardingCase

# odoo/addons/base/controllers/rpc.py: an AccessError becomes this fault code
RPC_FAULT_CODE_ACCESS_ERROR = 4


@tagged("post_install", "-at_install", "hcc_rpc")
class TestSafeguardingRpc(HccRpcClientMixin, HccSafeguardingCase, HttpCase):
    """Who reaches safeguarding concerns, as an external client would: only
    the group "Safeguarding" and the County Manager (Contracts). Needs an HTTP
    server (pytest-odoo with --odoo-http)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal = cls._create_provider_portal_user("hcc_sg_portal")
        cls.user_sg_only = new_test_user(
            cls.env,
            login="hcc_sg_only",
            groups="base.group_user,hcc_contracts.group_safeguarding",
            name="Safeguarding Team",
        )
        cls.south = cls._create_contract(
            locality_id=cls.locality_south.id,
            lead_officer_id=cls.user_sm_south.id,
            representative_id=cls.user_sm_south.id,
            support_officer_id=False,
        )
        cls.south.action_activate()

    def _refused(self, login, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault, msg=login) as caught:
            self._xmlrpc_as(login, model, method, *args, **kwargs)
        self.assertEqual(caught.exception.faultCode, RPC_FAULT_CODE_ACCESS_ERROR, login)

    def test_roles_without_the_group_see_nothing(self):
        concern = self._concern(level="high")
        south = self._concern(
            user=self.user_cm, contract_id=self.south.id, case_reference="SG-S1"
        )
        Model = "hcc.safeguarding.concern"
        # a Service Manager of the contract's locality and of another one, a
        # CSO without the group, Finance, Read-only, Legal and the provider
        for login in (
            "hcc_sm",
            "hcc_sm_south",
            "hcc_cso",
            "hcc_finance",
            "hcc_viewer",
            "hcc_legal",
            "hcc_sg_portal",
        ):
            self._refused(login, Model, "search_count", [])
            self._refused(login, Model, "read", (concern | south).ids, ["summary"])
            self._refused(
                login,
                Model,
                "read_group",
                [],
                ["level"],
                ["contract_id"],
            )
            self._refused(
                login,
                Model,
                "create",
                {"contract_id": self.south.id, "case_reference": "SG-X"},
            )
            self._refused(login, Model, "write", concern.ids, {"summary": "Seen"})
            self._refused(login, Model, "action_start_enquiry", concern.ids)
        # the contract's status says only that concerns are open, to its readers
        for login in ("hcc_sm", "hcc_cso", "hcc_viewer"):
            [read] = self._xmlrpc_as(
                login, "hcc.contract", "read", self.contract.ids, ["rag_reasons"]
            )
            self.assertEqual(read["rag_reasons"], "1 open safeguarding concern(s).")
        self.assertEqual(self.contract.rag_status, "red")

    def test_safeguarding_group_and_county_manager_manage_concerns(self):
        south = self._concern(
            user=self.user_cm, contract_id=self.south.id, case_reference="SG-S1"
        )
        Model = "hcc.safeguarding.concern"
        new_id = self._xmlrpc_as(
            "hcc_sg",
            Model,
            "create",
            {"contract_id": self.contract.id, "case_reference": "SG-RPC"},
        )
        concern = self.env[Model].browse(new_id)
        self.assertEqual(concern.recorded_by_id, self.user_safeguarding)
        # every contract's concerns, beyond the officer's localities
        self.assertEqual(
            sorted(self._xmlrpc_as("hcc_sg", Model, "search", [])),
            sorted([new_id, south.id]),
        )
        self.assertEqual(
            sorted(self._xmlrpc_as("hcc_cm", Model, "search", [])),
            sorted([new_id, south.id]),
        )
        self.assertEqual(self._xmlrpc_as("hcc_sg_only", Model, "search_count", []), 2)
        # the record is the system's: no other recorder, no state by hand
        self._refused(
            "hcc_sg",
            Model,
            "create",
            {
                "contract_id": self.contract.id,
                "case_reference": "SG-FORGED",
                "recorded_by_id": self.user_cm.id,
            },
        )
        self._refused(
            "hcc_sg",
            Model,
            "create",
            {
                "contract_id": self.contract.id,
                "case_reference": "SG-FORGED",
                "state": "closed",
            },
        )
        self.assertFalse(self.env[Model].search([("case_reference", "=", "SG-FORGED")]))
        self._xmlrpc_as("hcc_cm", Model, "action_start_enquiry", [new_id])
        self._xmlrpc_as("hcc_sg", Model, "write", [new_id], {"outcome": "inconclusive"})
        self._xmlrpc_as("hcc_sg", Model, "action_close", [new_id])
        self.assertEqual(concern.state, "closed")
        with self.assertRaises(xmlrpc.client.Fault):
            self._xmlrpc_as("hcc_cm", Model, "unlink", [new_id])
        with self.assertRaises(xmlrpc.client.Fault):
            self._xmlrpc_as("hcc_cm", Model, "write", [new_id], {"summary": "Late"})
        self.assertTrue(concern.exists())
