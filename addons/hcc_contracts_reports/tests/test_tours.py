from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests import test_tours as core_tours


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourComplianceDashboard(core_tours.HccTourCase):
    """The County Manager's home screen is the compliance dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contract = cls._create_contract(
            title="Tour dashboard amber",
            date_start=cls.today - relativedelta(days=60),
            date_end=cls.today + relativedelta(years=3),
        )
        contract.action_activate()
        cls.env["hcc.contract.action"].create(
            {
                "contract_id": contract.id,
                "name": "Rota gaps on Saturdays",
                "user_id": cls.user_sm.id,
                "date_notified": cls.today - relativedelta(days=10),
                "date_due": cls.today - relativedelta(days=2),
            }
        )
        cls.env.flush_all()
        cls.env["hcc.contract.action"]._cron_flag_overdue()
        contract._update_rag()
        cls.contract = contract

    def test_county_manager_home(self):
        self.assertEqual(self.contract.rag_status, "amber", self.contract.rag_reasons)
        self.start_tour("/odoo", "hcc_home_county_manager", login="hcc_cm")


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourMarketOversight(core_tours.HccTourCase):
    """The County Manager drills from her dashboard into a provider at red
    and reads why (issue 42)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm
        contracts = cls._active_contract(title="Tour oversight one")
        contracts |= cls._active_contract(title="Tour oversight two")
        contracts |= cls._active_contract(title="Tour oversight three")
        for number, contract in enumerate(contracts[:2], start=1):
            cls.env["hcc.safeguarding.concern"].create(
                {
                    "contract_id": contract.id,
                    "case_reference": f"SG-TOUR-{number}",
                    "category": "neglect",
                    "level": "high",
                }
            )
        cls.env.flush_all()
        # assessed again now: rated green when the contracts went live
        cls.env["hcc.provider.risk"]._assess_live_providers()
        cls.risk = cls.env["hcc.provider.risk"].search(
            [("partner_id", "=", cls.tour_provider.id)]
        )

    def test_market_oversight(self):
        self.assertEqual(self.risk.level, "red", self.risk.reasons)
        self.start_tour("/odoo", "hcc_market_oversight", login="hcc_cm")
