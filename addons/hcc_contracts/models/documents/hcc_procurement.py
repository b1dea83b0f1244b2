from odoo import _, fields, models


class HccProcurement(models.Model):
    """The procurement's part of the contract file (Appendix A 4 to 9): its
    authorisation report, advert, evaluation, letters to unsuccessful
    bidders and the signed contract."""

    _inherit = "hcc.procurement"

    document_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Documents",
        domain=[
            ("res_model", "=", "hcc.procurement"),
            ("hcc_document_type", "!=", False),
        ],
    )

    def _get_signature_problems(self):
        """A9: the countersigned contract is filed before the procurement is
        done, on the procurement or on the contract it awarded."""
        problems = super()._get_signature_problems()
        filed = self.env["ir.attachment"].search_count(
            [
                ("hcc_document_type", "=", "signed_contract"),
                "|",
                "&",
                ("res_model", "=", "hcc.procurement"),
                ("res_id", "=", self.id),
                "&",
                ("res_model", "=", "hcc.contract"),
                ("res_id", "=", self.awarded_contract_id.id),
            ]
        )
        if not filed:
            problems.append(
                _("File the signed contract in the documents (Appendix A 9).")
            )
        return problems
