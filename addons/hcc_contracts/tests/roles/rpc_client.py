"""External clients for the tests of access: XML-RPC and JSON-RPC calls as a
given login, through the test's HTTP server (an ``HttpCase``)."""

import json


class HccRpcClientMixin:
    """Mixed into an ``HttpCase``: call Odoo as an external client would."""

    def setUp(self):
        super().setUp()
        self.db = self.env.cr.dbname
        self._rpc_uids = {}

    @staticmethod
    def _password(login):
        """The password new_test_user gives: the login, padded to 8 characters."""
        return login + "x" * (8 - len(login))

    def _rpc_uid(self, login):
        if login not in self._rpc_uids:
            self._rpc_uids[login] = self.xmlrpc_common.authenticate(
                self.db, login, self._password(login), {}
            )
            self.assertTrue(self._rpc_uids[login], f"{login} could not log in")
        return self._rpc_uids[login]

    def _execute_kw_args(self, login, model, method, args, kwargs):
        """The arguments of ``object.execute_kw`` for a call as ``login``."""
        uid, password = self._rpc_uid(login), self._password(login)
        return [self.db, uid, password, model, method, list(args), kwargs]

    def _xmlrpc_as(self, login, model, method, *args, **kwargs):
        """``execute_kw`` over XML-RPC; a refusal raises ``xmlrpc.client.Fault``."""
        return self.xmlrpc_object.execute_kw(
            *self._execute_kw_args(login, model, method, args, kwargs)
        )

    def _jsonrpc_as(self, login, model, method, *args, **kwargs):
        """``execute_kw`` over JSON-RPC; return the reply, with its ``result``
        or its ``error``."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": self._execute_kw_args(login, model, method, args, kwargs),
            },
        }
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()
