import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.common import HccContractsCase


def location_body(overall, safe="Good"):
    """A location as the CQC public API returns it (the fields we read)."""
    questions = [
        {"name": "Safe", "rating": safe, "reportDate": "2026-05-01"},
        {"name": "Effective", "rating": "Good", "reportDate": "2026-05-01"},
        {"name": "Caring", "rating": "Outstanding", "reportDate": "2026-05-01"},
        {"name": "Responsive", "rating": "Good", "reportDate": "2026-05-01"},
        {"name": "Well-led", "rating": overall, "reportDate": "2026-05-01"},
    ]
    return {
        "locationId": "1-000000001",
        "name": "Test Provider Ltd, Basingstoke",
        "registrationStatus": "Registered",
        "currentRatings": {
            "overall": {
                "rating": overall,
                "reportDate": "2026-05-01",
                "reportLinkId": "abc",
                "keyQuestionRatings": questions,
            },
            "reportDate": "2026-05-01",
        },
    }


class FakeCqcHandler(BaseHTTPRequestHandler):
    """Answers like the CQC API; the test sets ``server.script`` to a list of
    (status, headers, body, delay) answers consumed in order."""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        server = self.server
        server.hits.append((self.path, self.headers.get("Ocp-Apim-Subscription-Key")))
        status, headers, body, delay = (
            server.script.pop(0) if server.script else (404, {}, b"", 0)
        )
        if delay:
            time.sleep(delay)
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            # the client gave up waiting (the timeout test): nothing to answer
            self.close_connection = True

    def log_message(self, *args):
        pass


class CqcServerCase(HccContractsCase):
    """A fake CQC API on the loopback interface, a provider location and an
    active contract of the provider whose RAG status counts the CQC."""

    rag_sources = ("cqc",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeCqcHandler)
        cls.server.script = []
        cls.server.hits = []
        cls.server.daemon_threads = True
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        params = cls.env["ir.config_parameter"]
        params.set_param(
            "hcc_contracts_cqc.api_url", f"http://127.0.0.1:{cls.server.server_port}"
        )
        params.set_param("hcc_contracts_cqc.subscription_key", "test-key")
        params.set_param("hcc_contracts_cqc.timeout", "0.5")
        cls.location = cls.env["res.partner"].create(
            {
                "name": "Basingstoke branch",
                "parent_id": cls.provider.id,
                "type": "other",
                "cqc_location_id": "1-000000001",
            }
        )
        cls.location.write(
            {
                "cqc_overall_rating": "good",
                "cqc_rating_date": "2025-01-10",
                "cqc_safe_rating": "good",
            }
        )
        with freeze_time("2026-04-01"):
            cls.contract = cls._create_contract()
            cls.contract.action_activate()

    def setUp(self):
        super().setUp()
        self.server.script[:] = []
        self.server.hits[:] = []

    def _answer(self, status=200, body=None, headers=None, delay=0):
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        self.server.script.append(
            (status, headers or {"Content-Type": "application/json"}, body, delay)
        )


@tagged("post_install", "-at_install")
class TestCqcSync(CqcServerCase):
    """The CQC client against a real HTTP server on the loopback interface."""

    def _assert_last_good_kept(self, error):
        self.assertEqual(self.location.cqc_overall_rating, "good")
        self.assertEqual(str(self.location.cqc_rating_date), "2025-01-10")
        self.assertEqual(self.location.cqc_safe_rating, "good")
        self.assertIn(error, self.location.cqc_sync_error)
        self.assertIn(error, self.location.message_ids[0].body)
        self.assertNotIn("CQC", self.contract.rag_reasons or "")

    @freeze_time("2026-06-01")
    def test_worse_rating_warns_lead_officer_and_turns_amber(self):
        self._answer(body=location_body("Requires improvement", safe="Inadequate"))
        self.env["res.partner"]._cron_cqc_sync()
        self.assertEqual(self.server.hits, [("/locations/1-000000001", "test-key")])
        self.assertEqual(self.location.cqc_overall_rating, "requires_improvement")
        self.assertEqual(str(self.location.cqc_rating_date), "2026-05-01")
        self.assertEqual(self.location.cqc_safe_rating, "inadequate")
        self.assertEqual(self.location.cqc_caring_rating, "outstanding")
        self.assertEqual(self.location.cqc_well_led_rating, "requires_improvement")
        self.assertFalse(self.location.cqc_sync_error)
        activity = self.contract.activity_ids.filtered(
            lambda a: a.activity_type_id.name == "CQC Rating Worse"
        )
        self.assertEqual(activity.user_id, self.user_sm)
        self.assertIn("Requires improvement", activity.summary)
        self.assertEqual(self.contract.rag_status, "amber")
        self.assertIn("Basingstoke branch", self.contract.rag_reasons)
        # a second run the same day asks nothing and changes nothing
        self.env["res.partner"]._cron_cqc_sync()
        self.assertEqual(len(self.server.hits), 1)
        self.assertEqual(self.contract.activity_ids, activity)

    @freeze_time("2026-06-01")
    def test_inadequate_is_red_and_better_rating_is_quiet(self):
        self._answer(body=location_body("Inadequate"))
        self.location._cqc_sync()
        self.assertEqual(self.contract.rag_status, "red")
        self._answer(body=location_body("Outstanding"))
        activities = self.contract.activity_ids
        self.location._cqc_sync()
        self.assertEqual(self.location.cqc_overall_rating, "outstanding")
        self.assertEqual(self.contract.activity_ids, activities)
        self.contract._update_rag()
        self.assertNotIn("CQC", self.contract.rag_reasons or "")

    def test_unknown_location(self):
        self._answer(status=404, body={"message": "Not found"})
        self.location._cqc_sync()
        self._assert_last_good_kept("does not know location")

    def test_timeout(self):
        # the client waits 0.5 s, but Odoo's test harness raises any request
        # timeout under 10 s to 10 s: the server answers after 10.5 s
        self._answer(body=location_body("Inadequate"), delay=10.5)
        self.location._cqc_sync()
        self.assertEqual(len(self.server.hits), 1, "a timeout is not retried")
        self._assert_last_good_kept("did not answer in time")

    def test_rate_limited_then_answers(self):
        self._answer(
            status=429, body={"message": "Rate limit"}, headers={"Retry-After": "0"}
        )
        self._answer(body=location_body("Good", safe="Requires improvement"))
        self.location._cqc_sync()
        self.assertEqual(len(self.server.hits), 2)
        self.assertEqual(self.location.cqc_overall_rating, "good")
        self.assertEqual(self.location.cqc_safe_rating, "requires_improvement")
        self.assertFalse(self.location.cqc_sync_error)

    def test_rate_limited_throughout(self):
        for _i in range(4):
            self._answer(status=429, body=b"", headers={"Retry-After": "0"})
        self.location._cqc_sync()
        self.assertEqual(len(self.server.hits), 4)
        self._assert_last_good_kept("still refusing requests (HTTP 429)")

    def test_malformed_body(self):
        self._answer(body=b'{"currentRatings": {"overall": ')
        self.location._cqc_sync()
        self._assert_last_good_kept("malformed JSON")

    def test_unexpected_shape(self):
        self._answer(body={"currentRatings": {"overall": {"keyQuestionRatings": 3}}})
        self.location._cqc_sync()
        self._assert_last_good_kept("Unexpected key questions")

    def test_manual_refresh_rights(self):
        with self.assertRaisesRegex(
            UserError, "“Contract Support Officer” may refresh CQC ratings"
        ):
            self.location.with_user(self.user_sm).action_cqc_sync()
        self.assertFalse(self.server.hits)
        no_id = self.env["res.partner"].create({"name": "Unregistered"})
        with self.assertRaisesRegex(UserError, "has no CQC location ID"):
            no_id.with_user(self.user_cso).action_cqc_sync()
        self._answer(body=location_body("Good"))
        self.location.with_user(self.user_cso).action_cqc_sync()
        self.assertEqual(len(self.server.hits), 1)

    def test_unrecognised_rating_keeps_the_last_good_one(self):
        self._answer(body=location_body("Exemplary"))
        self.location._cqc_sync()
        self._assert_last_good_kept("Unrecognised CQC rating 'Exemplary'")

    def test_not_rated_key_question_is_no_rating(self):
        self._answer(body=location_body("Good", safe="Not rated"))
        self.location._cqc_sync()
        self.assertEqual(self.location.cqc_overall_rating, "good")
        self.assertEqual(self.location.cqc_safe_rating, "not_rated")
        self.assertFalse(self.location.cqc_sync_error)

    def test_location_id_is_encoded_in_the_address(self):
        self.location.cqc_location_id = "1-000/../admin?x=1 #"
        self._answer(body=location_body("Good"))
        self.location._cqc_sync()
        self.assertEqual(
            self.server.hits,
            [("/locations/1-000%2F..%2Fadmin%3Fx%3D1%20%23", "test-key")],
        )
        self.assertFalse(self.location.cqc_sync_error)

    def test_plain_http_address_is_refused(self):
        self.env["ir.config_parameter"].set_param(
            "hcc_contracts_cqc.api_url", "http://api.service.cqc.org.uk/public/v1"
        )
        with self.assertLogs(
            "odoo.addons.hcc_contracts_cqc.models.res_partner", "WARNING"
        ):
            self.location._cqc_sync()
        self._assert_last_good_kept("is not an https address")
        settings = self.env["res.config.settings"].create(
            {"hcc_cqc_api_url": "http://api.service.cqc.org.uk/public/v1"}
        )
        with self.assertRaisesRegex(UserError, "must start with https://"):
            settings.execute()

    def test_timeout_setting_that_is_not_a_number(self):
        params = self.env["ir.config_parameter"]
        for value in ("ten", "-1", "nan"):
            params.set_param("hcc_contracts_cqc.timeout", value)
            with self.assertLogs(
                "odoo.addons.hcc_contracts_cqc.models.res_partner", "WARNING"
            ) as logs:
                client = self.location._cqc_client()
            self.assertEqual(client.timeout, 10.0)
            self.assertIn("not a positive number of seconds", logs.output[0])
        params.set_param("hcc_contracts_cqc.timeout", "ten")
        self._answer(body=location_body("Outstanding"))
        with (
            freeze_time("2026-06-01"),
            self.assertLogs(
                "odoo.addons.hcc_contracts_cqc.models.res_partner", "WARNING"
            ),
        ):
            self.env["res.partner"]._cron_cqc_sync()
        self.assertEqual(self.location.cqc_overall_rating, "outstanding")

    @freeze_time("2026-06-01")
    def test_cron_in_batches_resumes_where_it_stopped(self):
        others = self.env["res.partner"].create(
            [
                {
                    "name": f"Branch {i}",
                    "parent_id": self.provider.id,
                    "cqc_location_id": f"1-00000000{i + 2}",
                }
                for i in range(2)
            ]
        )
        locations = self.location | others
        self.env["ir.config_parameter"].set_param("hcc_contracts.cron_batch_size", "2")
        cron = self.env.ref("hcc_contracts_cqc.ir_cron_hcc_cqc_sync")
        for _i in range(3):
            self._answer(body=location_body("Good"))
        progress = []
        for _call in range(5):
            _cron, current = cron._add_progress()
            self.env["res.partner"].with_context(
                ir_cron_progress_id=current.id
            )._cron_cqc_sync()
            progress.append((current.done, current.remaining))
            if not current.remaining:
                break
        self.assertEqual(progress, [(2, 1), (1, 0)])
        self.assertEqual(
            sorted(path for path, _key in self.server.hits),
            sorted(f"/locations/{loc.cqc_location_id}" for loc in locations),
            "each location asked once",
        )
        self.assertEqual(set(locations.mapped("cqc_overall_rating")), {"good"})
