from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_procurement import HccProcurementCase


@tagged("post_install", "-at_install")
@freeze_time("2026-07-01")
class TestProcurementFlow(HccProcurementCase):
    """Appendix A walked from the need to the countersigned contract, each step
    done by its owner, with an activity handed to the owner of the next step."""

    def _assert_step_owner(self, procurement, step, user):
        self.assertEqual(procurement.step, step)
        activities = self._step_activities(procurement)
        self.assertEqual(len(activities), 1, f"one open step activity at {step}")
        self.assertEqual(activities.user_id, user, f"activity owner at {step}")
        self.assertEqual(procurement.step_user_id, user)

    def test_single_tender_to_signed_contract(self):
        procurement = self._create_procurement()
        self.assertTrue(procurement.name.startswith("PROC/"))
        self._assert_step_owner(procurement, "need", self.user_sm)
        self._do_need(procurement)
        self._assert_step_owner(procurement, "option", self.user_sm)
        self._do_option(procurement, "single_tender")
        self._assert_step_owner(procurement, "authorisation", self.user_cso)
        self._do_authorisation(procurement)
        self._assert_step_owner(procurement, "negotiation", self.user_sm)
        self._do_negotiation(procurement)
        self._assert_step_owner(procurement, "evaluation", self.user_sm)
        self._do_evaluation(procurement, self.provider)
        self._assert_step_owner(procurement, "award", self.user_cso)
        self._do_award(procurement)
        self._assert_step_owner(procurement, "signature", self.user_cso)
        self.assertEqual(str(procurement.date_awarded), "2026-07-01")

        contract = procurement.awarded_contract_id
        self.assertEqual(contract.state, "draft")
        self.assertEqual(contract.procurement_id, procurement)
        self.assertEqual(contract.partner_id, self.provider)
        self.assertEqual(contract.annual_value, 98000.0)
        self.assertEqual(contract.locality_id, self.locality_north)
        self.assertEqual(contract.care_group_id, self.care_group)
        self.assertEqual(contract.service_type_id, self.service_type)
        self.assertEqual(contract.lead_officer_id, self.user_sm)
        self.assertEqual(contract.representative_id, self.user_sm)
        self.assertEqual(contract.support_officer_id, self.user_cso)
        self.assertEqual(contract.payment_basis, "block")
        self.assertIn("Day opportunities for older people", contract.spec_scope)
        self.assertEqual(str(contract.date_start), "2026-09-01")
        self.assertEqual(contract.procurement_count, 1)
        # counted once, not twice; and past its first step, a procurement
        # does not change the contract it reviews
        with self.assertRaises(UserError):
            procurement.contract_id = contract
        self.assertFalse(procurement.contract_id)

        self._do_signature(procurement, informed=False)
        self.assertEqual(procurement.step, "done")
        self.assertFalse(self._step_activities(procurement))
        reminder = contract.activity_ids
        self.assertEqual(reminder.user_id, self.user_sm, "the lead officer activates")
        # the specification carried over is enough for the contract to go live
        contract.with_user(self.user_sm).action_activate()
        self.assertEqual(contract.state, "active")

    def test_competitive_tender_to_signed_contract(self):
        procurement = self._create_procurement()
        self._do_need(procurement)
        self._do_option(procurement, "competitive_tender")
        self._do_authorisation(procurement)
        self._assert_step_owner(procurement, "tender", self.user_cso)
        self._do_tender(procurement)
        self._assert_step_owner(procurement, "evaluation", self.user_sm)
        self.assertEqual(procurement.bid_count, 3)
        self.assertEqual(procurement.received_bid_count, 2)
        self._do_evaluation(procurement, self.provider_b)
        bid_a = self._bid(procurement, self.provider)
        bid_b = self._bid(procurement, self.provider_b)
        bid_c = self._bid(procurement, self.provider_c)
        # 60% quality / 40% price
        self.assertAlmostEqual(bid_a.total_score, 76.0)
        self.assertAlmostEqual(bid_b.total_score, 81.0)
        self.assertEqual((bid_b.rank, bid_a.rank, bid_c.rank), (1, 2, 0))
        self.assertTrue(bid_b.is_recommended)
        self._assert_step_owner(procurement, "award", self.user_cso)
        self._do_award(procurement)
        contract = procurement.awarded_contract_id
        self.assertEqual(contract.partner_id, self.provider_b)
        self.assertEqual(contract.annual_value, 99000.0)
        self._do_signature(procurement)
        self.assertEqual(procurement.step, "done")
        self.assertEqual(str(procurement.date_countersigned), "2026-07-17")

    def test_rank_follows_new_scores(self):
        procurement = self._walk_to_award("competitive_tender")
        bid_a = self._bid(procurement, self.provider)
        bid_a.quality_score = 100.0
        bid_a.price_score = 100.0
        self.assertEqual(bid_a.rank, 1)
        self.assertEqual(self._bid(procurement, self.provider_b).rank, 2)

    def test_review_starts_from_the_contract(self):
        contract = self._create_contract(
            care_group_id=self.care_group.id,
            spec_standards="<p>Inspected twice a year.</p>",
        )
        with Form(self.env["hcc.procurement"].with_user(self.user_cso)) as form:
            form.origin = "review"
            form.contract_id = contract
        procurement = form.record
        self.assertEqual(procurement.title, contract.title)
        self.assertEqual(procurement.locality_id, self.locality_north)
        self.assertEqual(procurement.lead_officer_id, self.user_sm)
        self.assertEqual(procurement.support_officer_id, self.user_cso)
        self.assertIn("Inspected twice a year", procurement.spec_standards)
        self.assertEqual(contract.procurement_count, 1)
        self.assertEqual(self._step_activities(procurement).user_id, self.user_sm)

    def test_cancel_keeps_the_history(self):
        procurement = self._create_procurement()
        self._do_need(procurement)
        procurement.with_user(self.user_sm).action_cancel()
        self.assertEqual(procurement.step, "cancelled")
        self.assertFalse(self._step_activities(procurement))
        self.assertTrue(procurement.exists())
