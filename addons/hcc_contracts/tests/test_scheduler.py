from odoo.tests import tagged

from .common import HccContractsCase


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
        scheduler = self.env["hcc.scheduler"]
        created = scheduler._schedule_activities([request, dict(request)])
        self.assertEqual(len(created), 1)
        self.assertEqual(created.user_id, self.user_sm)
        self.assertEqual(str(created.date_deadline), "2027-01-31")
        self.assertFalse(scheduler._schedule_activities([request]))
        other_user = dict(request, user=self.user_cso)
        self.assertEqual(len(scheduler._schedule_activities([other_user])), 1)
        self.assertEqual(len(contract.activity_ids), 2)

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
            self.env["hcc.scheduler"]._escalation_users(contract),
            [self.user_sm, self.user_cso, self.user_cm],
        )
