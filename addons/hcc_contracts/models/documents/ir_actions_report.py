from odoo import fields, models

from .ir_attachment import DOCUMENT_TYPES


class IrActionsReport(models.Model):
    """A report that issues a document of the contract file (a letter, a
    report) saves it on its record when printed (``attachment`` and
    ``attachment_use``) and files it under its type."""

    _inherit = "ir.actions.report"

    hcc_document_type = fields.Selection(
        DOCUMENT_TYPES,
        string="Contract File Type",
        help="The PDF saved on the record when printed is filed in the contract "
        "file under this type.",
    )

    def _prepare_pdf_report_attachment_vals_list(self, report, streams):
        vals_list = super()._prepare_pdf_report_attachment_vals_list(report, streams)
        if report.hcc_document_type:
            for vals in vals_list:
                vals["hcc_document_type"] = report.hcc_document_type
        return vals_list
