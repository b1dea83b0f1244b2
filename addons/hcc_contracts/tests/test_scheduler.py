from freezegun import freeze_time
from psycopg2 import errors as pg_errors

from odoo.tests import tagged

from .common import HccContractsCase


class KilledError(Exception):
    """Stands for a worker killed at its time limit in the middle of a call."""


@tagged("post_install", "-at_install")
class TestScheduler(HccContractsCase):
    """The shared machinery of the scheduled actions."""

    def test_activities_are_not_duplicated(self):
        contract = self._create_contract()
        todo = self.env.ref("mail.mail_activity_data_todo")
        request = {
            "record": contract,
            "activity_type": todo,
            "user": self.user_sm,
            "summary": "Check the contract",
            "date_deadline": "2027-01-31",
        }
        Activity = self.env["mail.activity"]
        created = Activity._hcc_schedule([request, dict(request)])
        self.assertEqual(len(created), 1)
        self.assertEqual(created.user_id, self.user_sm)
        self.assertEqual(str(created.date_deadline), "2027-01-31")
        self.assertTrue(created.automated, "closed by activity_feedback")
        self.assertFalse(Activity._hcc_schedule([request]))
        other_user = dict(request, user=self.user_cso)
        self.assertEqual(len(Activity._hcc_schedule([other_user])), 1)
        self.assertEqual(len(contract.activity_ids), 2)
        contract.activity_feedback([todo.get_external_id()[todo.id]])
        self.assertFalse(contract.activity_ids, "both marked done")

    def _notifications(self, user):
        return self.env["mail.message"].search(
            [
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", user.partner_id.ids),
            ]
        )

    def test_assignees_hear_once_per_transaction(self):
        """Activities scheduled in one transaction reach each assignee in one
        message: Odoo's own for a single activity, a list for several."""
        contracts = self.env["hcc.contract"].create(
            [self._contract_vals(title=f"Contract {i}") for i in range(3)]
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        before_sm = self._notifications(self.user_sm)
        before_cso = self._notifications(self.user_cso)
        Activity = self.env["mail.activity"]
        for contract in contracts:
            Activity._hcc_schedule(
                [
                    {
                        "record": contract,
                        "activity_type": todo,
                        "user": self.user_sm,
                        "summary": f"Check {contract.name}",
                    }
                ]
            )
        Activity._hcc_schedule(
            [
                {
                    "record": contracts[0],
                    "activity_type": todo,
                    "user": self.user_cso,
                    "summary": "Check the budget",
                }
            ]
        )
        self.assertEqual(self._notifications(self.user_sm), before_sm, "not yet")
        self.env.cr.flush()  # the end of the transaction
        listed = self._notifications(self.user_sm) - before_sm
        self.assertEqual(len(listed), 1)
        self.assertIn("3 new activities", listed.subject)
        for contract in contracts:
            self.assertIn(f"Check {contract.name}", listed.body)
            self.assertIn(f"res_id={contract.id}", listed.body)
        single = self._notifications(self.user_cso) - before_cso
        self.assertEqual(len(single), 1)
        self.assertIn("Check the budget", single.subject)
        self.assertIn("assigned to you", single.subject)

    def test_one_failing_record_does_not_stop_the_rest(self):
        contracts = (
            self._create_contract() | self._create_contract() | self._create_contract()
        )
        bad = contracts[1]

        def callback(batch):
            batch.title = "Processed"
            if bad in batch:
                raise ValueError("broken data")

        with self.assertLogs("odoo.addons.hcc_contracts.models.hcc_scheduler", "ERROR"):
            done = self.env["hcc.scheduler"]._run_batched(
                contracts, callback, batch_size=2
            )
        self.assertEqual(done, contracts - bad)
        self.assertEqual((contracts - bad).mapped("title"), ["Processed", "Processed"])
        bad.invalidate_recordset()
        self.assertEqual(bad.title, "Day care block contract", "rolled back")

    def test_escalation_order(self):
        self.company.hcc_county_manager_id = self.user_cm
        contract = self._create_contract()
        self.assertEqual(
            contract._hcc_escalation_users(),
            [self.user_sm, self.user_cso, self.user_cm],
        )

    # ------------------------------------------------------------------
    # Runs in batches, as the scheduler calls them
    # ------------------------------------------------------------------
    def _call(self, cron):
        """One call of the cron as ``ir.cron._run_job`` makes it: a progress
        record in the context, the server action's code run once."""
        _cron, progress = cron._add_progress()
        model = self.env[cron.model_id.model].with_context(
            ir_cron_progress_id=progress.id
        )
        method = cron.code.strip().removeprefix("model.").removesuffix("()")
        getattr(model, method)()
        return progress

    def _run(self, cron, max_calls=20):
        """Call the cron until it reports nothing remaining, as the scheduler
        does; the number of calls made."""
        for calls in range(1, max_calls + 1):
            if not self._call(cron).remaining:
                return calls
        self.fail(f"{cron.name} still had work after {max_calls} calls")

    def _late_activities(self, returns):
        late_type = self.env.ref("hcc_contracts.mail_activity_type_data_return_late")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hcc.data.return"),
                ("res_id", "in", returns.ids),
                ("activity_type_id", "=", late_type.id),
            ]
        )

    def test_cron_stopped_after_a_batch_resumes_without_duplicates(self):
        cron = self.env.ref("hcc_contracts.ir_cron_hcc_contract_data_returns")
        with freeze_time("2026-03-20"):
            contracts = self.env["hcc.contract"].create(
                [self._contract_vals(title=f"Contract {i}") for i in range(5)]
            )
            contracts.action_activate()
        with freeze_time("2026-05-10"):
            self.assertEqual(self._run(cron), 1, "50 a batch: one call")
        Return = self.env["hcc.data.return"]
        domain = [("contract_id", "in", contracts.ids)]
        self.assertEqual(Return.search_count(domain), 10, "April and May")
        self.env["ir.config_parameter"].set_param("hcc_contracts.cron_batch_size", "2")
        with freeze_time("2026-07-15"):
            # the first call does one batch of each step, and says what is left
            first = self._call(cron)
            self.assertEqual(first.done, 4)
            self.assertEqual(first.remaining, 3 + 8, "contracts, late returns")
            self.assertEqual(Return.search_count(domain), 10 + 2 * 2)
            self.assertEqual(len(self._late_activities(Return.search(domain))), 2)
            # the next call is stopped at its time limit: all it did is undone
            with self.assertRaises(KilledError), self.env.cr.savepoint():
                self._call(cron)
                raise KilledError
            self.env.invalidate_all()
            # the next run carries on after the first batch and finishes
            self.assertEqual(self._run(cron), 4, "8 late returns left, 2 a call")
            returns = Return.search(domain)
            self.assertEqual(len(returns), 5 * 4, "April to July, once each")
            for contract in contracts:
                periods = returns.filtered(lambda r, c=contract: r.contract_id == c)
                self.assertEqual(len(set(periods.mapped("date_from"))), 4)
            late = returns.filtered("is_late")
            self.assertEqual(len(late), 5 * 2, "April and May are late")
            activities = self._late_activities(returns)
            self.assertEqual(sorted(activities.mapped("res_id")), sorted(late.ids))
            # a new run the same day finds nothing to do
            again = self._call(cron)
            self.assertEqual((again.done, again.remaining), (0, 0))
            self.assertEqual(len(Return.search(domain)), 20)

    def test_batch_size_setting_tolerates_nonsense(self):
        params = self.env["ir.config_parameter"]
        scheduler = self.env["hcc.scheduler"]
        params.set_param("hcc_contracts.cron_batch_size", "50")
        self.assertEqual(scheduler._cron_batch_size(), 50)
        for value in ("fifty", "-3"):
            params.set_param("hcc_contracts.cron_batch_size", value)
            with self.assertLogs(
                "odoo.addons.hcc_contracts.models.hcc_scheduler", "WARNING"
            ):
                self.assertEqual(scheduler._cron_batch_size(), 500, "the default")

    def test_concurrency_error_is_not_swallowed(self):
        """A record that lost a race is not logged and skipped like broken
        data: the error goes up, for the whole call to be run again."""
        contracts = self._create_contract() | self._create_contract()
        lock_sql = (
            "SELECT id FROM ir_module_module WHERE name = 'base' "
            "FOR NO KEY UPDATE NOWAIT"
        )

        def callback(batch):
            batch.title = "Processed"
            self.env.flush_all()
            self.env.cr.execute(lock_sql)

        with self.registry.cursor() as other:
            other.execute(lock_sql)  # another transaction holds the row
            with self.assertRaises(pg_errors.LockNotAvailable):
                self.env["hcc.scheduler"]._run_batched(contracts, callback)
            other.rollback()
        contracts.invalidate_recordset()
        self.assertEqual(
            contracts.mapped("title"), ["Day care block contract"] * 2, "undone"
        )
