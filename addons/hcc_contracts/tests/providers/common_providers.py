from odoo import fields

from ..safeguarding.common_safeguarding import HccSafeguardingCase


class HccProviderRiskCase(HccSafeguardingCase):
    """Three live contracts of one provider, two in the north and one in
    the south; the RAG status reads safeguarding concerns only, so a test
    turns a contract amber (medium concern) or red (high) at will."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm
        cls.north_2 = cls._create_contract(title="Home care north", annual_value=80000)
        cls.south = cls._create_contract(
            title="Home care south",
            locality_id=cls.locality_south.id,
            lead_officer_id=cls.user_sm_south.id,
            representative_id=cls.user_sm_south.id,
            support_officer_id=False,
            annual_value=200000,
        )
        (cls.north_2 | cls.south).action_activate()
        cls.Risk = cls.env["hcc.provider.risk"]

    def _assess_all(self):
        """The provider's rating assessed now, as Assess Now does (it was
        first assessed today, when its contracts went live)."""
        self.Risk._assess_live_providers()
        return self.Risk.search([("partner_id", "=", self.provider.id)])

    def _assess_again(self, risk):
        """The next day's assessment, by the nightly scheduled action."""
        risk.date_assessed = fields.Date.subtract(risk.date_assessed, days=1)
        self.Risk._cron_assess_provider_risk()
        return self.Risk.search([("partner_id", "=", self.provider.id)])
