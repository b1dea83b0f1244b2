from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_procurement import HccProcurementCase


@tagged("post_install", "-at_install")
@freeze_time("2026-07-01")
class TestProcurementRoles(HccProcurementCase):
    """Each step belongs to the Service Manager leading the procurement or to a
    Contract Support Officer (Appendix A); nobody completes another's step."""

    def _assert_refused(self, procurement, user, method, fragment):
        step = procurement.step
        activities = self._step_activities(procurement)
        with self.assertRaises(UserError) as caught:
            getattr(procurement.with_user(user), method)()
        message = str(caught.exception)
        self.assertIn(fragment, message)
        self.assertIn(procurement.name, message)
        procurement.invalidate_recordset()
        self.assertEqual(procurement.step, step, "the step did not move")
        self.assertEqual(self._step_activities(procurement), activities)

    def test_cso_cannot_do_service_manager_steps(self):
        procurement = self._create_procurement()
        self._assert_refused(
            procurement, self.user_cso, "action_confirm_need", "Hcc Sm"
        )
        self._do_need(procurement)
        procurement.procurement_option = "single_tender"
        self._assert_refused(
            procurement,
            self.user_cso,
            "action_confirm_option",
            "belongs to the Service Manager leading it",
        )

    def test_other_service_manager_cannot_do_the_lead_steps(self):
        procurement = self._create_procurement()
        procurement.lead_officer_id = self.user_sm_other
        self._assert_refused(
            procurement, self.user_sm, "action_confirm_need", "Hcc Sm Other"
        )

    def test_service_manager_cannot_do_cso_steps(self):
        procurement = self._create_procurement()
        self._do_need(procurement)
        self._do_option(procurement, "competitive_tender")
        self.assertEqual(procurement.step, "authorisation")
        procurement.write(
            {
                "authorisation_body": "executive_member",
                "authorised_by": "Test Executive Member",
                "date_authorised": "2026-06-01",
            }
        )
        self._assert_refused(
            procurement,
            self.user_sm,
            "action_authorise",
            "belongs to a Contract Support Officer",
        )
        self._do_authorisation(procurement)
        self._assert_refused(
            procurement, self.user_sm, "action_close_tender", "Contract Support Officer"
        )

    def test_service_manager_cannot_award_nor_confirm_signature(self):
        procurement = self._walk_to_award()
        procurement.write(
            {"award_body": "chief_executive", "contract_documents_ready": True}
        )
        self._assert_refused(
            procurement, self.user_sm, "action_award", "Contract Support Officer"
        )
        self.assertFalse(procurement.awarded_contract_id)
        self._do_award(procurement)
        self._assert_refused(
            procurement,
            self.user_sm,
            "action_confirm_signature",
            "Contract Support Officer",
        )

    def test_step_out_of_order_refused(self):
        procurement = self._create_procurement()
        self._assert_refused(
            procurement,
            self.user_cso,
            "action_award",
            "is at the step “Need”: you cannot record the award (A9) now. That "
            "can be done only at the step “Award”.",
        )

    def test_step_cannot_be_written_directly(self):
        procurement = self._create_procurement()
        with self.assertRaises(AccessError) as caught:
            procurement.with_user(self.user_cso).write({"step": "award"})
        self.assertIn("cannot be written directly", str(caught.exception))
        procurement.invalidate_recordset()
        self.assertEqual(procurement.step, "need")

    def test_views_load_for_each_role(self):
        for user, sees_sm_buttons, sees_cso_buttons in (
            (self.user_sm, True, False),
            (self.user_cso, True, True),
            # Read-only is offered no step at all
            (self.user_viewer, False, False),
        ):
            views = (
                self.env["hcc.procurement"]
                .with_user(user)
                .get_views([(False, "kanban"), (False, "list"), (False, "form")])
            )
            form = views["views"]["form"]["arch"]
            self.assertEqual("action_confirm_need" in form, sees_sm_buttons, user.login)
            self.assertEqual("action_award" in form, sees_cso_buttons, user.login)
            self.assertIn('default_group_by="step"', views["views"]["kanban"]["arch"])

    def test_county_manager_may_stand_in(self):
        procurement = self._create_procurement()
        procurement.with_user(self.user_cm).action_confirm_need()
        self.assertEqual(procurement.step, "option")

    def test_missing_information_listed(self):
        procurement = self._create_procurement(
            need_description=False, support_officer_id=False
        )
        with self.assertRaises(UserError) as caught:
            procurement.with_user(self.user_sm).action_confirm_need()
        message = str(caught.exception)
        self.assertIn("Describe the need", message)
        self.assertIn("Contract Support Officer who will assist", message)
        self.assertEqual(procurement.step, "need")


@tagged("post_install", "-at_install")
@freeze_time("2026-07-01")
class TestProcurementBadInput(HccProcurementCase):
    """Award without authorisation, to a provider who did not tender, or a
    signature dated before the award: refused, nothing changed."""

    def _contracts(self):
        return self.env["hcc.contract"].search([("procurement_id", "!=", False)])

    def _assert_award_refused(self, procurement, fragment):
        before = self._contracts()
        with self.assertRaises(UserError) as caught:
            procurement.with_user(self.user_cso).action_award()
        self.assertIn(fragment, str(caught.exception))
        procurement.invalidate_recordset()
        self.assertEqual(procurement.step, "award")
        self.assertFalse(procurement.awarded_contract_id)
        self.assertFalse(procurement.date_awarded)
        self.assertEqual(self._contracts(), before, "no contract created")

    def test_award_without_authorisation(self):
        procurement = self._walk_to_award()
        procurement.with_user(self.user_cso).write(
            {
                "award_body": "county_manager",
                "contract_documents_ready": True,
                "authorised_by": False,
                "date_authorised": False,
            }
        )
        self._assert_award_refused(procurement, "has no recorded authorisation")

    def test_option_step_refusals(self):
        """A3: the option is chosen with the CSO and the General Finance
        Manager, and the narrative for the authorisation given (A4): each
        missing piece is named, and the step stays until all are there."""
        procurement = self._create_procurement()
        self._do_need(procurement)
        as_sm = procurement.with_user(self.user_sm)
        complete = {
            "procurement_option": "competitive_tender",
            "date_cso_liaised": "2026-05-05",
            "finance_manager_name": "Test General Finance Manager",
            "date_finance_consulted": "2026-05-04",
            "sm_information": "<p>Forty places a day are needed.</p>",
        }
        missing = {
            "procurement_option": "single tender negotiation or competitive",
            "date_cso_liaised": "agreed with the Contract Support Officer (A3)",
            "finance_manager_name": "General Finance Manager consulted (A3)",
            "date_finance_consulted": "when the General Finance Manager was",
            "sm_information": "information and narrative",
        }
        as_sm.write(dict.fromkeys(complete, False))
        with self.assertRaises(UserError) as caught:
            as_sm.action_confirm_option()
        for fragment in missing.values():
            self.assertIn(fragment, str(caught.exception))
        for field, fragment in missing.items():
            as_sm.write(dict(complete, **{field: False}))
            with self.assertRaises(UserError) as caught:
                as_sm.action_confirm_option()
            message = str(caught.exception)
            self.assertIn(fragment, message, field)
            others = [text for name, text in missing.items() if name != field]
            self.assertFalse([text for text in others if text in message], field)
            self.assertEqual(procurement.step, "option", field)
        # a General Finance Manager who is a user will do as well as a name
        as_sm.write(dict(complete, finance_manager_name=False))
        procurement.finance_manager_id = self.user_finance
        # the CSO is named: a CSO removed after the need step is refused too
        procurement.support_officer_id = False
        self._assert_refused_option(as_sm, "Contract Support Officer who will")
        procurement.support_officer_id = self.user_cso
        as_sm.action_confirm_option()
        self.assertEqual(procurement.step, "authorisation")

    def _assert_refused_option(self, as_sm, fragment):
        with self.assertRaises(UserError) as caught:
            as_sm.action_confirm_option()
        self.assertIn(fragment, str(caught.exception))
        self.assertEqual(as_sm.step, "option")

    def test_authorisation_step_requires_who_and_when(self):
        procurement = self._create_procurement()
        self._do_need(procurement)
        self._do_option(procurement, "single_tender")
        procurement.authorisation_body = "chief_executive"
        with self.assertRaises(UserError) as caught:
            procurement.with_user(self.user_cso).action_authorise()
        self.assertIn("name of the person who authorised", str(caught.exception))
        self.assertIn("date of the authorisation", str(caught.exception))
        self.assertEqual(procurement.step, "authorisation")

    def test_award_to_bidder_who_did_not_tender(self):
        procurement = self._walk_to_award("competitive_tender")
        silent = self._bid(procurement, self.provider_c)
        procurement.with_user(self.user_cso).write(
            {
                "award_body": "county_manager",
                "contract_documents_ready": True,
                "awarded_bid_id": silent.id,
            }
        )
        self._assert_award_refused(
            procurement, "Test Silent Provider Ltd did not tender"
        )

    def test_award_to_bid_of_another_procurement(self):
        procurement = self._walk_to_award()
        other = self._walk_to_award()
        procurement.write(
            {
                "award_body": "county_manager",
                "contract_documents_ready": True,
                "awarded_bid_id": other.bid_ids.id,
            }
        )
        self._assert_award_refused(procurement, "did not tender in procurement")

    def test_recommendation_of_silent_bidder_refused(self):
        procurement = self._create_procurement()
        self._do_need(procurement)
        self._do_option(procurement, "competitive_tender")
        self._do_authorisation(procurement)
        self._do_tender(procurement)
        procurement.awarded_bid_id = self._bid(procurement, self.provider_c)
        with self.assertRaises(UserError) as caught:
            procurement.with_user(self.user_sm).action_complete_evaluation()
        self.assertIn("Test Silent Provider Ltd did not tender", str(caught.exception))
        self.assertIn("Score every tender received", str(caught.exception))
        self.assertEqual(procurement.step, "evaluation")

    def test_signature_date_before_award(self):
        procurement = self._walk_to_award()
        self._do_award(procurement)
        with self.assertRaises(ValidationError) as caught:
            procurement.with_user(self.user_cso).write(
                {"date_sent_for_signature": "2026-06-30"}
            )
        self.assertIn("cannot be before the award", str(caught.exception))
        self.assertIn("2026-06-30", str(caught.exception))
        procurement.invalidate_recordset()
        self.assertFalse(procurement.date_sent_for_signature)
        self.assertEqual(procurement.step, "signature")

    def test_countersigned_before_sent(self):
        procurement = self._walk_to_award()
        self._do_award(procurement)
        with self.assertRaises(ValidationError) as caught:
            procurement.write(
                {
                    "date_sent_for_signature": "2026-07-10",
                    "date_countersigned": "2026-07-05",
                }
            )
        self.assertIn("cannot come back", str(caught.exception))
        procurement.invalidate_recordset()
        self.assertFalse(procurement.date_countersigned)

    def test_award_date_before_authorisation(self):
        procurement = self._walk_to_award()
        procurement.write(
            {"award_body": "county_manager", "contract_documents_ready": True}
        )
        with self.assertRaises(ValidationError) as caught:
            procurement.with_user(self.user_cso).write({"date_awarded": "2026-05-01"})
        self.assertIn("before the authorisation", str(caught.exception))
        procurement.invalidate_recordset()
        self.assertFalse(procurement.date_awarded)

    def test_signature_incomplete(self):
        procurement = self._walk_to_award("competitive_tender")
        self._do_award(procurement)
        procurement.write({"date_sent_for_signature": "2026-07-03"})
        with self.assertRaises(UserError) as caught:
            procurement.with_user(self.user_cso).action_confirm_signature()
        message = str(caught.exception)
        self.assertIn("countersigned contract came back", message)
        self.assertIn(
            "unsuccessful providers were informed: Test Provider Ltd", message
        )
        self.assertIn("locality contract file", message)
        self.assertEqual(procurement.step, "signature")

    def test_review_needs_the_contract(self):
        with self.assertRaises(ValidationError) as caught:
            self._create_procurement(origin="review")
        self.assertIn("choose the reviewed contract", str(caught.exception))
        self.assertFalse(
            self.env["hcc.procurement"].search(
                [("title", "=", "Day opportunities, north")]
            )
        )

    def test_scores_out_of_100(self):
        procurement = self._walk_to_award()
        bid = procurement.bid_ids
        with self.assertRaises(ValidationError) as caught:
            bid.quality_score = 120.0
        self.assertIn("marks are out of 100", str(caught.exception))
        bid.invalidate_recordset()
        self.assertEqual(bid.quality_score, 80.0)

    def test_nothing_with_history_is_deleted(self):
        procurement = self._walk_to_award()
        with self.assertRaises(UserError) as caught:
            procurement.bid_ids.unlink()
        self.assertIn("stays on the record", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            procurement.with_user(self.user_cso).unlink()
        self.assertIn("cancel or archive it instead", str(caught.exception))
        self.assertTrue(procurement.exists())
        fresh = self._create_procurement()
        fresh.with_user(self.user_cso).unlink()
        self.assertFalse(fresh.exists())


@tagged("post_install", "-at_install")
@freeze_time("2026-07-01")
class TestProcurementAccess(HccProcurementCase):
    """Procurements follow the contract rules: localities for reading, lead
    officer for the Service Manager's writes, the CSO keeps the locality."""

    def setUp(self):
        super().setUp()
        self.led = self._create_procurement()
        self.other_north = self._create_procurement(
            lead_officer_id=self.user_sm_other.id, user=self.user_cso
        )
        self.south = self._create_procurement(
            locality_id=self.locality_south.id,
            lead_officer_id=self.user_sm_south.id,
            support_officer_id=False,
            user=self.user_sm_south,
        )
        self.all = self.led | self.other_north | self.south

    def _visible(self, user, model="hcc.procurement", field="id"):
        return self.env[model].with_user(user).search([(field, "in", self.all.ids)])

    def test_cso_sees_all_procurements_of_their_localities(self):
        self.assertEqual(self._visible(self.user_cso), self.led | self.other_north)
        self.other_north.with_user(self.user_cso).write({"title": "Kept by CSO"})
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_cso).write({"title": "Elsewhere"})

    def test_service_manager_creates_only_what_they_lead(self):
        with self.assertRaises(AccessError):
            self._create_procurement(lead_officer_id=self.user_sm_other.id)
        self.assertEqual(
            self._create_procurement().with_user(self.user_sm).lead_officer_id,
            self.user_sm,
        )

    def test_service_manager_reads_locality_writes_what_they_lead(self):
        self.assertEqual(self._visible(self.user_sm), self.led | self.other_north)
        self.led.with_user(self.user_sm).write({"title": "Mine"})
        with self.assertRaises(AccessError):
            self.other_north.with_user(self.user_sm).write({"title": "Not mine"})
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_sm).read(["title"])

    def test_bids_follow_their_procurement(self):
        bids = self.env["hcc.procurement.bid"].create(
            [{"procurement_id": p.id, "partner_id": self.provider.id} for p in self.all]
        )
        visible = (
            self.env["hcc.procurement.bid"]
            .with_user(self.user_sm)
            .search([("id", "in", bids.ids)])
        )
        self.assertEqual(visible.procurement_id, self.led | self.other_north)
        with self.assertRaises(AccessError):
            bids.filtered(lambda b: b.procurement_id == self.other_north).with_user(
                self.user_sm
            ).write({"price": 1.0})

    def test_county_manager_finance_and_viewer_read_all(self):
        for user in (self.user_cm, self.user_finance, self.user_viewer):
            self.assertEqual(self._visible(user), self.all, user.login)
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_viewer).write({"title": "Viewer"})
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_finance).write({"title": "Finance"})
        self.south.with_user(self.user_cm).write({"title": "County Manager"})
