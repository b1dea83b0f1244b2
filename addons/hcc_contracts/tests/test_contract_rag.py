from odoo.tests import tagged

from .common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractRag(HccContractsCase):
    def test_ended_contract_returns_to_green(self):
        contract = self._create_contract()
        contract.write({"rag_status": "red", "rag_reasons": "Old evidence"})
        contract.state = "terminated"
        self.env["hcc.contract"]._cron_update_rag()
        self.assertEqual(contract.rag_status, "green")
        self.assertFalse(contract.rag_reasons)

    def test_cron_twice_changes_nothing(self):
        contracts = self._create_contract() | self._create_contract()
        contracts.action_activate()
        self.env["hcc.contract"]._cron_update_rag()
        self.env.flush_all()
        with self.assertQueryCount(__system__=4):
            # one search, one evidence read per batch at most (+1 for the
            # budget evidence of the current financial year), no write
            self.env["hcc.contract"]._cron_update_rag()
        self.assertEqual(set(contracts.mapped("rag_status")), {"green"})
