from odoo import _, api, fields, models


class HccContractRevision(models.Model):
    """A revision made by a fee review round is marked with it."""

    _inherit = "hcc.contract.revision"

    fee_review_id = fields.Many2one(
        "hcc.fee.review",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The fee review round that made this revision.",
    )

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {"fee_review_id"}

    def _hcc_file_fee_review_letter(self):
        """File the variation letter of a revision made by a fee review. The
        letter's template belongs to the reports addon, which files it here;
        without it, the revision says the provider was told by the round."""
        filed = self._hcc_with_fee_review_letter()
        for revision in self - filed:
            revision.no_letter_reason = _(
                "New prices of fee review %(ref)s: no letter template is "
                "installed (Social Care Contracts Reports).",
                ref=revision.fee_review_id.name,
            )

    def _hcc_with_fee_review_letter(self):
        """The revisions of ``self`` whose variation letter is filed."""
        letters = (
            self.env["ir.attachment"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("hcc_document_type", "=", "variation_letter"),
                ],
                ["res_id"],
            )
        )
        filed = set(letters.mapped("res_id"))
        return self.filtered(lambda revision: revision.id in filed)
