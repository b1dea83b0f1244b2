"""The demo council is a UK company (issue 43, point 2): its currency
becomes pounds unless Invoicing already holds journal items in another, and
a company in the United Kingdom with no chart of accounts gets the UK one
(l10n_uk) marked for installation, while a company with a chart keeps
it."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common_bills import HccBillsCase


@tagged("post_install", "-at_install")
class TestDemoCompany(HccBillsCase):
    def test_currency_changes_only_without_journal_items(self):
        company = self.env["res.company"].create({"name": "Test Council Two"})
        company._hcc_set_demo_currency(self.gbp.id)
        self.assertEqual(company.currency_id, self.gbp)
        # the test company has journal items once a bill is posted
        with freeze_time("2026-06-10"):
            ret = self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 10)
            self._bill_of(ret).with_user(self.user_finance).action_post()
        before = self.company.currency_id
        self.assertNotEqual(before, self.gbp)
        self.company._hcc_set_demo_currency(self.gbp.id)
        self.assertEqual(self.company.currency_id, before, "left as it is")

    def test_uk_chart_for_a_uk_company_without_one(self):
        uk_module = self.env.ref("base.module_l10n_uk")
        # the test database: every addon without demo, no localisation
        self.assertEqual(uk_module.state, "uninstalled")
        # a company with a chart keeps it, wherever it is
        self.company.country_id = self.env.ref("base.uk")
        self.assertTrue(self.company.chart_template)
        self.company._hcc_demo_use_uk_chart()
        self.assertEqual(uk_module.state, "uninstalled")
        # a UK company with no chart yet: the localisation is to be installed
        council = self.env["res.company"].create(
            {"name": "Test County Council", "country_id": self.env.ref("base.uk").id}
        )
        self.assertFalse(council.chart_template)
        council._hcc_demo_use_uk_chart()
        self.assertEqual(uk_module.state, "to install")
