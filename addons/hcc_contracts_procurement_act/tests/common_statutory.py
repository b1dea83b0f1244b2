from freezegun import freeze_time

from odoo import Command

from odoo.addons.hcc_contracts.tests.procurement.common_procurement import (
    HccProcurementCase,
)


class HccStatutoryCase(HccProcurementCase):
    """Contracts under the Procurement Act 2023, procured or not, and their
    statutory notices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Notice = cls.env["hcc.statutory.notice"]
        cls.activity_type = cls.env.ref(
            "hcc_contracts_procurement_act.mail_activity_type_statutory_notice_due"
        )

    def _live_contract(self, annual_value, light_touch=True, kpis=False, **overrides):
        with freeze_time("2026-04-01"):
            contract = self._create_contract(
                annual_value=annual_value, is_light_touch=light_touch, **overrides
            )
            if kpis:
                self.env["hcc.contract.indicator"].create(
                    {"name": "Visits on time", "contract_id": contract.id, "target": 95}
                )
            contract.action_activate()
        return contract

    def _notices(self, contract):
        return self.Notice.search([("contract_id", "=", contract.id)])

    def _run_cron_twice(self):
        """Run the cron, then again, asserting the second run changes nothing."""
        self.env["hcc.contract"]._cron_statutory_notices()
        notices = self.Notice.search([])
        activities = self.env["mail.activity"].search(
            [("activity_type_id", "=", self.activity_type.id)]
        )
        self.env["hcc.contract"]._cron_statutory_notices()
        self.assertEqual(self.Notice.search([]), notices)
        self.assertEqual(
            self.env["mail.activity"].search(
                [("activity_type_id", "=", self.activity_type.id)]
            ),
            activities,
        )
        return notices

    def _due_performance_notice(self):
        contract = self._live_contract(2000000.0, light_touch=False, kpis=True)
        indicator = contract.indicator_ids
        with freeze_time("2027-02-20"):
            self.env["hcc.data.return"].create(
                {
                    "contract_id": contract.id,
                    "date_from": "2027-01-01",
                    "date_to": "2027-01-31",
                    "date_received": "2027-02-10",
                    "indicator_value_ids": [
                        Command.create({"indicator_id": indicator.id, "value": 70.0})
                    ],
                }
            )
        with freeze_time("2027-04-02"):
            self.env["hcc.contract"]._cron_statutory_notices()
        return self._notices(contract)

    def _procure(
        self, price, light_touch=True, option="single_tender", estimated_value=0.0
    ):
        """A procurement walked to its award on 1 July 2026; the contract runs
        three years from 1 September 2026 at ``price`` a year."""
        with freeze_time("2026-06-15"):
            procurement = self._create_procurement(is_light_touch=light_touch)
            if estimated_value:
                procurement.estimated_value = estimated_value
            self._do_need(procurement)
            self._do_option(procurement, option)
            self._do_authorisation(procurement)
            if option == "single_tender":
                self._do_negotiation(procurement, price=price)
                self._do_evaluation(procurement, self.provider)
            else:
                self._do_tender(procurement)
                self._do_evaluation(procurement, self.provider_b)
        with freeze_time("2026-07-01"):
            self._do_award(procurement)
        return procurement
