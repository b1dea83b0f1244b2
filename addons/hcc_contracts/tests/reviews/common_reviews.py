from ..common import HccContractsCase

COMPLETE_ANSWERS = {
    "needs_met": "yes",
    "needs_met_evidence": "<p>All referrals met within target.</p>",
    "spec_amend": "no",
    "spec_amend_evidence": "<p>The specification still fits the service.</p>",
    "value_for_money": "partly",
    "value_for_money_evidence": "<p>Unit cost above benchmark in one quarter.</p>",
    "renew": "yes",
    "renew_evidence": "<p>No better provider in the locality.</p>",
    "tendering_approach": "single_tender",
    "service_users_views": "<p>Survey: 90% satisfied.</p>",
    "decision": "renew",
    # 10.2: told of the decision once it is made, or the reason recorded
    "not_informed_reason": "To be told at the provider forum next month.",
}


class HccReviewsCase(HccContractsCase):
    """Adds what the review tests share: a County Manager on the company and a
    snapshot of everything a scheduled action may create or change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm
        cls.company.hcc_review_lead_months = 3
        cls.type_review = cls.env.ref(
            "hcc_contracts.mail_activity_type_contract_review"
        )
        cls.type_alert = cls.env.ref("hcc_contracts.mail_activity_type_renewal_alert")
        cls.type_late = cls.env.ref("hcc_contracts.mail_activity_type_review_late")

    def _active_contract(self, **overrides):
        contract = self._create_contract(**overrides)
        contract.action_activate()
        return contract

    def _snapshot(self):
        """Counts and states that a second run of a cron must leave alone."""
        self.env.flush_all()
        self.env.invalidate_all()
        activities = self.env["mail.activity"].with_context(active_test=False)
        reviews = self.env["hcc.contract.review"].search([])
        contracts = self.env["hcc.contract"].with_context(active_test=False).search([])
        return {
            "activities": activities.search_count([]),
            "messages": self.env["mail.message"].search_count([]),
            "mails": self.env["mail.mail"].search_count([]),
            "reviews": sorted(
                (r.id, r.state, r.is_late, r.escalation_level, str(r.date_due))
                for r in reviews
            ),
            "contracts": sorted(
                (c.id, c.state, c.review_state, c.activation_reminded)
                for c in contracts
            ),
        }

    def _run_twice(self, cron):
        """Run a cron, then again, asserting the second run changes nothing."""
        cron()
        before = self._snapshot()
        cron()
        self.assertEqual(self._snapshot(), before, "the second run changed something")

    def _open_activities(self, record, activity_type=None):
        activities = self.env["mail.activity"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )
        if activity_type:
            activities = activities.filtered(
                lambda a: a.activity_type_id == activity_type
            )
        return activities
