from odoo import api, models


class ReportCompliance(models.AbstractModel):
    """Compliance with the performance standards 12.1-12.7, per locality:
    the selected rows of the analysis grouped by locality with the standards
    met in each. Data is read in one query whatever the number of rows."""

    _name = "report.hcc_contracts_reports.report_compliance"
    _description = "Compliance with the performance standards"

    @api.model
    def _get_report_values(self, docids, data=None):
        rows = self.env["hcc.compliance.report"].browse(docids)
        rows.check_access("read")
        rows = rows.sorted(lambda r: (r.locality_id.name or "", r.contract_id.name))
        standards = [
            (name, rows._fields[name].string)
            for name in (
                "std_12_1",
                "std_12_2",
                "std_12_3",
                "std_12_4",
                "std_12_5",
                "std_12_6",
                "std_12_7",
            )
        ]
        localities = []
        for locality in rows.locality_id:
            loc_rows = rows.filtered(lambda r, loc=locality: r.locality_id == loc)
            localities.append(
                {
                    "locality": locality,
                    "rows": loc_rows,
                    "met": {
                        name: len(loc_rows.filtered(name)) for name, _label in standards
                    },
                    "rate": round(
                        sum(loc_rows.mapped("standards_met"))
                        * 100.0
                        / (7 * len(loc_rows)),
                        1,
                    ),
                }
            )
        return {
            "doc_ids": docids,
            "doc_model": "hcc.compliance.report",
            "docs": rows,
            "standards": standards,
            "localities": localities,
            "company": self.env.company,
        }
