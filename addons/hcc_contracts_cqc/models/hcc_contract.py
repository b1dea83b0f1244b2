from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.hcc_contracts.tools.selection import selection_label


class HccContract(models.Model):
    """The CQC ratings and registration of the provider's locations as
    evidence of the contract's RAG status."""

    _inherit = "hcc.contract"

    cqc_deregistered_location_ids = fields.Many2many(
        "res.partner",
        string="Deregistered CQC Locations",
        compute="_compute_cqc_deregistered_location_ids",
        search="_search_cqc_deregistered_location_ids",
        help="Locations of the provider the CQC has deregistered: they may no "
        "longer provide regulated care there.",
    )

    @api.depends("partner_id")
    def _compute_cqc_deregistered_location_ids(self):
        locations = self._cqc_deregistered_locations()
        for contract in self:
            provider = contract.partner_id.commercial_partner_id
            contract.cqc_deregistered_location_ids = locations.filtered(
                lambda p, provider=provider: provider
                and p.commercial_partner_id == provider
            )

    def _search_cqc_deregistered_location_ids(self, operator, value):
        if operator not in ("!=", "=") or value is not False:
            raise UserError(_("Unsupported search on “Deregistered CQC Locations”."))
        providers = (
            self.env["res.partner"]
            .sudo()
            .search([("cqc_registration_status", "=", "deregistered")])
            .commercial_partner_id
        )
        positive = operator == "!="
        return [
            (
                "partner_id.commercial_partner_id",
                "in" if positive else "not in",
                providers.ids,
            )
        ]

    def _cqc_deregistered_locations(self):
        providers = self.partner_id.commercial_partner_id
        if not providers:
            return self.env["res.partner"]
        return self.env["res.partner"].search(
            [
                ("commercial_partner_id", "in", providers.ids),
                ("cqc_registration_status", "=", "deregistered"),
            ]
        )

    # ------------------------------------------------------------------
    # RAG: CQC ratings and registration of the provider's locations
    # ------------------------------------------------------------------
    def _get_rag_evidence(self):
        evidence = super()._get_rag_evidence()
        if not self._rag_source_enabled("cqc"):
            return evidence
        providers = self.partner_id.commercial_partner_id
        locations = self.env["res.partner"].search(
            [
                ("commercial_partner_id", "in", providers.ids),
                "|",
                ("cqc_overall_rating", "in", ("requires_improvement", "inadequate")),
                ("cqc_registration_status", "=", "deregistered"),
            ]
        )
        for contract in self:
            provider = contract.partner_id.commercial_partner_id
            for location in locations.filtered(
                lambda p, provider=provider: p.commercial_partner_id == provider
            ):
                reasons = evidence.setdefault(contract.id, [])
                if location.cqc_registration_status == "deregistered":
                    reasons.append(
                        (
                            "amber",
                            _(
                                "CQC deregistered %(location)s on %(date)s: check "
                                "who now provides the care there.",
                                location=location.display_name,
                                date=location.cqc_deregistration_date.strftime(
                                    "%d/%m/%Y"
                                )
                                if location.cqc_deregistration_date
                                else _("an unknown date"),
                            ),
                        )
                    )
                if location.cqc_overall_rating in (
                    "requires_improvement",
                    "inadequate",
                ):
                    level = (
                        "red"
                        if location.cqc_overall_rating == "inadequate"
                        else "amber"
                    )
                    reasons.append(
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
