from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.hcc_contracts.tools import financial_year as fy


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourBilling(HttpCase):
    """Finance bills an accepted return and posts it; the contract shows the
    spend against the year's budget."""

    def test_tour_bill_an_accepted_return(self):
        env = self.env
        finance = new_test_user(
            env,
            login="hcc_tour_bill_finance",
            groups="base.group_user,hcc_contracts.group_finance",
            name="Tour Finance",
        )
        plan = env["account.analytic.plan"].create({"name": "Tour Cost Centres"})
        centre = env["account.analytic.account"].create(
            {"name": "Tour home care", "plan_id": plan.id}
        )
        provider = env["res.partner"].create(
            {"name": "Tour Home Care Ltd", "is_company": True}
        )
        start, _end, _label = fy.fy_of(env.cr.now().date())
        contract = env["hcc.contract"].create(
            {
                "title": "Tour home care",
                "partner_id": provider.id,
                "lead_officer_id": env.user.id,
                "representative_id": env.user.id,
                "locality_id": env["hcc.locality"].create({"name": "Tour North"}).id,
                "care_group_id": env["hcc.care.group"]
                .create({"name": "Tour Older People"})
                .id,
                "service_type_id": env["hcc.service.type"]
                .create({"name": "Tour Home Care"})
                .id,
                "date_start": start - relativedelta(years=1),
                "date_end": start + relativedelta(years=2, days=-1),
                "annual_value": 60000.0,
                "payment_basis": "delivered",
                "activity_source": "provider_returns",
                "commissioned_volume": 2400.0,
                "unit_price": 25.0,
                "analytic_account_id": centre.id,
                "spec_scope": "<p>Home care.</p>",
            }
        )
        contract.action_activate()
        env["hcc.contract.budget"].create(
            {"contract_id": contract.id, "budgeted_amount": 60000.0}
        )
        # the first week of the financial year, received and accepted
        ret = env["hcc.data.return"].create(
            {
                "contract_id": contract.id,
                "date_from": start,
                "date_to": start + relativedelta(days=6),
                "units_delivered": 40,
            }
        )
        ret.action_receive()
        ret.action_accept()
        self.start_tour(
            f"/odoo/action-hcc_contracts.hcc_data_return_action/{ret.id}",
            "hcc_contracts_account_bill_return",
            login=finance.login,
        )
        bill = ret.hcc_bill_id
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.create_uid, finance)
        self.start_tour(
            f"/odoo/action-hcc_contracts.hcc_contract_action_all/{contract.id}",
            "hcc_contracts_account_contract_spend",
            login=finance.login,
        )
        self.assertEqual(contract.budget_ids.actual_amount, 1000.0)
