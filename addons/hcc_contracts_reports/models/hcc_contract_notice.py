from odoo import models
from odoo.tools.safe_eval import safe_eval, time

NOTICE_LETTER = "hcc_contracts_reports.action_report_notice_letter"


class HccContractNotice(models.Model):
    _inherit = "hcc.contract.notice"

    def _hcc_file_served_letter(self):
        """File the letter as served: serving prints the letter afresh (never
        an attachment already bearing its name), files the PDF on the notice
        as "Notice letter as served" and links it to the notice; every later
        print returns that PDF (``retrieve_attachment``), so the file keeps
        what the provider received whatever changes or is uploaded
        afterwards."""
        res = super()._hcc_file_served_letter()
        Report = self.env["ir.actions.report"].with_context(
            report_pdf_no_attachment=True
        )
        report = Report._get_report(NOTICE_LETTER)
        for notice in self.filtered(lambda n: not n.letter_attachment_id):
            pdf, fmt = Report._render_qweb_pdf(NOTICE_LETTER, notice.ids)
            if fmt != "pdf":
                # tests render HTML unless they ask for a real PDF
                continue
            letter = self.env["ir.attachment"].create(
                {
                    "name": safe_eval(
                        report.attachment, {"object": notice, "time": time}
                    ),
                    "raw": pdf,
                    "res_model": notice._name,
                    "res_id": notice.id,
                    "mimetype": "application/pdf",
                    "hcc_document_type": report.hcc_document_type,
                }
            )
            notice._hcc_link_served_letter(letter)
        return res
