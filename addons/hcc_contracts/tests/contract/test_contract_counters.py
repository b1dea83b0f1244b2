from freezegun import freeze_time

from odoo.tests import tagged

from ..meetings.common_meetings import HccMeetingsCase


@tagged("post_install", "-at_install")
@freeze_time("2026-08-20")
class TestContractCounters(HccMeetingsCase):
    """The smart buttons of the contract form: stored counts of every feature,
    recomputed in one query when what they count changes."""

    def _counters(self, contract):
        names = sorted({counter[0] for counter in contract._get_contract_counters()})
        return {name: contract[name] for name in names}

    def _complaint(self, **vals):
        return self.env["hcc.contract.complaint"].create(
            {
                "contract_id": self.contract.id,
                "name": "Late pick-up",
                "date_received": "2026-07-01",
                **vals,
            }
        )

    def test_counts_of_each_feature(self):
        self._document(self._meeting("2026-05-01 10:00:00"), "2026-05-02 09:00:00")
        self._meeting("2026-09-01 10:00:00")
        self._action(date_due="2026-09-30")
        self._action(name="Staff training", date_due="2026-09-30").action_done()
        self._complaint()
        self._complaint(name="Answered", date_resolved="2026-07-10")
        self._complaint(name="Logged twice").action_archive()
        self.env["hcc.data.return"].create(
            {
                "contract_id": self.contract.id,
                "date_from": "2026-04-01",
                "date_to": "2026-04-30",
            }
        )
        other = self._create_contract()
        other.action_activate()
        self._meeting("2026-05-03 10:00:00", contract=other)

        counts = self._counters(self.contract.with_user(self.user_sm))
        self.assertEqual(counts["meeting_count"], 2)
        self.assertEqual(counts["open_action_count"], 1)
        self.assertEqual(counts["complaint_count"], 2, "archived ones are not shown")
        self.assertEqual(counts["complaint_open_count"], 1)
        self.assertEqual(counts["return_count"], 1)
        self.assertEqual(counts["return_late_count"], 1, "April's was due in May")
        self.assertEqual(counts["notice_count"], 0)
        self.assertEqual(counts["procurement_count"], 0)
        # four months in, one documented meeting and none expected yet (12.4)
        self.assertEqual(
            (
                self.contract.meetings_documented_12m,
                self.contract.meetings_expected_12m,
            ),
            (1, 0),
        )
        self.assertTrue(self.contract.standard_12_4_met)
        self.assertEqual(self._counters(other)["meeting_count"], 1)

    def test_counters_are_stored_and_kept_up_to_date(self):
        contract = self.contract.with_user(self.user_sm)
        self.env.invalidate_all()
        contract.mapped("name")
        with self.assertQueryCount(0):
            self._counters(contract)  # read with the contract, no query more
        action = self._action(date_due="2026-09-30")
        self.assertEqual(contract.open_action_count, 1)
        Contract = self.env["hcc.contract"].with_user(self.user_sm)
        self.assertEqual(Contract.search([("open_action_count", ">", 0)]), contract)
        action.with_user(self.user_sm).action_done()
        self.assertEqual(contract.open_action_count, 0)
        complaint = self._complaint()
        self.assertEqual(contract.complaint_open_count, 1)
        complaint.action_archive()
        self.assertEqual(
            (contract.complaint_count, contract.complaint_open_count), (0, 0)
        )
        complaint.action_unarchive()
        complaint.date_resolved = "2026-07-05"
        self.assertEqual(
            (contract.complaint_count, contract.complaint_open_count), (1, 0)
        )

    def test_counters_of_many_contracts_in_one_query(self):
        second, third = self._create_contract(), self._create_contract()
        contracts = self.contract | second | third
        for contract, meetings in ((self.contract, 1), (second, 2)):
            for day in range(meetings):
                self._meeting(f"2026-09-0{day + 1} 10:00:00", contract=contract)
        self.assertEqual(contracts.mapped("meeting_count"), [1, 2, 0])
        # as on an update of the addon: every counter of the three recomputed
        self.env.cr.execute(
            "UPDATE hcc_contract SET meeting_count = 0 WHERE id IN %s",
            [tuple(contracts.ids)],
        )
        contracts.invalidate_recordset(["meeting_count"])
        self.env.add_to_compute(contracts._fields["meeting_count"], contracts)
        with self.assertQueryCount(2):  # the counts, then their update
            contracts.flush_recordset()
        contracts.invalidate_recordset(["meeting_count"])
        self.assertEqual(contracts.mapped("meeting_count"), [1, 2, 0])

    def test_new_record_counts_nothing(self):
        contract = self.env["hcc.contract"].with_user(self.user_sm).new({})
        with self.assertQueryCount(0):
            counts = self._counters(contract)
        self.assertEqual(set(counts.values()), {0})
