from odoo import _, fields, models


class HccContractRevision(models.Model):
    """A variation is applied with its letter to the provider, or the reason
    why there is none (7.4, 9.5)."""

    _inherit = "hcc.contract.revision"

    document_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Documents",
        domain=[
            ("res_model", "=", "hcc.contract.revision"),
            ("hcc_document_type", "!=", False),
        ],
    )
    no_letter_reason = fields.Text(
        string="Why No Variation Letter",
        tracking=True,
        help="Only when the variation is applied without a letter to the "
        "provider: why.",
    )

    def _get_apply_problems(self):
        problems = super()._get_apply_problems()
        letter = self.env["ir.attachment"].search_count(
            [
                ("hcc_document_type", "=", "variation_letter"),
                "|",
                "&",
                ("res_model", "=", "hcc.contract.revision"),
                ("res_id", "=", self.id),
                "&",
                ("res_model", "=", "hcc.contract"),
                ("res_id", "=", self.contract_id.id),
                ("create_date", ">=", self.create_date),
            ]
        )
        if not letter and not (self.no_letter_reason or "").strip():
            problems.append(
                _(
                    "File the variation letter sent to the provider, or say why "
                    "there is none."
                )
            )
        return problems
