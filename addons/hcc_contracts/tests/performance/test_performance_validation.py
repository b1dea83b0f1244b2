from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_performance import HccPerformanceCase

IMPORT_FIELDS = [
    "contract_id",
    "date_from",
    "date_to",
    "date_received",
    "people_served",
    "statements_issued",
    "assessments_done",
    "reviews_done",
    "units_delivered",
]


@tagged("post_install", "-at_install")
@freeze_time("2026-08-20")
class TestPerformanceBadInput(HccPerformanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._active_contract()
        cls.Return = cls.env["hcc.data.return"]

    def _returns(self):
        return self.Return.search([("contract_id", "=", self.contract.id)])

    def test_negative_counts(self):
        ret = self._return(
            self.contract,
            "2026-04-01",
            "2026-04-30",
            user=self.user_sm,
            people_served=10,
        )
        for fname, label in [
            ("people_served", "People Served"),
            ("statements_issued", "Statements of Service Issued"),
            ("units_delivered", "Units Delivered"),
        ]:
            with self.assertRaisesMessage(
                ValidationError, f"“{label}” cannot be negative (-3"
            ):
                ret.write({fname: -3, "note": "changed"})
            ret.invalidate_recordset()
            self.assertEqual(ret.people_served, 10)
            self.assertFalse(ret.note, "nothing half-saved")
        with self.assertRaisesMessage(ValidationError, "youngest age (65) is above"):
            ret.write({"age_range_min": 65, "age_range_max": 18})

    def test_period_outside_contract(self):
        with self.assertRaisesMessage(
            ValidationError, "is outside the contract, which runs from 04/01/2026"
        ):
            self._return(self.contract, "2026-03-01", "2026-03-31")
        with self.assertRaisesMessage(ValidationError, "is outside the contract"):
            self._return(self.contract, "2029-03-01", "2029-04-30")
        with self.assertRaisesMessage(
            ValidationError,
            "the period ends (05/01/2026) before it starts (05/31/2026)",
        ):
            self._return(self.contract, "2026-05-31", "2026-05-01")
        self.assertFalse(self._returns())

    def test_duplicate_and_overlapping_periods(self):
        self._return(self.contract, "2026-04-01", "2026-04-30")
        with self.assertRaisesMessage(
            ValidationError, "already has a data return for April 2026"
        ):
            self._return(self.contract, "2026-04-01", "2026-04-30")
        with self.assertRaisesMessage(ValidationError, "would count that period twice"):
            self._return(self.contract, "2026-04-15", "2026-05-14")
        self.assertEqual(len(self._returns()), 1)

    def test_import_with_one_bad_row_imports_nothing(self):
        ref = self.contract.name
        rows = [
            [
                ref,
                "2026-04-01",
                "2026-04-30",
                "2026-05-10",
                "12",
                "12",
                "3",
                "2",
                "480",
            ],
            [
                ref,
                "2026-05-01",
                "2026-05-31",
                "2026-06-10",
                "-4",
                "12",
                "3",
                "2",
                "470",
            ],
            [
                ref,
                "2026-06-01",
                "2026-06-30",
                "2026-07-10",
                "13",
                "13",
                "1",
                "4",
                "500",
            ],
        ]
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self.Return.load(IMPORT_FIELDS, rows)
        self.assertFalse(result["ids"])
        errors = [m for m in result["messages"] if m["type"] == "error"]
        # Odoo repeats the first error of the whole file at the top; every
        # message is about the bad row, and the row-by-row one points at it
        self.assertTrue(errors)
        for error in errors:
            self.assertIn(
                "May 2026: “People Served” cannot be negative (-4)", error["message"]
            )
        self.assertIn(1, [e["record"] for e in errors], "the second row is named")
        self.assertFalse(self._returns(), "nothing imported from a file with errors")

    def test_import_duplicate_and_outside_rows(self):
        ref = self.contract.name
        rows = [
            [
                ref,
                "2026-04-01",
                "2026-04-30",
                "2026-05-10",
                "12",
                "12",
                "3",
                "2",
                "480",
            ],
            [
                ref,
                "2026-04-01",
                "2026-04-30",
                "2026-05-10",
                "12",
                "12",
                "3",
                "2",
                "480",
            ],
            [
                ref,
                "2025-04-01",
                "2025-04-30",
                "2025-05-10",
                "12",
                "12",
                "3",
                "2",
                "480",
            ],
        ]
        with mute_logger("odoo.sql_db", "odoo.models"):
            result = self.Return.load(IMPORT_FIELDS, rows)
        self.assertFalse(result["ids"])
        messages = {
            m["record"]: m["message"]
            for m in result["messages"]
            if m["type"] == "error"
        }
        self.assertIn("already has a data return for April 2026", messages[1])
        self.assertIn("is outside the contract", messages[2])
        self.assertNotIn(0, messages)
        self.assertFalse(self._returns())

    def test_good_import(self):
        ref = self.contract.name
        rows = [
            [
                ref,
                "2026-04-01",
                "2026-04-30",
                "2026-05-10",
                "12",
                "12",
                "3",
                "2",
                "480",
            ],
            [
                ref,
                "2026-05-01",
                "2026-05-31",
                "2026-06-20",
                "13",
                "13",
                "1",
                "4",
                "500",
            ],
        ]
        result = self.Return.with_user(self.user_sm).load(IMPORT_FIELDS, rows)
        self.assertEqual(len(result["ids"]), 2, result["messages"])
        returns = self._returns().sorted("date_from")
        self.assertEqual(returns.mapped("state"), ["received", "received"])
        self.assertEqual(returns.mapped("received_late"), [False, True])
        self.assertEqual(returns.mapped("units_delivered"), [480.0, 500.0])

    def test_settings(self):
        with self.assertRaisesMessage(ValidationError, "red (90.0%) at or below amber"):
            self.company.write({"hcc_utilisation_red": 90.0})
        self.assertEqual(self.company.hcc_utilisation_red, 70.0)
        with self.assertRaisesMessage(ValidationError, "cannot be due before the end"):
            self.company.hcc_return_due_days = -1

    def test_survey_and_complaint_input(self):
        survey = self.env["hcc.satisfaction.survey"].create(
            self.env["hcc.satisfaction.survey"]._prepare_survey_vals(self.contract, 1)
        )
        with self.assertRaisesMessage(ValidationError, "between 0% and 100%"):
            survey.write({"satisfied_percent": 120})
        with self.assertRaisesMessage(
            ValidationError, "already has a survey for year 1"
        ):
            self.env["hcc.satisfaction.survey"].create(
                self.env["hcc.satisfaction.survey"]._prepare_survey_vals(
                    self.contract, 1
                )
            )
        Complaint = self.env["hcc.contract.complaint"]
        with self.assertRaisesMessage(
            ValidationError, "resolved before it was received"
        ):
            Complaint.create(
                {
                    "contract_id": self.contract.id,
                    "name": "Cold meal",
                    "date_received": "2026-06-10",
                    "date_resolved": "2026-06-01",
                }
            )
        with self.assertRaisesMessage(
            ValidationError, "only complaints have an outcome"
        ):
            Complaint.create(
                {
                    "contract_id": self.contract.id,
                    "name": "Lovely staff",
                    "complaint_type": "compliment",
                    "outcome": "upheld",
                }
            )
        complaint = Complaint.create(
            {
                "contract_id": self.contract.id,
                "name": "Cold meal",
                "date_received": "2026-06-10",
                "date_resolved": "2026-06-24",
                "outcome": "partly_upheld",
            }
        )
        self.assertEqual(complaint.days_to_resolve, 14)
        self.assertFalse(complaint.is_open)
        with self.assertRaisesMessage(UserError, "archive them instead"):
            complaint.unlink()
        complaint.action_archive()
        self.assertFalse(complaint.active)
        self.assertEqual(self.contract.complaint_count, 0, "archived are hidden")
