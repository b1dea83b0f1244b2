from odoo import fields, models

from .hcc_provider_document import CONTINUITY_TYPES


class HccProviderRiskRule(models.Model):
    _inherit = "hcc.provider.risk.rule"

    signal = fields.Selection(
        selection_add=[
            ("expired_documents", "Compliance documents expired"),
            ("overdue_bcp", "Business continuity or contingency plans overdue"),
        ],
        ondelete={"expired_documents": "cascade", "overdue_bcp": "cascade"},
    )


class HccProviderRisk(models.Model):
    _inherit = "hcc.provider.risk"

    def _get_signal_counts(self):
        """Adds the provider's current compliance documents past their expiry
        or review date (``expired_documents``), and among them its business
        continuity and contingency plans (``overdue_bcp``)."""
        counts = super()._get_signal_counts()
        today = fields.Date.context_today(self)
        groups = (
            self.env["hcc.provider.document"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "current"),
                    ("date_expiry", "<", today),
                ],
                ["partner_id", "company_id", "document_type"],
                ["__count"],
            )
        )
        key = {(risk.partner_id.id, risk.company_id.id): risk.id for risk in self}
        for partner, company, document_type, count in groups:
            risk_id = key.get((partner.id, company.id))
            if not risk_id:
                continue
            signals = counts.setdefault(risk_id, {})
            signals["expired_documents"] = signals.get("expired_documents", 0) + count
            if document_type in CONTINUITY_TYPES:
                signals["overdue_bcp"] = signals.get("overdue_bcp", 0) + count
        return counts
