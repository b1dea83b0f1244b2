from odoo import _, api, models


class ReportContractReview(models.AbstractModel):
    """The contract review (procedure 10.1, 10.2): the five key questions with
    their answers and evidence, service users' views and the decision."""

    _name = "report.hcc_contracts_reports.report_contract_review"
    _description = "Contract review report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["hcc.contract.review"].browse(docids)
        docs.check_access("read")
        questions = {}
        for review in docs:
            questions[review.id] = [
                (
                    label,
                    review._fields[answer].convert_to_export(review[answer], review),
                    review[evidence] if evidence else False,
                )
                for label, answer, evidence in self._questions()
            ]
        return {
            "doc_ids": docids,
            "doc_model": "hcc.contract.review",
            "docs": docs,
            "questions": questions,
        }

    @api.model
    def _questions(self):
        return [
            (
                _("Has the contract met service needs?"),
                "needs_met",
                "needs_met_evidence",
            ),
            (
                _("Does the service specification need to be amended?"),
                "spec_amend",
                "spec_amend_evidence",
            ),
            (
                _("Has the contract represented value for money?"),
                "value_for_money",
                "value_for_money_evidence",
            ),
            (_("Should the contract be renewed?"), "renew", "renew_evidence"),
            (
                _("If so, what is the preferred tendering approach?"),
                "tendering_approach",
                "tendering_notes",
            ),
        ]
