from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractSearch(HccContractsCase):
    """The search filters of the contract views, evaluated as the web client
    evaluates them, so that a change to the view is tested too."""

    def _filter_domain(self, name):
        arch = self.env.ref("hcc_contracts.hcc_contract_view_search").arch
        node = etree.fromstring(arch).xpath(f"//filter[@name='{name}']")[0]
        return safe_eval(
            node.get("domain"),
            {
                "context_today": fields.Date.context_today.__get__(
                    self.env["hcc.contract"]
                ),
                "relativedelta": relativedelta,
                "uid": self.env.uid,
            },
        )

    def _search(self, name, user=None):
        model = (
            self.env["hcc.contract"].with_user(user)
            if user
            else self.env["hcc.contract"]
        )
        return model.search(self._filter_domain(name))

    @freeze_time("2026-06-15")
    def test_ending_within_12_months(self):
        soon = self._create_contract(date_start="2024-01-01", date_end="2027-06-15")
        later = self._create_contract(date_start="2024-01-01", date_end="2027-06-16")
        past = self._create_contract(date_start="2024-01-01", date_end="2026-06-14")
        today = self._create_contract(date_start="2024-01-01", date_end="2026-06-15")
        found = self._search("ending_12_months")
        self.assertIn(soon, found)
        self.assertIn(today, found)
        self.assertNotIn(later, found)
        self.assertNotIn(past, found)
        self.assertIn(later, self._search("ending_24_months"))

    @freeze_time("2026-06-15")
    def test_ended_contracts_are_not_ending(self):
        contract = self._create_contract(date_start="2024-01-01", date_end="2026-12-31")
        contract.action_activate()
        self.assertIn(contract, self._search("ending_12_months"))
        contract.state = "terminated"
        self.assertNotIn(contract, self._search("ending_12_months"))

    def test_my_contracts(self):
        led = self._create_contract(
            lead_officer_id=self.user_sm.id, representative_id=self.user_sm.id
        )
        represented = self._create_contract(
            lead_officer_id=self.user_sm_other.id, representative_id=self.user_sm.id
        )
        supported = self._create_contract(
            lead_officer_id=self.user_sm_other.id,
            representative_id=self.user_sm_other.id,
            support_officer_id=self.user_cso.id,
        )
        mine = self._search("my_contracts", user=self.user_sm)
        self.assertIn(led, mine)
        self.assertIn(represented, mine)
        self.assertNotIn(supported, mine)
        self.assertIn(supported, self._search("my_contracts", user=self.user_cso))
        self.assertTrue(led.with_user(self.user_sm).is_my_contract)
        self.assertFalse(supported.with_user(self.user_sm).is_my_contract)
        not_mine = (
            self.env["hcc.contract"]
            .with_user(self.user_sm)
            .search(
                [("is_my_contract", "=", False), ("id", "in", (led | supported).ids)]
            )
        )
        self.assertEqual(not_mine, supported)

    def test_my_localities(self):
        north = self._create_contract(locality_id=self.locality_north.id)
        south = self._create_contract(locality_id=self.locality_south.id)
        found = self._search("my_localities", user=self.user_cso)
        self.assertIn(north, found)
        self.assertNotIn(south, found)
        found_south = (
            self.env["hcc.contract"]
            .with_user(self.user_cm)
            .search([("is_my_locality", "=", False), ("id", "in", (north | south).ids)])
        )
        self.assertEqual(found_south, north | south, "the CM covers no locality")
