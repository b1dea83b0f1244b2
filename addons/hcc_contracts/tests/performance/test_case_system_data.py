import io
import xmlrpc.client
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common_performance import HccPerformanceCase

MISSING_TYPE = "hcc_contracts.mail_activity_type_case_data_missing"


@tagged("post_install", "-at_install")
class TestCaseSystemData(HccPerformanceCase):
    """Procedure 8.1: most contracts take their activity data from the
    council's case-management system, imported per contract and period; the
    default contract of these tests is a block contract of 500 units a
    month from 1 April 2026."""

    rag_sources = ("performance",)

    def _case_contract(self, **overrides):
        vals = {"activity_source": "case_system"} | overrides
        return self._active_contract(**vals)

    def _import(self, rows, user=None):
        Return = self.env["hcc.data.return"].with_user(user or self.user_cso)
        return Return.import_case_system_activity(rows)

    @staticmethod
    def _row(contract, date_from, date_to, units, **extra):
        return {
            "contract_reference": contract.name,
            "date_from": date_from,
            "date_to": date_to,
            "units_delivered": units,
            **extra,
        }

    def _missing_activities(self, contract):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hcc.contract"),
                ("res_id", "=", contract.id),
                ("activity_type_id", "=", self.env.ref(MISSING_TYPE).id),
            ]
        )

    def test_default_is_the_case_system(self):
        vals = self._contract_vals()
        del vals["activity_source"]
        contract = self.env["hcc.contract"].create(vals)
        self.assertEqual(contract.activity_source, "case_system")

    def test_case_system_contract_gets_no_provider_returns(self):
        with freeze_time("2026-04-02"):
            contract = self._case_contract()
        with freeze_time("2026-08-20"):
            self.env["hcc.contract"]._cron_data_returns()
            contract.action_generate_returns()
            self.assertFalse(contract.return_ids)
            self.assertEqual(contract.return_late_count, 0)
            contract._update_rag()
            self.assertEqual(contract.rag_status, "green", contract.rag_reasons)
            # nor can one be keyed in
            with self.assertRaisesMessage(ValidationError, "no provider return"):
                self._return(contract, "2026-04-01", "2026-04-30", user=self.user_sm)

    @freeze_time("2026-08-20")
    def test_imported_data_drives_performance(self):
        contract = self._case_contract()
        result = self._import(
            [
                self._row(contract, "2026-04-01", "2026-04-30", 300, people_served=28),
                self._row(contract, "2026-05-01", "2026-05-31", "350"),
            ]
        )
        self.assertEqual(result["refused"], [])
        returns = self.env["hcc.data.return"].browse(result["imported"])
        self.assertEqual(returns.mapped("state"), ["accepted", "accepted"])
        self.assertEqual(set(returns.mapped("source")), {"case_system"})
        self.assertEqual(returns[0].people_served, 28)
        # performance, RAG and value for money read them as accepted returns
        contract.invalidate_recordset()
        self.assertEqual(contract.activity_commissioned, 1000)
        self.assertEqual(contract.activity_delivered, 650)
        self.assertAlmostEqual(contract.utilisation, 65.0)
        self.assertEqual(contract.rag_status, "red")
        self.assertIn("Utilisation is 65.0%", contract.rag_reasons)
        delivered = contract._get_delivered_units(
            returns[0].date_from, returns[1].date_to
        )
        self.assertEqual(delivered[contract.id], 650)

    @freeze_time("2026-08-20")
    def test_reimporting_a_period_replaces_it(self):
        contract = self._case_contract()
        first = self._import([self._row(contract, "2026-04-01", "2026-04-30", 300)])
        again = self._import([self._row(contract, "2026-04-01", "2026-04-30", 480)])
        self.assertEqual(again["imported"], first["imported"])
        april = contract.return_ids
        self.assertEqual(len(april), 1)
        self.assertEqual(april.units_delivered, 480)
        contract.invalidate_recordset()
        self.assertEqual(contract.activity_delivered, 480)
        # the same period twice in one file is refused, not counted twice
        result = self._import(
            [
                self._row(contract, "2026-05-01", "2026-05-31", 400),
                self._row(contract, "2026-05-01", "2026-05-31", 410),
            ]
        )
        self.assertEqual(len(result["imported"]), 1)
        self.assertEqual(result["refused"][0]["row"], 2)
        self.assertIn("each period is imported once", result["refused"][0]["errors"][0])
        self.assertEqual(len(contract.return_ids), 2)

    @freeze_time("2026-08-20")
    def test_bad_rows_reported_and_not_saved(self):
        contract = self._case_contract()
        provider_contract = self._active_contract(title="Provider returns contract")
        south = self._case_contract(
            title="South contract",
            locality_id=self.locality_south.id,
            lead_officer_id=self.user_sm_south.id,
            representative_id=self.user_sm_south.id,
            support_officer_id=False,
        )
        rows = [
            self._row(contract, "2026-04-01", "2026-04-30", 450),
            self._row(contract, "2026-05-01", "2026-05-31", -5),
            {
                "contract_reference": "SCC/1999/9999",
                "date_from": "2026-04-01",
                "date_to": "2026-04-30",
                "units_delivered": 1,
            },
            self._row(contract, "2026-05-10", "2026-06-09", 500),
            self._row(contract, "2026-08-01", "2026-08-31", 500),
            self._row(contract, "2026-06-01", "2026-06-30", ""),
            self._row(provider_contract, "2026-04-01", "2026-04-30", 500),
            self._row(south, "2026-04-01", "2026-04-30", 500),
            self._row(contract, "2026-07-01", "2026-07-31", "lots"),
        ]
        result = self._import(rows)
        self.assertEqual(len(result["imported"]), 1)
        reasons = {r["row"]: " ".join(r["errors"]) for r in result["refused"]}
        self.assertEqual(sorted(reasons), [2, 3, 4, 5, 6, 7, 8, 9])
        self.assertIn("cannot be negative", reasons[2])
        self.assertIn("No contract you may see", reasons[3])
        self.assertIn("is not a period of contract", reasons[4])
        self.assertIn("has not ended yet", reasons[5])
        self.assertIn("is required", reasons[6])
        self.assertIn("takes its activity data from provider returns", reasons[7])
        self.assertIn("No contract you may see", reasons[8])
        self.assertIn("cannot be read: “lots”", reasons[9])
        self.assertEqual(result["refused"][1]["contract_reference"], "SCC/1999/9999")
        # nothing of a refused row was saved
        self.assertEqual(len(contract.return_ids), 1)
        self.assertEqual(contract.return_ids.units_delivered, 450)
        self.assertFalse(provider_contract.return_ids)
        self.assertFalse(south.sudo().return_ids)

    @freeze_time("2026-08-20")
    def test_import_is_the_support_officers(self):
        contract = self._case_contract()
        row = self._row(contract, "2026-04-01", "2026-04-30", 450)
        for user in (self.user_sm, self.user_finance, self.user_viewer):
            with self.assertRaisesMessage(AccessError, "Contract Support Officer"):
                self._import([row], user=user)
        self.assertFalse(contract.return_ids)
        self.assertEqual(len(self._import([row], user=self.user_cm)["imported"]), 1)

    @freeze_time("2026-08-20")
    def test_csv_through_odoo_import(self):
        contract = self._case_contract()

        def run(csv, dryrun=False):
            wizard = (
                self.env["base_import.import"]
                .with_user(self.user_cso)
                .create(
                    {
                        "res_model": "hcc.case.activity.import",
                        "file": csv.encode(),
                        "file_name": "acms_export.csv",
                        "file_type": "text/csv",
                    }
                )
            )
            options = {
                "has_headers": True,
                "separator": ",",
                "quoting": '"',
                "date_format": "%d/%m/%Y",
                "float_decimal_separator": ".",
                "float_thousand_separator": ",",
            }
            fields = ["contract_reference", "date_from", "date_to", "units_delivered"]
            return wizard.execute_import(fields, fields, options, dryrun=dryrun)

        header = "contract_reference,date_from,date_to,units_delivered\n"
        good = f"{contract.name},01/04/2026,30/04/2026,450\n"
        bad = f"{contract.name},01/05/2026,31/05/2026,-3\n"
        result = run(header + good + bad)
        self.assertFalse(result["ids"])
        self.assertEqual(len(result["messages"]), 1)
        self.assertIn("Row 2", result["messages"][0]["message"])
        self.assertIn("cannot be negative", result["messages"][0]["message"])
        self.assertFalse(contract.return_ids, "a file with a bad row saves nothing")
        result = run(header + good)
        self.assertEqual(result["messages"], [])
        self.assertEqual(contract.return_ids.units_delivered, 450)
        # importing the corrected file again replaces the period
        run(header + good.replace(",450", ",470"))
        self.assertEqual(len(contract.return_ids), 1)
        self.assertEqual(contract.return_ids.units_delivered, 470)

    @freeze_time("2026-08-20")
    def test_xlsx_through_odoo_import(self):
        contract = self._case_contract()
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Contract", "From", "To", "Units", "People"])
        sheet.append([contract.name, date(2026, 4, 1), date(2026, 4, 30), 450, 30])
        sheet.append([contract.name, date(2026, 5, 1), date(2026, 5, 31), 480, 31])
        content = io.BytesIO()
        book.save(content)
        wizard = (
            self.env["base_import.import"]
            .with_user(self.user_cso)
            .create(
                {
                    "res_model": "hcc.case.activity.import",
                    "file": content.getvalue(),
                    "file_name": "acms_export.xlsx",
                    "file_type": "application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                }
            )
        )
        fields = [
            "contract_reference",
            "date_from",
            "date_to",
            "units_delivered",
            "people_served",
        ]
        result = wizard.execute_import(
            fields,
            ["Contract", "From", "To", "Units", "People"],
            {"has_headers": True, "date_format": "%Y-%m-%d"},
        )
        self.assertEqual(result["messages"], [])
        self.assertEqual(
            contract.return_ids.sorted("date_from").mapped("units_delivered"),
            [450, 480],
        )
        self.assertEqual(set(contract.return_ids.mapped("state")), {"accepted"})

    def test_missing_period_alerts_the_support_officer(self):
        Contract = self.env["hcc.contract"]
        with freeze_time("2026-04-02"):
            contract = self._case_contract()
            provider_contract = self._active_contract(title="Provider returns")
        with freeze_time("2026-05-15"):
            # April is due on 15 May: not late yet
            Contract._cron_data_returns()
            self.assertFalse(self._missing_activities(contract))
        with freeze_time("2026-05-16"):
            Contract._cron_data_returns()
            activity = self._missing_activities(contract)
            self.assertEqual(activity.user_id, self.user_cso)
            self.assertIn("has not arrived", activity.summary)
            self.assertIn("01/04/2026–30/04/2026", activity.summary)
            self.assertFalse(self._missing_activities(provider_contract))
            self.assertEqual(str(contract.case_data_next_check), "2026-06-16")
            before = self.env["mail.activity"].search([]).ids
            Contract._cron_data_returns()
            self.assertEqual(self.env["mail.activity"].search([]).ids, before)
            # a case-system contract never shows late returns
            contract._update_rag()
            self.assertEqual(contract.rag_status, "green")
        with freeze_time("2026-06-16"):
            activity.action_feedback(feedback="Chased the systems team")
            self._import([self._row(contract, "2026-04-01", "2026-04-30", 500)])
            Contract._cron_data_returns()
            activity = self._missing_activities(contract)
            self.assertIn("01/05/2026", activity.summary)
            self.assertNotIn("01/04/2026", activity.summary)

    def test_switching_to_the_case_system_cancels_expected_returns(self):
        with freeze_time("2026-05-20"):
            contract = self._active_contract()
            self.env["hcc.contract"]._cron_data_returns()
            april, may = contract.return_ids.sorted("date_from")
            self.assertEqual((april.state, may.state), ("expected", "expected"))
            self.assertTrue(april.is_late)
            contract.with_user(self.user_cso).activity_source = "case_system"
            self.assertEqual((april.state, may.state), ("cancelled", "cancelled"))
            contract._update_rag()
            self.assertEqual(contract.rag_status, "green")
            # April can now be imported
            result = self._import([self._row(contract, "2026-04-01", "2026-04-30", 5)])
            self.assertEqual(result["refused"], [])


@tagged("post_install", "-at_install")
class TestCaseSystemFeed(HccPerformanceCase, HttpCase):
    """The scheduled feed of the case-management system calls the import
    over XML-RPC, as a Contract Support Officer's account."""

    def _call(self, user, rows):
        password = user.login + "x" * (8 - len(user.login))
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, user.login, password, {}
        )
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            password,
            "hcc.data.return",
            "import_case_system_activity",
            [rows],
        )

    def test_feed_over_xmlrpc(self):
        contract = self._active_contract(activity_source="case_system")
        rows = [
            {
                "contract_reference": contract.name,
                "date_from": "2026-04-01",
                "date_to": "2026-04-30",
                "units_delivered": 440,
                "people_served": 30,
            },
            {
                "contract_reference": contract.name,
                "date_from": "2026-05-01",
                "date_to": "2026-05-31",
            },
        ]
        for user in (self.user_sm, self.user_finance, self.user_viewer):
            with self.assertRaises(xmlrpc.client.Fault) as caught:
                self._call(user, rows)
            self.assertIn("Contract Support Officer", caught.exception.faultString)
        self.assertFalse(contract.return_ids)
        result = self._call(self.user_cso, rows)
        self.assertEqual(len(result["imported"]), 1)
        self.assertEqual(result["refused"][0]["row"], 2)
        self.assertIn(
            "“Units Delivered” is required", result["refused"][0]["errors"][0]
        )
        contract.invalidate_recordset()
        self.assertEqual(contract.return_ids.units_delivered, 440)
        self.assertEqual(contract.return_ids.state, "accepted")
        self.assertEqual(contract.activity_delivered, 440)
