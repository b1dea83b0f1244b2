from odoo import fields, models


class HccProviderRiskRule(models.Model):
    _inherit = "hcc.provider.risk.rule"

    signal = fields.Selection(
        selection_add=[("provider_failure", "Provider failure declared")],
        ondelete={"provider_failure": "cascade"},
    )


class HccProviderRisk(models.Model):
    _inherit = "hcc.provider.risk"

    def _get_signal_counts(self):
        """Adds the provider's declared failures (``provider_failure``)."""
        counts = super()._get_signal_counts()
        groups = (
            self.env["hcc.provider.failure"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "declared"),
                ],
                ["partner_id", "company_id"],
                ["__count"],
            )
        )
        key = {(risk.partner_id.id, risk.company_id.id): risk.id for risk in self}
        for partner, company, count in groups:
            risk_id = key.get((partner.id, company.id))
            if risk_id:
                counts.setdefault(risk_id, {})["provider_failure"] = count
        return counts
