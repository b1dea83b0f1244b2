import json
import threading
from http.server import ThreadingHTTPServer

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import TransactionCase, tagged

from .test_cqc_sync import FakeCqcHandler, location_body

PARAMS = ("hcc_contracts_cqc.api_url", "hcc_contracts_cqc.timeout")


class WatchingCqcHandler(FakeCqcHandler):
    """Before answering, looks at the database connections: which ones have a
    transaction open while the API is being waited for."""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        server = self.server
        with sql_db.db_connect(server.dbname).cursor() as cr:
            cr.execute(
                """
                SELECT pid, state, query FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()
                   AND pid <> ALL(%s) AND state LIKE 'idle in transaction%%'
                """,
                [server.ignored_pids],
            )
            server.open_transactions.append(cr.fetchall())
        return super().do_GET()


@tagged("post_install", "-at_install")
class TestCqcSyncTransaction(TransactionCase):
    """The nightly sync as the scheduler runs it, on committed data in its own
    connection: no transaction is open, so no partner is locked, while the
    CQC API is being waited for."""

    def setUp(self):
        super().setUp()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), WatchingCqcHandler)
        self.server.script = []
        self.server.hits = []
        self.server.open_transactions = []
        self.server.dbname = self.env.cr.dbname
        self.server.ignored_pids = [self.env.cr._cnx.get_backend_pid()]
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.addCleanup(self.server.server_close)
        self.addCleanup(self.server.shutdown)

    def _committed(self, func):
        """Run ``func(env)`` in a new transaction, committed."""
        with self.registry.cursor() as cr:
            return func(api.Environment(cr, SUPERUSER_ID, {}))

    def _setup(self, env):
        params = env["ir.config_parameter"]
        old = {key: params.get_param(key) for key in PARAMS}
        params.set_param(
            "hcc_contracts_cqc.api_url", f"http://127.0.0.1:{self.server.server_port}"
        )
        params.set_param("hcc_contracts_cqc.timeout", "5")
        partner = env["res.partner"].create(
            {"name": "Committed test location", "cqc_location_id": "1-900000001"}
        )
        cron = env.ref("hcc_contracts_cqc.ir_cron_hcc_cqc_sync")
        job = {
            "id": cron.id,
            "cron_name": cron.cron_name,
            "ir_actions_server_id": cron.ir_actions_server_id.id,
            "user_id": cron.user_id.id,
            "lastcall": cron.lastcall,
            "timed_out_counter": 0,
        }
        return old, partner.id, job

    def _cleanup(self, env, old, partner_id):
        env["res.partner"].browse(partner_id).unlink()
        params = env["ir.config_parameter"]
        for key, value in old.items():
            params.set_param(key, value or False)

    def test_no_transaction_open_while_waiting_for_the_api(self):
        old, partner_id, job = self._committed(self._setup)
        self.addCleanup(
            self._committed, lambda env: self._cleanup(env, old, partner_id)
        )
        body = json.dumps(location_body("Good")).encode()
        self.server.script.append((200, {"Content-Type": "application/json"}, body, 0))
        errors = []

        def run_job():
            # a thread of its own, as a cron worker: not marked as a test
            try:
                self.registry["ir.cron"]._run_job(job)
            except Exception as exc:  # noqa: BLE001 (reported below)
                errors.append(exc)

        worker = threading.Thread(target=run_job)
        worker.start()
        worker.join(60)
        self.assertFalse(errors)
        self.assertEqual(self.server.hits, [("/locations/1-900000001", None)])
        self.assertEqual(self.server.open_transactions, [[]])
        rating = self._committed(
            lambda env: env["res.partner"].browse(partner_id).cqc_overall_rating
        )
        self.assertEqual(rating, "good")
