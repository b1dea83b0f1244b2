from odoo.addons.hcc_contracts.tests.common import HccContractsCase


class TestCqcProviderRisk(HccContractsCase):
    """A location rated Inadequate makes its provider's risk red, one rated
    Requires improvement or deregistered amber, by the default rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._create_contract()
        cls.contract.action_activate()
        cls.location = cls.env["res.partner"].create(
            {
                "name": "Test Provider Ltd, Basingstoke",
                "parent_id": cls.provider.id,
                "type": "other",
                "cqc_location_id": "1-000000001",
            }
        )

    def _risk(self):
        Risk = self.env["hcc.provider.risk"]
        Risk._cron_assess_provider_risk()
        risk = Risk.search([("partner_id", "=", self.provider.id)])
        risk.date_assessed = False
        return risk

    def test_location_ratings_and_registration(self):
        # the contract's own RAG evidence has no bearing on these checks
        self.location.cqc_overall_rating = "good"
        risk = self._risk()
        self.assertNotIn("CQC", risk.reasons or "")
        self.location.cqc_overall_rating = "inadequate"
        risk = self._risk()
        self.assertEqual(risk.level, "red")
        self.assertIn(
            "CQC locations rated Inadequate: 1 (1 or more: Red).", risk.reasons
        )
        self.location.cqc_overall_rating = "requires_improvement"
        risk = self._risk()
        self.assertIn(
            "CQC locations rated Requires improvement: 1 (1 or more: Amber).",
            risk.reasons,
        )
        self.assertNotIn("Inadequate", risk.reasons)
        # deregistered: its last rating no longer counts, the deregistration does
        self.location.write(
            {
                "cqc_overall_rating": "inadequate",
                "cqc_registration_status": "deregistered",
            }
        )
        risk = self._risk()
        self.assertIn("CQC locations deregistered: 1 (1 or more: Amber).", risk.reasons)
        self.assertNotIn("Inadequate", risk.reasons)
