from freezegun import freeze_time

from odoo.tests import tagged

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractRag(HccContractsCase):
    def _count_queries(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_ended_contract_returns_to_green(self):
        contract = self._create_contract()
        contract.write({"rag_status": "red", "rag_reasons": "Old evidence"})
        contract.state = "terminated"
        self.env["hcc.contract"]._cron_update_rag()
        self.assertEqual(contract.rag_status, "green")
        self.assertFalse(contract.rag_reasons)

    @freeze_time("2026-03-15")  # before the start: nothing is due yet
    def test_cron_twice_changes_nothing_and_costs_the_same_at_any_size(self):
        """Every feature adds its evidence with one query for all contracts:
        the second run writes nothing, and 20 contracts cost the queries of 2."""
        few = self._create_contract() | self._create_contract()
        few.action_activate()
        cron = self.env["hcc.contract"]._cron_update_rag
        cron()
        stamps = few.mapped("write_date")
        queries_few = self._count_queries(cron)
        self.assertEqual(few.mapped("write_date"), stamps, "nothing written")
        self.assertEqual(set(few.mapped("rag_status")), {"green"})

        many = self.env["hcc.contract"]
        for _i in range(18):
            many |= self._create_contract()
        many.action_activate()
        cron()
        queries_many = self._count_queries(cron)
        self.assertEqual(queries_many, queries_few)

    def test_daily_refresh_reads_only_contracts_whose_date_has_come(self):
        contract = self._create_contract()  # runs from 1 April 2026
        contract.action_activate()
        Contract = self.env["hcc.contract"]
        due_today = [("id", "=", contract.id), ("rag_recheck_date", "<=", "2026-03-31")]
        with freeze_time("2026-03-15"):
            Contract._cron_update_rag()
            # the budget of the new financial year counts from 1 April; the
            # first meeting (1 July) and the review come later
            self.assertEqual(str(contract.rag_recheck_date), "2026-04-01")
        with freeze_time("2026-03-31"):
            self.assertFalse(Contract.search(due_today))
            stamp = contract.write_date
            Contract._cron_update_rag()
            self.assertEqual(contract.write_date, stamp, "not written")
        with freeze_time("2026-04-01"):
            Contract._cron_update_rag()
            self.assertEqual(str(contract.rag_recheck_date), "2026-04-29")
        with freeze_time("2026-04-29"):
            Contract._cron_update_rag()
            # four weeks on at the latest: the first meeting (1 July) is later
            self.assertEqual(str(contract.rag_recheck_date), "2026-05-27")

    def test_chatter_says_why_the_status_changed_and_only_when_it_did(self):
        contract = self._create_contract()
        contract.action_activate()
        self.flush_tracking()
        with freeze_time("2026-07-05"):  # the first meeting was due on 1 July
            contract._update_rag()
            self.flush_tracking()
        self.assertEqual(contract.rag_status, "amber")
        flip = contract.sudo().message_ids.filtered(
            lambda m: "rag_status" in m.tracking_value_ids.field_id.mapped("name")
        )
        self.assertEqual(len(flip), 1)
        tracked = {
            value.field_id.name: value.new_value_char or value.new_value_text
            for value in flip.tracking_value_ids
        }
        self.assertEqual(tracked["rag_status"], "Amber")
        self.assertIn("A monitoring meeting was due on", tracked["rag_reasons"])
        self.assertEqual(flip.author_id, self.env.ref("base.partner_root"))
        # another reason, the same status: nothing more in the chatter
        with freeze_time("2026-07-06"):
            self.env["hcc.contract.action"].create(
                {
                    "contract_id": contract.id,
                    "name": "Rota gaps on Saturdays",
                    "user_id": self.user_sm.id,
                    "date_notified": "2026-06-20",
                    "date_due": "2026-07-01",
                }
            )
            self.env.flush_all()
            self.env["hcc.contract.action"]._cron_flag_overdue()
            self.flush_tracking()
            messages = contract.message_ids
            contract._update_rag()
            self.flush_tracking()
        self.assertEqual(contract.rag_status, "amber")
        self.assertIn("overdue", contract.rag_reasons)
        self.assertEqual(contract.message_ids, messages)
