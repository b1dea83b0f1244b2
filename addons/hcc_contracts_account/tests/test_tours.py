from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.hcc_contracts.tools import financial_year as fy

from ..models.account_move_line import HCC_TZ


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


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourBlockBilling(HttpCase):
    """Finance bills a block contract: the wizard lists the months that have
    ended, the one billed already not ticked; Finance unticks another and
    confirms (issue 43, point 3)."""

    def test_tour_block_billing_asks_which_months(self):
        env = self.env
        finance = new_test_user(
            env,
            login="hcc_tour_block_finance",
            groups="base.group_user,hcc_contracts.group_finance",
            name="Tour Block Finance",
        )
        plan = env["account.analytic.plan"].create({"name": "Tour Block Centres"})
        centre = env["account.analytic.account"].create(
            {"name": "Tour day care", "plan_id": plan.id}
        )
        provider = env["res.partner"].create(
            {"name": "Tour Day Care Ltd", "is_company": True}
        )
        # four months of the term have ended (London's day, as the bills')
        this_month = datetime.now(HCC_TZ).date().replace(day=1)
        months = [this_month - relativedelta(months=n) for n in (4, 3, 2, 1)]
        contract = env["hcc.contract"].create(
            {
                "title": "Tour day care block",
                "partner_id": provider.id,
                "lead_officer_id": env.user.id,
                "representative_id": env.user.id,
                "locality_id": env["hcc.locality"].create({"name": "Tour East"}).id,
                "care_group_id": env["hcc.care.group"]
                .create({"name": "Tour Adults"})
                .id,
                "service_type_id": env["hcc.service.type"]
                .create({"name": "Tour Day Care"})
                .id,
                "date_start": months[0],
                "date_end": months[0] + relativedelta(years=3, days=-1),
                "annual_value": 120000.0,
                "payment_basis": "block",
                "activity_source": "provider_returns",
                "commissioned_volume": 6000.0,
                "analytic_account_id": centre.id,
                "spec_scope": "<p>Day care.</p>",
            }
        )
        contract.action_activate()
        first = contract._hcc_draft_instalment_bills([months[0]])
        self.start_tour(
            f"/odoo/action-hcc_contracts.hcc_contract_action_all/{contract.id}",
            "hcc_contracts_account_block_billing",
            login=finance.login,
        )
        lines = env["account.move.line"].search(
            [
                ("hcc_contract_id", "=", contract.id),
                ("hcc_instalment_date", "!=", False),
            ]
        )
        self.assertEqual(
            sorted(lines.mapped("hcc_instalment_date")),
            [months[0], months[1], months[3]],
            "the first month billed once, the third left for later",
        )
        made = lines.move_id - first
        self.assertEqual(made.create_uid, finance)
        self.assertEqual(made.mapped("amount_total"), [10000.0, 10000.0])
        self.assertEqual(set(made.mapped("state")), {"draft"})
