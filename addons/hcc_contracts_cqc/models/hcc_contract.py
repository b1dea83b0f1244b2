from odoo import _, models

from odoo.addons.hcc_contracts.tools.selection import selection_label


class HccContract(models.Model):
    """The CQC ratings of the provider's locations as evidence of the
    contract's RAG status."""

    _inherit = "hcc.contract"

    # ------------------------------------------------------------------
    # RAG: CQC ratings of the provider's locations
    # ------------------------------------------------------------------
    def _get_rag_evidence(self):
        evidence = super()._get_rag_evidence()
        if not self._rag_source_enabled("cqc"):
            return evidence
        providers = self.partner_id.commercial_partner_id
        locations = self.env["res.partner"].search(
            [
                ("commercial_partner_id", "in", providers.ids),
                ("cqc_overall_rating", "in", ("requires_improvement", "inadequate")),
            ]
        )
        for contract in self:
            provider = contract.partner_id.commercial_partner_id
            for location in locations.filtered(
                lambda p, provider=provider: p.commercial_partner_id == provider
            ):
                level = (
                    "red" if location.cqc_overall_rating == "inadequate" else "amber"
                )
                evidence.setdefault(contract.id, []).append(
                    (
                        level,
                        _(
                            "CQC rates %(location)s %(rating)s.",
                            location=location.display_name,
                            rating=selection_label(
                                location,
                                "cqc_overall_rating",
                                location.cqc_overall_rating,
                            ).lower(),
                        ),
                    )
                )
        return evidence
