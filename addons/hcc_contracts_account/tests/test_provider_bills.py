"""The provider's page sums the bills of its contracts the reader may see
(issue 42): billed this financial year and what is still to be paid."""

from freezegun import freeze_time

from .common_bills import HccBillsCase


class TestProviderBills(HccBillsCase):
    @freeze_time("2026-06-10")
    def test_billed_and_outstanding_across_contracts(self):
        south = self._create_contract(
            title="Home care south",
            locality_id=self.locality_south.id,
            lead_officer_id=self.user_sm_south.id,
            representative_id=self.user_sm_south.id,
            support_officer_id=False,
            payment_basis="delivered",
            unit_price=25.0,
        )
        south.with_user(self.user_finance).analytic_account_id = self.cost_centre
        south.action_activate()
        north_bill = self._bill_of(
            self._accepted_return(self.delivered, "2026-04-01", "2026-04-30", 400)
        )
        ret = self._return(
            south,
            "2026-04-01",
            "2026-04-30",
            user=self.user_sm_south,
            units_delivered=100,
        )
        ret.action_receive()
        ret.with_user(self.user_sm_south).action_accept()
        south_bill = self._bill_of(ret)
        (north_bill | south_bill).with_user(self.user_finance).action_post()
        self._pay(north_bill, "2026-06-01", amount=4000.0)
        # Finance reads every contract: £10,000 + £2,500 billed, £6,000 + £2,500 due
        page = self.provider.with_user(self.user_finance)
        self.assertEqual(page.hcc_provider_billed_amount, 12500.0)
        self.assertEqual(page.hcc_provider_outstanding_amount, 8500.0)
        # a Service Manager of the north, the north's contracts only
        page = self.provider.with_user(self.user_sm_other)
        self.assertEqual(page.hcc_provider_billed_amount, 10000.0)
        self.assertEqual(page.hcc_provider_outstanding_amount, 6000.0)
