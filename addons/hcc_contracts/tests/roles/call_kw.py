"""Calls as the web client makes them: JSON-RPC on /web/dataset/call_kw in a
session of the role's user, through the test's HTTP server (an ``HttpCase``)."""

import json

from odoo.tests.common import JsonRpcException


class HccCallKwMixin:
    """Mixed into an ``HttpCase`` whose users were made by ``new_test_user``
    (the password is the login, padded to 8 characters)."""

    def _call_kw(self, user, model, method, *args, **kwargs):
        """Call ``model.method`` as ``user`` over /web/dataset/call_kw; a
        refusal raises ``JsonRpcException`` with the error's name and text."""
        login = user.login
        self.authenticate(login, login + "x" * (8 - len(login)))
        payload = {
            "id": 0,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        reply = response.json()
        if "error" in reply:
            data = reply["error"]["data"]
            raise JsonRpcException(
                reply["error"]["code"], f"{data['name']}: {data['message']}"
            )
        return reply["result"]

    def assertCallKwRefused(self, user, model, method, *args, **kwargs):
        """The call is refused with a user error (not a server error); return
        the error's name and text."""
        with self.assertRaises(JsonRpcException) as caught:
            self._call_kw(user, model, method, *args, **kwargs)
        text = str(caught.exception)
        self.assertTrue(
            text.startswith(
                ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError")
            ),
            text,
        )
        return text
