"""The attacks on the contract file and the chatter are made as the web
client makes its calls: JSON-RPC in a session of the role's user, through the
test's HTTP server (``/web/dataset/call_kw`` and the chatter's own routes)."""

import json

from odoo.tests import HttpCase, new_test_user

from ..notices.common_notices import HccNoticesCase


class HccDocumentsHttpCase(HccNoticesCase, HttpCase):
    """Adds a provider's portal user, a Settings administrator, and JSON-RPC
    calls as any of the users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal = cls._create_provider_portal_user("hcc_provider")
        cls.user_system = new_test_user(
            cls.env,
            login="hcc_system",
            groups="base.group_user,base.group_system",
            name="Settings Administrator",
        )

    def setUp(self):
        super().setUp()
        self._session_login = None

    def _json(self, user, route, params):
        """POST a JSON-RPC call to ``route`` in a session of ``user``; return
        the reply (its ``result`` or its ``error``)."""
        if self._session_login != user.login:
            self.authenticate(user.login, user.login + "x" * (8 - len(user.login)))
            self._session_login = user.login
        payload = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        response = self.url_open(
            route,
            json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _call_kw(self, user, model, method, *args, **kwargs):
        """``model.method`` as the web client calls it; return its result."""
        reply = self._json(
            user,
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )
        self.assertNotIn("error", reply, reply.get("error"))
        return reply.get("result")

    def assertRefused(self, text, user, route_or_model, method=None, *args, **kw):
        """The call is refused with a message containing ``text``; ``method``
        None posts ``kw`` to the route ``route_or_model``."""
        if method is None:
            reply = self._json(user, route_or_model, kw)
        else:
            reply = self._json(
                user,
                f"/web/dataset/call_kw/{route_or_model}/{method}",
                {
                    "model": route_or_model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kw,
                },
            )
        self.assertIn("error", reply, f"not refused: {reply.get('result')}")
        self.assertIn(text, reply["error"]["data"]["message"])
        return reply["error"]["data"]["message"]
