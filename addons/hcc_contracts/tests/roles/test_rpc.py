import xmlrpc.client

from odoo.tests import HttpCase, tagged

from ..common import HccContractsCase
from .rpc_client import HccRpcClientMixin

# odoo/addons/base/controllers/rpc.py: an AccessError becomes this fault code
RPC_FAULT_CODE_ACCESS_ERROR = 4


@tagged("post_install", "-at_install", "hcc_rpc")
class TestRpcAccess(HccRpcClientMixin, HccContractsCase, HttpCase):
    """The record rules and field duties hold for external clients too: a
    Service Manager over XML-RPC and a read-only user over JSON-RPC. Needs an
    HTTP server: pytest-odoo with --odoo-http (as tests/run.sh does), or Odoo's
    runner: odoo-bin ... --test-tags hcc_rpc/hcc_contracts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.led = cls._create_contract()
        cls.south = cls._create_contract(
            locality_id=cls.locality_south.id,
            lead_officer_id=cls.user_sm_south.id,
            representative_id=cls.user_sm_south.id,
            support_officer_id=False,
        )

    # ------------------------------------------------------------------
    # XML-RPC as a Service Manager
    # ------------------------------------------------------------------
    def _xmlrpc(self, login, model, method, *args, **kwargs):
        return self._xmlrpc_as(login, model, method, *args, **kwargs)

    def _assert_xmlrpc_refused(self, *call):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc(*call)
        self.assertEqual(caught.exception.faultCode, RPC_FAULT_CODE_ACCESS_ERROR)
        return caught.exception.faultString

    def test_service_manager_over_xmlrpc(self):
        found = self._xmlrpc("hcc_sm", "hcc.contract", "search", [])
        self.assertEqual(found, self.led.ids)
        groups = self._xmlrpc(
            "hcc_sm",
            "hcc.contract",
            "read_group",
            [],
            ["annual_value:sum"],
            ["locality_id"],
            lazy=False,
        )
        self.assertEqual([g["__count"] for g in groups], [1])
        self._assert_xmlrpc_refused(
            "hcc_sm", "hcc.contract", "read", self.south.ids, ["title"]
        )
        self._assert_xmlrpc_refused(
            "hcc_sm", "hcc.contract", "write", self.south.ids, {"title": "Mine now"}
        )
        self.assertTrue(
            self._xmlrpc(
                "hcc_sm", "hcc.contract", "write", self.led.ids, {"title": "By RPC"}
            )
        )
        message = self._assert_xmlrpc_refused(
            "hcc_sm",
            "hcc.contract",
            "write",
            self.led.ids,
            {"locality_id": self.locality_south.id},
        )
        self.assertIn("Contract Support Officer", message)
        self._assert_xmlrpc_refused(
            "hcc_sm",
            "res.users",
            "write",
            self.user_sm.ids,
            {"hcc_locality_ids": [(4, self.locality_south.id)]},
        )
        # private methods (the batch creation of activities, in sudo(), among
        # them) are not callable
        with self.assertLogs("odoo.http", "WARNING"):
            self._assert_xmlrpc_refused("hcc_sm", "mail.activity", "_hcc_schedule", [])
        self.led.invalidate_recordset()
        self.south.invalidate_recordset()
        self.assertEqual(self.led.title, "By RPC")
        self.assertEqual(self.led.locality_id, self.locality_north)
        self.assertEqual(self.south.title, "Day care block contract")
        self.assertEqual(self.user_sm.hcc_locality_ids, self.locality_north)

    # ------------------------------------------------------------------
    # JSON-RPC as a read-only user
    # ------------------------------------------------------------------
    def _jsonrpc(self, login, model, method, *args, **kwargs):
        return self._jsonrpc_as(login, model, method, *args, **kwargs)

    def _assert_jsonrpc_refused(self, *call, **kwargs):
        reply = self._jsonrpc(*call, **kwargs)
        self.assertNotIn("result", reply)
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")

    def test_read_only_user_over_jsonrpc(self):
        reply = self._jsonrpc(
            "hcc_viewer",
            "hcc.contract",
            "search_read",
            [("id", "in", (self.led | self.south).ids)],
            ["title"],
            order="id",
        )
        self.assertEqual(
            [r["id"] for r in reply["result"]], (self.led | self.south).ids
        )
        self._assert_jsonrpc_refused(
            "hcc_viewer", "hcc.contract", "write", self.south.ids, {"title": "Audit"}
        )
        self._assert_jsonrpc_refused(
            "hcc_viewer", "hcc.contract", "create", self._contract_vals()
        )
        self._assert_jsonrpc_refused(
            "hcc_viewer", "hcc.contract", "message_post", self.south.ids, body="Hi"
        )
        self._assert_jsonrpc_refused(
            "hcc_viewer", "hcc.contract", "unlink", self.south.ids
        )
        self._assert_jsonrpc_refused(
            "hcc_viewer", "hcc.locality", "create", {"name": "Audit locality"}
        )
        self.south.invalidate_recordset()
        self.assertEqual(self.south.title, "Day care block contract")
        viewer = self.user_viewer
        self.assertFalse(
            self.env["hcc.contract"].search([("create_uid", "=", viewer.id)])
        )
        self.assertFalse(
            self.south.message_ids.filtered(lambda m: m.author_id == viewer.partner_id)
        )
        self.assertFalse(
            self.env["hcc.locality"].search([("name", "=", "Audit locality")])
        )
