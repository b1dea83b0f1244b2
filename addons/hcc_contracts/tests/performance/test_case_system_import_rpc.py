"""The case-management system's feed over real HTTP, as the Contract Support
Officer's session calls it (issue 37): finite figures within bounds only, a
bad row is a row error while the other rows are saved, and no server error
or unparsable reply reaches the client."""

import json

from odoo.tests import HttpCase, tagged

from ..roles.call_kw import HccCallKwMixin
from .common_performance import HccPerformanceCase


@tagged("post_install", "-at_install", "hcc_rpc")
class TestCaseSystemImportRpc(HccCallKwMixin, HccPerformanceCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._active_contract(activity_source="case_system")

    def _row(self, month, **figures):
        start, end = {
            4: ("2026-04-01", "2026-04-30"),
            5: ("2026-05-01", "2026-05-31"),
            6: ("2026-06-01", "2026-06-30"),
            7: ("2026-07-01", "2026-07-31"),
            8: ("2026-08-01", "2026-08-31"),
        }[month]
        return {
            "contract_reference": self.contract.name,
            "date_from": start,
            "date_to": end,
            **figures,
        }

    def _import(self, rows):
        return self._call_kw(
            self.user_cso, "hcc.data.return", "import_case_system_activity", rows
        )

    def test_bad_figures_are_row_errors_and_good_rows_go_through(self):
        rows = [
            self._row(4, units_delivered=420, people_served=30),
            self._row(5, units_delivered=float("inf")),
            self._row(6, units_delivered="Infinity"),
            self._row(7, units_delivered="NaN"),
            self._row(8, units_delivered=400, people_served="1e10"),
        ]
        result = self._import(rows)
        self.assertEqual(len(result["imported"]), 1)
        self.assertEqual([r["row"] for r in result["refused"]], [2, 3, 4, 5])
        self.assertIn("out of range", result["refused"][3]["errors"][0])
        returns = self.env["hcc.data.return"].search(
            [("contract_id", "=", self.contract.id)]
        )
        self.assertEqual(returns.mapped("units_delivered"), [420.0])

    def test_lists_stay_valid_json(self):
        self._import(
            [
                self._row(4, units_delivered="Infinity"),
                self._row(5, units_delivered=300),
            ]
        )
        self.authenticate(self.user_cso.login, self.user_cso.login)
        response = self.url_open(
            "/web/dataset/call_kw",
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": "hcc.data.return",
                        "method": "search_read",
                        "args": [[("contract_id", "=", self.contract.id)]],
                        "kwargs": {"fields": ["units_delivered", "people_served"]},
                    },
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        # what a browser's JSON.parse accepts: no Infinity, no NaN
        reply = json.loads(response.text, parse_constant=self.fail)
        self.assertEqual([r["units_delivered"] for r in reply["result"]], [300.0])
