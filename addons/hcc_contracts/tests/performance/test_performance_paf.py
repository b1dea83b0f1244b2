from odoo.exceptions import UserError
from odoo.tests import tagged

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestPafRelated(HccContractsCase):
    """Procedure 6.2: activity information is crucial where the service
    relates to the government's performance indicators (PAF); such a
    contract names its indicators before it starts."""

    def test_paf_related_contract_needs_its_indicators(self):
        contract = self._create_contract(user=self.user_sm, paf_related=True)
        with self.assertRaisesMessage(UserError, "national performance indicators"):
            contract.with_user(self.user_sm).action_activate()
        self.assertEqual(contract.state, "draft")
        self.env["hcc.contract.indicator"].with_user(self.user_sm).create(
            {"contract_id": contract.id, "name": "Reviews held on time", "target": 95.0}
        )
        contract.with_user(self.user_sm).action_activate()
        self.assertEqual(contract.state, "active")

    def test_other_contracts_need_no_indicator(self):
        contract = self._create_contract(user=self.user_sm)
        self.assertFalse(contract.paf_related)
        contract.with_user(self.user_sm).action_activate()
        self.assertEqual(contract.state, "active")
