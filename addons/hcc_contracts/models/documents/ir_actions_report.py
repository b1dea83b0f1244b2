from odoo import fields, models

from .ir_attachment import DOCUMENT_TYPES

# the documents that an action of their record files and links to it, rather
# than the first print: {document type: (model, field of the link)}
LINKED_DOCUMENTS = {
    "notice_letter": ("hcc.contract.notice", "letter_attachment_id"),
}


class IrActionsReport(models.Model):
    """A report that issues a document of the contract file (a letter, a
    report) saves it on its record when printed (``attachment`` and
    ``attachment_use``) and files it under its type.

    The notice letter as served is filed by the serve action and linked to
    the notice: printing it again returns that PDF, never an attachment that
    merely bears its name (anyone who may change the notice may upload one)."""

    _inherit = "ir.actions.report"

    hcc_document_type = fields.Selection(
        DOCUMENT_TYPES,
        string="Contract File Type",
        help="The PDF saved on the record when printed is filed in the contract "
        "file under this type.",
    )

    def retrieve_attachment(self, record):
        link = self._hcc_linked_document_field(record)
        if link:
            return record.sudo()[link].with_env(self.env)
        return super().retrieve_attachment(record)

    def _prepare_pdf_report_attachment_vals_list(self, report, streams):
        vals_list = super()._prepare_pdf_report_attachment_vals_list(report, streams)
        if report._hcc_linked_document_field(self.env[report.model]):
            # filed by the action of the record (see LINKED_DOCUMENTS)
            return []
        if report.hcc_document_type:
            for vals in vals_list:
                vals["hcc_document_type"] = report.hcc_document_type
        return vals_list

    def _hcc_linked_document_field(self, record):
        """The field of ``record`` that links the document this report
        issues, or None when the first print files it."""
        model, field = LINKED_DOCUMENTS.get(self.hcc_document_type, (None, None))
        return field if model and record._name == model else None
