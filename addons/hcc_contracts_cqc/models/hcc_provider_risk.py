from odoo import fields, models


class HccProviderRiskRule(models.Model):
    _inherit = "hcc.provider.risk.rule"

    signal = fields.Selection(
        selection_add=[
            ("cqc_inadequate", "CQC locations rated Inadequate"),
            ("cqc_requires_improvement", "CQC locations rated Requires improvement"),
            ("cqc_deregistered", "CQC locations deregistered"),
        ],
        ondelete={
            "cqc_inadequate": "cascade",
            "cqc_requires_improvement": "cascade",
            "cqc_deregistered": "cascade",
        },
    )


class HccProviderRisk(models.Model):
    """The CQC's view of each location of the provider, as signals of its
    risk: its ratings and whether it is still registered."""

    _inherit = "hcc.provider.risk"

    def _get_signal_counts(self):
        counts = super()._get_signal_counts()
        providers = self.partner_id.commercial_partner_id
        if not providers:
            return counts
        locations = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("commercial_partner_id", "in", providers.ids),
                    ("cqc_location_id", "!=", False),
                ],
                [
                    "commercial_partner_id",
                    "cqc_overall_rating",
                    "cqc_registration_status",
                ],
            )
        )
        for risk in self:
            mine = locations.filtered(
                lambda loc, risk=risk: loc.commercial_partner_id
                == risk.partner_id.commercial_partner_id
            )
            registered = mine.filtered(
                lambda loc: loc.cqc_registration_status != "deregistered"
            )
            signals = counts.setdefault(risk.id, {})
            signals["cqc_inadequate"] = len(
                registered.filtered(lambda loc: loc.cqc_overall_rating == "inadequate")
            )
            signals["cqc_requires_improvement"] = len(
                registered.filtered(
                    lambda loc: loc.cqc_overall_rating == "requires_improvement"
                )
            )
            signals["cqc_deregistered"] = len(mine) - len(registered)
        return counts
