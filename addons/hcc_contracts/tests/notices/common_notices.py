from ..common import HccContractsCase


class HccNoticesCase(HccContractsCase):
    """Adds an active contract led by ``user_sm`` in the north, and helpers
    for notices, revisions and early terminations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._create_contract()
        cls.contract.action_activate()

    @classmethod
    def _notice_vals(cls, contract=None, **overrides):
        vals = {
            "contract_id": (contract or cls.contract).id,
            "notice_type": "improvement",
            "failings": "<p>Missed visits above 5% for three months.</p>",
            "evidence_note": "Monitoring meeting of 12 May; complaints log.",
            "cso_consulted_id": cls.user_cso.id,
            "date_cso_consulted": "2026-06-01",
        }
        vals.update(overrides)
        return vals

    def _create_notice(self, user=None, contract=None, **overrides):
        env = self.env(user=user) if user else self.env
        return env["hcc.contract.notice"].create(
            self._notice_vals(contract=contract, **overrides)
        )

    def _served_notice(self, date_served="2026-06-02", **overrides):
        notice = self._create_notice(date_served=date_served, **overrides)
        notice.action_serve()
        return notice

    def _wizard(self, user, contract=None, **overrides):
        contract = contract or self.contract
        vals = {
            "contract_id": contract.id,
            "reason": "<p>Failings not corrected after the improvement notice.</p>",
            "fundamental_breach": False,
            "cso_consulted_id": self.user_cso.id,
            "date_cso_consulted": "2026-07-10",
            "legal_services_reference": "LS/2026/117",
            "service_users_affected": 42,
            "alternative_arrangements": "<p>Spot purchase from two providers.</p>",
            "alternative_date": "2026-09-30",
            "date_provider_informed": "2026-07-14",
            "date_terminated": "2026-08-31",
        }
        vals.update(overrides)
        return (
            self.env["hcc.contract.terminate.wizard"]
            .with_user(user)
            .with_context(default_contract_id=contract.id)
            .create(vals)
        )
