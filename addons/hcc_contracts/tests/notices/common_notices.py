from freezegun import freeze_time

from odoo import fields

from ..common import HccContractsCase, create_before_events, on_earliest


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
        """A notice drafted on or before the dates it states (the CSO
        consulted, served)."""
        env = self.env(user=user) if user else self.env
        vals = self._notice_vals(contract=contract, **overrides)
        return create_before_events(
            env["hcc.contract.notice"], vals, ("date_cso_consulted", "date_served")
        )

    def _served_notice(self, date_served="2026-06-02", **overrides):
        notice = self._create_notice(date_served=date_served, **overrides)
        notice.action_serve()
        return notice

    def _termination_case(self, user=None, contract=None, **overrides):
        """A case for early termination, opened by the lead officer."""
        vals = {
            "contract_id": (contract or self.contract).id,
            "reason": "<p>Failings not corrected after the improvement notice.</p>",
            "service_users_affected": 42,
            "impact_note": "<p>42 older people lose their weekend visits.</p>",
            "alternative_arrangements": "<p>Spot purchase from two providers.</p>",
            "alternative_date": "2026-09-30",
            "date_provider_informed": "2026-07-14",
            "date_termination_planned": "2026-08-31",
        }
        vals.update(overrides)
        # opened on or before the day the provider was informed
        with on_earliest(vals.get("date_provider_informed")):
            return (
                self.env["hcc.contract.termination"]
                .with_user(user or self.user_sm)
                .create(vals)
            )

    def _terminate_through_case(
        self, contract=None, date_terminated="2026-08-31", run_to_end=True, **overrides
    ):
        """Terminate a contract early the one way there is, the case (9.2 to
        9.4), each step by its role: the lead officer proposes, the CSO
        records the discussion, the County Manager decides after consulting
        Legal Services, who carry it out with their reference. A termination
        on a later day leaves the contract terminating: with ``run_to_end``,
        the daily lifecycle step then runs on that day and ends it."""
        case = self._termination_case(contract=contract, **overrides)
        # Legal Services consulted on 16 July, or today if earlier; the case
        # proposed and discussed before
        consulted = min(fields.Date.to_date("2026-07-16"), fields.Date.today())
        with on_earliest(case.date_provider_informed, consulted):
            case.action_propose()
            case = case.with_user(self.user_cso)
            case.discussion_note = "<p>Agreed: the notice process is exhausted.</p>"
            case.action_record_discussion()
        case = case.with_user(self.user_cm)
        case.write(
            {
                "date_legal_consulted": consulted,
                "legal_advice": "<p>Grounds are sound; 30 days' notice.</p>",
            }
        )
        case.action_decide_terminate()
        case = case.with_user(self.user_legal)
        case.write(
            {"legal_reference": "LS/2026/117", "date_terminated": date_terminated}
        )
        case.action_complete()
        terminating = case.sudo().contract_id
        if run_to_end and terminating.state == "active":
            with freeze_time(date_terminated):
                self.env["hcc.contract"]._cron_contract_lifecycle()
        return case
