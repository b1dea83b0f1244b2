from odoo import _, api, fields, models

from .hcc_data_return import CASE_SYSTEM_COLUMNS


class HccCaseActivityImport(models.TransientModel):
    """The target of Odoo's import (CSV, XLSX) for the activity data exported
    by the case-management system (procedure 8.1): its fields are the columns
    of the export; ``load`` hands the rows to
    ``hcc.data.return.import_case_system_activity``, which validates each row
    and records it. Nothing is ever stored in this model."""

    _name = "hcc.case.activity.import"
    _description = "Activity Data from the Case-Management System"

    contract_reference = fields.Char(required=True)
    date_from = fields.Date(string="Period Start", required=True)
    date_to = fields.Date(string="Period End", required=True)
    units_delivered = fields.Float(required=True)
    people_served = fields.Integer()
    nature_of_service = fields.Text()
    age_range_min = fields.Integer(string="Youngest Age")
    age_range_max = fields.Integer(string="Oldest Age")
    statements_issued = fields.Integer(string="Statements of Service Issued")
    assessments_done = fields.Integer(string="Assessments Carried Out")
    reviews_done = fields.Integer(string="Reviews Carried Out")
    note = fields.Text()

    @api.model
    def load(self, fields, data):
        """Import the rows as the case-management system's activity data. As
        with any import in Odoo, the file is all or nothing: when a row is
        refused, every row is reported with its reasons and nothing of the
        file is saved (importing it again once corrected replaces the periods
        it holds, so no duplicate is made)."""
        unknown = [name for name in fields if name not in CASE_SYSTEM_COLUMNS]
        if unknown:
            return {
                "ids": False,
                "nextrow": 0,
                "messages": [
                    {
                        "type": "error",
                        "message": _(
                            "These columns are not activity data: %(columns)s.",
                            columns=", ".join(unknown),
                        ),
                        "record": False,
                    }
                ],
            }
        rows = [
            {name: value for name, value in zip(fields, line, strict=False)}
            for line in data
        ]
        Return = self.env["hcc.data.return"]
        savepoint = self.env.cr.savepoint()
        result = Return.import_case_system_activity(rows)
        if result["refused"]:
            savepoint.close(rollback=True)
            self.env.invalidate_all()
            return {
                "ids": False,
                "nextrow": 0,
                "messages": [
                    {
                        "type": "error",
                        "message": self.env._(
                            "Row %(row)s (%(ref)s): %(errors)s",
                            row=refusal["row"],
                            ref=refusal["contract_reference"] or "?",
                            errors=" ".join(refusal["errors"]),
                        ),
                        "record": refusal["row"] - 1,
                        "rows": {"from": refusal["row"] - 1, "to": refusal["row"] - 1},
                    }
                    for refusal in result["refused"]
                ],
            }
        savepoint.close(rollback=False)
        return {"ids": result["imported"], "nextrow": 0, "messages": []}
