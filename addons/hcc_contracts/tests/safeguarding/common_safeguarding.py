from odoo.tests import new_test_user

from ..common import HccContractsCase


class HccSafeguardingCase(HccContractsCase):
    """An active contract of the north, and a Contract Support Officer of the
    north who holds the group "Safeguarding"."""

    rag_sources = ("safeguarding",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_safeguarding = new_test_user(
            cls.env,
            login="hcc_sg",
            groups="base.group_user,hcc_contracts.group_support_officer,"
            "hcc_contracts.group_safeguarding",
            name="Safeguarding Lead",
            lang="en_GB",
            tz="Europe/London",
        )
        cls.user_safeguarding.hcc_locality_ids = cls.locality_north
        cls.contract = cls._create_contract()
        cls.contract.action_activate()

    def _concern(self, user=None, **vals):
        env = self.env(user=user or self.user_safeguarding)
        return env["hcc.safeguarding.concern"].create(
            {
                "contract_id": self.contract.id,
                "case_reference": "SG-0042",
                "category": "neglect",
                "level": "medium",
                "summary": "Missed medication rounds on two days.",
                **vals,
            }
        )
