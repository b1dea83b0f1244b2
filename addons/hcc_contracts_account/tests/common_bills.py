from odoo.addons.hcc_contracts.tests.performance.common_performance import (
    HccPerformanceCase,
)


class HccBillsCase(HccPerformanceCase):
    """A contract paid for the service delivered (£25 an hour) and a block
    contract (£120,000 a year), both on a cost centre Finance linked, from
    1 April 2026; each role acts as its own user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.env["account.analytic.plan"].create({"name": "Test Cost Centres"})
        cls.cost_centre = cls.env["account.analytic.account"].create(
            {"name": "Test ASC home care north", "plan_id": plan.id}
        )
        cls.delivered = cls._contract_for_bills(
            title="Home care, paid for the hours delivered",
            payment_basis="delivered",
            unit_price=25.0,
        )
        cls.block = cls._contract_for_bills()

    @classmethod
    def _contract_for_bills(cls, **overrides):
        # the provider sends returns (not the case-management system)
        overrides.setdefault("activity_source", "provider_returns")
        contract = cls._create_contract(user=cls.user_cso, **overrides)
        contract.with_user(cls.user_finance).analytic_account_id = cls.cost_centre
        contract.with_user(cls.user_cso).action_activate()
        return contract

    def _accepted_return(self, contract, date_from, date_to, units):
        """A return the lead officer records, receives and accepts."""
        ret = self._return(
            contract, date_from, date_to, user=self.user_sm, units_delivered=units
        )
        ret.action_receive()
        ret.action_accept()
        return ret

    def _budget(self, contract, year, amount, user):
        return (
            self.env["hcc.contract.budget"]
            .with_user(user)
            .create(
                {
                    "contract_id": contract.id,
                    "financial_year": year,
                    "budgeted_amount": amount,
                }
            )
        )

    def _bill_of(self, ret, user=None):
        action = ret.with_user(user or self.user_finance).action_draft_vendor_bill()
        return self.env["account.move"].browse(action["res_id"])

    def _pay(self, bills, day, user=None, amount=None):
        vals = {"payment_date": day}
        if amount is not None:
            vals["amount"] = amount
        wizard = (
            self.env["account.payment.register"]
            .with_user(user or self.user_finance)
            .with_context(active_model="account.move", active_ids=bills.ids)
            .create(vals)
        )
        return wizard._create_payments()
