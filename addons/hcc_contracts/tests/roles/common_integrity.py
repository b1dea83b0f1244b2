"""The integrity attack suite: every guarded field of every workflow model,
written over real XML-RPC by each role that may otherwise change the record.

A class sets ``INTEGRITY`` (model -> entry) and ``INTEGRITY_ADDON`` (the addon
whose workflow models it must cover), and calls ``_assert_integrity_complete``
and ``_assert_integrity``. An entry is ``{"record": method name, "roles":
(...)}``: the method, called with no argument, returns a record of the model
advanced along its workflow (so that its state and decisions are worth
forging); each role of ``roles`` tries to write every field the model guards
(``_get_hcc_action_fields``) and every field it never changes
(``_get_hcc_immutable_fields``); with ``"history": True``, each role also
tries to delete the record, which has a history and must stay. A workflow
model added without its entry fails ``_assert_integrity_complete``.
"""

import xmlrpc.client

from odoo.tests import HttpCase

from ..common import HccContractsCase
from .rpc_client import HccRpcClientMixin

# odoo/addons/base/controllers/rpc.py: how an exception reaches an RPC client
RPC_FAULT_CODES = {"access": 4, "user": 2}
FORGED_TEXT = "Forged over RPC"


class HccIntegrityCase(HccRpcClientMixin, HccContractsCase, HttpCase):
    """Shared by the attack suite of each addon (see ``test_integrity_rpc``)."""

    INTEGRITY = {}
    INTEGRITY_ADDON = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.logins = {
            "viewer": cls.user_viewer,
            "finance": cls.user_finance,
            "service_manager": cls.user_sm,
            "support_officer": cls.user_cso,
            "county_manager": cls.user_cm,
        }
        cls.contract = cls._create_contract()
        cls.contract.action_activate()

    # ------------------------------------------------------------------
    # RPC clients: XML-RPC and JSON-RPC, as external clients call Odoo
    # ------------------------------------------------------------------
    def _xmlrpc(self, role, model, method, *args, **kwargs):
        return self._xmlrpc_as(self.logins[role].login, model, method, *args, **kwargs)

    def _jsonrpc(self, role, model, method, *args, **kwargs):
        """Call over JSON-RPC; return the reply's ``result`` or ``error``."""
        return self._jsonrpc_as(self.logins[role].login, model, method, *args, **kwargs)

    def assertXmlrpcRefused(self, role, model, method, *args, kind="access", **kw):
        """The call is refused with the fault of ``kind`` ("access" for an
        AccessError, "user" for a UserError or ValidationError); return its
        message."""
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc(role, model, method, *args, **kw)
        self.assertEqual(
            caught.exception.faultCode,
            RPC_FAULT_CODES[kind],
            caught.exception.faultString,
        )
        return caught.exception.faultString

    def assertJsonrpcRefused(self, role, model, method, *args, **kwargs):
        reply = self._jsonrpc(role, model, method, *args, **kwargs)
        self.assertIn("error", reply, f"{model}.{method} was not refused: {reply}")
        return reply["error"]["data"]["message"]

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return record.sudo().read(sorted(names))

    # ------------------------------------------------------------------
    # The generic attack
    # ------------------------------------------------------------------
    def _forged_value(self, record, name):
        """A value of the field ``name`` other than the record's: what an
        attacker would write. None when the field cannot take another one."""
        field = record._fields[name]
        current = record[name]
        if field.type == "selection":
            keys = [
                key
                for key, _label in field._description_selection(self.env)
                if key != current
            ]
            return keys[0] if keys else None
        if field.type == "boolean":
            return not current
        if field.type == "date":
            return "2099-01-01"
        if field.type == "datetime":
            return "2099-01-01 10:00:00"
        if field.type in ("integer", "float", "monetary"):
            return (current or 0) + 99
        if field.type in ("char", "text", "html"):
            return FORGED_TEXT
        if field.type == "many2one":
            if field.comodel_name == "res.users":
                return self.user_viewer.id if current != self.user_viewer else None
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "not in", current.ids)], limit=1)
            )
            return other.id or None
        if field.type == "many2many" and field.comodel_name == "res.partner":
            return [(6, 0, self.user_viewer.partner_id.ids)]
        return None

    def _guarded_fields(self, model):
        Model = self.env[model]
        return Model._get_hcc_action_fields() | Model._get_hcc_immutable_fields()

    def _assert_integrity_complete(self):
        """Every workflow model of ``INTEGRITY_ADDON`` (a model that guards
        fields) has its entry, and every entry guards something."""
        models = self.env["ir.model"].search(
            [("model", "=like", "hcc.%"), ("transient", "=", False)]
        )
        guarded = {
            m.model
            for m in models
            if not self.env[m.model]._abstract
            and self.env[m.model]._original_module == self.INTEGRITY_ADDON
            and "_get_hcc_action_fields" in dir(self.env[m.model])
            and self._guarded_fields(m.model)
        }
        self.assertTrue(guarded, f"{self.INTEGRITY_ADDON} guards no model")
        self.assertLessEqual(guarded, set(self.INTEGRITY), "models missing")
        for model in self.INTEGRITY:
            self.assertTrue(self._guarded_fields(model), f"{model} guards nothing")

    def _assert_integrity(self):
        """Each role of each entry writes each guarded field over XML-RPC: the
        write is refused by the guard (its message, not a record rule) and the
        record is unchanged."""
        for model, entry in self.INTEGRITY.items():
            record = getattr(self, entry["record"])()
            self.assertEqual(record._name, model)
            for name in sorted(self._guarded_fields(model)):
                value = self._forged_value(record, name)
                if value is None:
                    continue
                before = self._snapshot(record, [name])
                for role in entry["roles"]:
                    with self.subTest(model=model, field=name, role=role):
                        message = self.assertXmlrpcRefused(
                            role,
                            model,
                            "write",
                            record.ids,
                            {name: value},
                            kind="user"
                            if name in self.env[model]._get_hcc_immutable_fields()
                            else "access",
                        )
                        # the guard's message (or that of the step that froze
                        # the field), not a record rule's
                        self.assertRegex(
                            message,
                            "cannot be written directly|cannot change once|"
                            "cannot be changed",
                        )
                        self.assertEqual(self._snapshot(record, [name]), before)
            for role in entry["roles"] if entry.get("history") else ():
                with self.subTest(model=model, unlink=True, role=role):
                    with self.assertRaises(xmlrpc.client.Fault) as caught:
                        self._xmlrpc(role, model, "unlink", record.ids)
                    self.assertIn(
                        caught.exception.faultCode, set(RPC_FAULT_CODES.values())
                    )
                    self.assertTrue(record.exists())
