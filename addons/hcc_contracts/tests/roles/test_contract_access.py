from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractAccess(HccContractsCase):
    """The scope of each role on contracts (design, "Scope of rules")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.led = cls._create_contract()  # north, led by user_sm
        cls.other_north = cls._create_contract(
            lead_officer_id=cls.user_sm_other.id,
            representative_id=cls.user_sm_other.id,
        )
        cls.south = cls._create_contract(
            locality_id=cls.locality_south.id,
            lead_officer_id=cls.user_sm_south.id,
            representative_id=cls.user_sm_south.id,
            support_officer_id=False,
        )
        cls.all = cls.led | cls.other_north | cls.south

    def _visible(self, user):
        return (
            self.env["hcc.contract"]
            .with_user(user)
            .search([("id", "in", self.all.ids)])
        )

    def test_service_manager_reads_own_localities(self):
        self.assertEqual(self._visible(self.user_sm), self.led | self.other_north)
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_sm).read(["title"])

    def test_service_manager_writes_only_what_they_lead_or_represent(self):
        self.led.with_user(self.user_sm).write({"title": "Renamed by lead"})
        self.assertEqual(self.led.title, "Renamed by lead")
        with self.assertRaises(AccessError):
            self.other_north.with_user(self.user_sm).write({"title": "Not mine"})
        self.other_north.representative_id = self.user_sm
        self.other_north.with_user(self.user_sm).write({"title": "Represented"})
        self.assertEqual(self.other_north.title, "Represented")

    def test_support_officer_keeps_locality(self):
        self.assertEqual(self._visible(self.user_cso), self.led | self.other_north)
        self.other_north.with_user(self.user_cso).write({"title": "Kept by CSO"})
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_cso).write({"title": "Elsewhere"})

    def test_county_manager_finance_and_viewer_see_all(self):
        for user in (self.user_cm, self.user_finance, self.user_viewer):
            self.assertEqual(self._visible(user), self.all, user.login)
        self.south.with_user(self.user_cm).write({"title": "County Manager"})
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_viewer).write({"title": "Viewer"})
        with self.assertRaises(AccessError):
            self.env["hcc.contract"].with_user(self.user_viewer).create(
                self._contract_vals()
            )

    def test_other_company_is_invisible(self):
        other_company = self.env["res.company"].create({"name": "Other Council"})
        foreign = self._create_contract(company_id=other_company.id)
        self.assertFalse(
            self.env["hcc.contract"]
            .with_user(self.user_cm)
            .search([("id", "=", foreign.id)])
        )

    def test_read_only_and_finance_may_export(self):
        """Their roles say they export: Odoo's export right comes with them."""
        export = "base.group_allow_export"
        viewer = self.env.ref("hcc_contracts.group_viewer")
        self.assertIn(self.env.ref(export), viewer.implied_ids)
        for user in (self.user_viewer, self.user_finance):
            self.assertTrue(user.has_group(export), user.login)
        contract = self._create_contract()
        rows = (
            contract.with_user(self.user_viewer)
            .export_data(["name", "partner_id"])
            .get("datas")
        )
        self.assertEqual(rows, [[contract.name, self.provider.display_name]])
