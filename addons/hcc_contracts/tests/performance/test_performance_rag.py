from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_performance import HccPerformanceCase


@tagged("post_install", "-at_install")
class TestPerformanceRag(HccPerformanceCase):
    rag_sources = ("performance",)

    def _rag(self, contract):
        contract.invalidate_recordset(["rag_status", "rag_reasons"])
        return contract.rag_status, contract.rag_reasons or ""

    def test_late_returns_green_amber_red_and_back(self):
        Contract = self.env["hcc.contract"]
        with freeze_time("2026-05-15"):
            contract = self._active_contract()
            Contract._cron_data_returns()
            self.assertEqual(self._rag(contract), ("green", ""))
        with freeze_time("2026-05-16"):
            Contract._cron_data_returns()
            status, reasons = self._rag(contract)
            self.assertEqual(status, "amber")
            self.assertIn("A data return is late: April 2026.", reasons)
        with freeze_time("2026-06-16"):
            Contract._cron_data_returns()
            status, reasons = self._rag(contract)
            self.assertEqual(status, "red")
            self.assertIn("2 data returns are late: April 2026, May 2026.", reasons)
            self.env.flush_all()
            before = self._rag(contract), contract.write_date
            Contract._cron_data_returns()
            Contract._cron_update_rag()
            self.env.flush_all()
            self.assertEqual((self._rag(contract), contract.write_date), before)
            april, may = contract.return_ids.filtered("is_late").sorted("date_from")
            april.write({"units_delivered": 500})
            april.action_receive()
            self.assertEqual(self._rag(contract)[0], "amber")
            may.write({"units_delivered": 500})
            may.action_receive()
            self.assertEqual(self._rag(contract), ("green", ""))

    @freeze_time("2026-08-20")
    def test_utilisation_thresholds(self):
        contract = self._active_contract()
        april = self._accepted(contract, "2026-04-01", "2026-04-30", 450)
        self.assertEqual(self._rag(contract), ("green", ""), "90% is fine")
        may = self._accepted(contract, "2026-05-01", "2026-05-31", 350)
        status, reasons = self._rag(contract)
        self.assertEqual(status, "amber")
        self.assertIn("Utilisation is 80.0% of the commissioned volume", reasons)
        self._accepted(contract, "2026-06-01", "2026-06-30", 0)
        status, reasons = self._rag(contract)
        self.assertEqual(status, "red")
        self.assertIn("Utilisation is 53.3%", reasons)
        self.assertIn("red below 70.0%", reasons)
        # thresholds are configurable
        self.company.write({"hcc_utilisation_red": 50.0, "hcc_utilisation_amber": 50.0})
        contract._update_rag()
        self.assertEqual(self._rag(contract), ("green", ""))
        self.company.write({"hcc_utilisation_amber": 85.0, "hcc_utilisation_red": 70.0})
        # an accepted return's figures are evidence: they are not corrected
        self.assertEqual(april.state, "accepted")
        with self.assertRaisesMessage(UserError, "has been accepted"):
            may.with_user(self.user_sm).write({"units_delivered": 550})
        self.assertEqual(may.units_delivered, 350)
        # a later period delivered above the volume brings it back: 1,800 of 2,000
        self._accepted(contract, "2026-07-01", "2026-07-31", 1000)
        self.assertEqual(self._rag(contract), ("green", ""))

    def test_low_utilisation_opens_one_action_for_the_lead_officer(self):
        Action = self.env["hcc.contract.action"]
        with freeze_time("2026-08-20"):
            contract = self._active_contract()
            self._accepted(contract, "2026-04-01", "2026-04-30", 450)
            self.assertFalse(contract.action_ids, "90% needs no action")
            self._accepted(contract, "2026-05-01", "2026-05-31", 350)
            action = contract.action_ids
            self.assertEqual(len(action), 1, "80%: below the amber threshold")
            self.assertEqual(action.origin, "low_utilisation")
            self.assertEqual(action.user_id, contract.lead_officer_id)
            self.assertEqual(action.state, "open")
            self.assertIn("Utilisation is 80.0%", str(action.description))
            self.assertIn(
                contract.lead_officer_id,
                action.activity_ids.user_id,
                "the lead officer is asked to follow it up",
            )
            # once: red, the daily refresh and a second refresh open no other
            self._accepted(contract, "2026-06-01", "2026-06-30", 0)
            contract._update_rag()
            self.env["hcc.contract"]._cron_update_rag()
            self.env["hcc.contract"]._cron_update_rag()
            self.assertEqual(contract.action_ids, action)
            action.with_user(self.user_sm).action_done()
            contract._update_rag()
            self.assertEqual(contract.action_ids, action, "resolved recently")
            # an officer cannot forge the rule's origin
            with self.assertRaises(AccessError):
                Action.with_user(self.user_sm).create(
                    {
                        "contract_id": contract.id,
                        "name": "Forged",
                        "origin": "low_utilisation",
                        "date_due": "2026-09-30",
                    }
                )
        with freeze_time("2026-11-20"):
            # still low three months after the last one was raised: the daily
            # check opens a new one
            self.env["hcc.contract"]._cron_update_rag()
            new = contract.action_ids - action
            self.assertEqual(len(new), 1)
            self.assertEqual(str(new.date_notified), "2026-11-20")
            contract._update_rag()
            self.assertEqual(contract.action_ids, action | new)

    @freeze_time("2026-09-10")
    def test_indicators_off_target(self):
        contract = self._active_contract()
        indicator = self.env["hcc.contract.indicator"].create(
            {
                "contract_id": contract.id,
                "name": "Missed visits",
                "target": 2,
                "unit": "%",
                "direction": "lower",
            }
        )
        ret = self._return(
            contract,
            "2026-07-01",
            "2026-07-31",
            date_received="2026-08-05",
            units_delivered=500,
        )
        line = self.env["hcc.data.return.indicator.value"].create(
            {"return_id": ret.id, "indicator_id": indicator.id, "value": 2.3}
        )
        self.assertEqual(ret.state, "received")
        self.assertEqual(self._rag(contract), ("green", ""), "not checked yet")
        ret.action_accept()
        status, reasons = self._rag(contract)
        self.assertEqual(status, "amber")
        self.assertIn("Indicator “Missed visits” requires improvement: 2.3 %", reasons)
        line.value = 5.0
        status, reasons = self._rag(contract)
        self.assertEqual(status, "red")
        self.assertIn(
            "“Missed visits” inadequate: 5.0 % against a target of 2.0 %", reasons
        )
        self.assertIn("July 2026", reasons)
        # a later return on target is what counts
        later = self._return(
            contract,
            "2026-08-01",
            "2026-08-31",
            date_received="2026-09-05",
            units_delivered=500,
        )
        self.env["hcc.data.return.indicator.value"].create(
            {"return_id": later.id, "indicator_id": indicator.id, "value": 1.0}
        )
        self.assertEqual(self._rag(contract)[0], "red", "received, not accepted")
        later.action_accept()
        self.assertEqual(self._rag(contract), ("green", ""))

    def test_survey_overdue_is_amber(self):
        Contract = self.env["hcc.contract"]
        with freeze_time("2026-04-02"):
            contract = self._active_contract(data_return_frequency="annually")
            Contract._cron_satisfaction_surveys()
        with freeze_time("2027-04-16"):
            # the annual return for 2026/27 is received on time
            Contract._cron_data_returns()
            contract.return_ids.filtered(lambda r: r.date_from.year == 2026).write(
                {"date_received": "2027-04-10", "state": "received"}
            )
            Contract._cron_satisfaction_surveys()
            status, reasons = self._rag(contract)
            self.assertEqual(status, "amber")
            self.assertIn(
                "user satisfaction survey is overdue (due 04/15/2027)", reasons
            )
            contract.survey_ids.filtered("is_late").action_receive()
            self.assertEqual(self._rag(contract), ("green", ""))

    @freeze_time("2026-08-20")
    def test_status_refreshed_once_per_transaction(self):
        """A return keyed in, corrected and accepted changes the evidence three
        times: the status is worked out once, when it is read (or, unread,
        before the commit), for the contracts touched."""
        contract = self._active_contract()
        other = self._active_contract()
        self.flush_tracking()
        Contract = type(self.env["hcc.contract"])
        refresh = Contract._update_rag
        refreshed = []

        def count_refresh(contracts):
            refreshed.append(contracts.ids)
            return refresh(contracts)

        with patch.object(Contract, "_update_rag", count_refresh):
            ret = self._return(
                contract,
                "2026-07-01",
                "2026-07-31",
                date_received="2026-07-31",
                units_delivered=100,
            )
            ret.write({"units_delivered": 200})
            ret.action_accept()
            self.assertEqual(refreshed, [], "nothing worked out yet")
            status, reasons = self._rag(contract)
            self.assertEqual(status, "red", "200 units of 500: 40%")
            self.assertIn("Utilisation is 40.0%", reasons)
            self.assertEqual(refreshed, [contract.ids])
            self.assertEqual(other.rag_status, "green")
            self.flush_tracking()
            self.assertEqual(refreshed, [contract.ids], "nothing left at the commit")
            # unread, the change is refreshed before the commit
            ret.sudo().write({"people_served": 12})
            self.flush_tracking()
            self.assertEqual(refreshed, [contract.ids], "not evidence of the status")
            self.env["hcc.contract.action"].create(
                {"contract_id": contract.id, "name": "Check", "date_due": "2026-09-30"}
            )
            self.flush_tracking()
            self.assertEqual(refreshed, [contract.ids, contract.ids])
