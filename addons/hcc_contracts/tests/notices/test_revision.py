from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..common import on_earliest
from .common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestRevision(HccNoticesCase):
    """Contract revisions (procedure 7.4, 9.5)."""

    def _revision(self, user=None, **overrides):
        vals = {
            "contract_id": self.contract.id,
            "title": "Extra Saturday sessions",
            "description": "<p>Add 520 sessions a year on Saturdays.</p>",
            "reason": "demand",
            "date_effective": "2026-09-01",
            "cso_consulted_id": self.user_cso.id,
            "date_cso_consulted": "2026-07-01",
        }
        vals.update(overrides)
        env = self.env(user=user) if user else self.env
        # raised on or before the day the CSO was consulted
        with on_earliest(vals.get("date_cso_consulted")):
            return env["hcc.contract.revision"].create(vals)

    def test_cso_consulted_first(self):
        revision = self._revision(
            user=self.user_sm, cso_consulted_id=False, date_cso_consulted=False
        )
        with self.assertRaisesMessage(
            UserError, "which Contract Support Officer was consulted"
        ):
            revision.with_user(self.user_sm).action_mark_consulted()
        self.assertEqual(revision.state, "draft")
        with self.assertRaisesMessage(
            UserError,
            "is at the step “Draft”: you cannot approve the revision now. That "
            "can be done only at the step “CSO Consulted”.",
        ):
            revision.with_user(self.user_sm).action_approve()
        self.assertEqual(revision.state, "draft")

    def test_contentious_revision_needs_the_county_manager(self):
        revision = self._revision(user=self.user_sm, is_contentious=True)
        as_sm = revision.with_user(self.user_sm)
        as_sm.action_mark_consulted()
        with self.assertRaisesMessage(UserError, "the County Manager (Contracts) must"):
            as_sm.action_approve()
        self.assertEqual(revision.state, "consulted")
        for user in (self.user_sm, self.user_cso):
            with self.assertRaisesMessage(
                UserError, "“County Manager (Contracts)” may record a decision"
            ):
                revision.with_user(user).action_cm_approve()
            with self.assertRaisesMessage(
                UserError, "“County Manager (Contracts)” may record a decision"
            ):
                revision.with_user(user).write({"cm_decision_note": "Go ahead"})
        self.assertFalse(revision.cm_decision)
        self.assertFalse(revision.cm_decision_note)
        revision.with_user(self.user_cm).write({"cm_decision_note": "Agreed."})
        revision.with_user(self.user_cm).action_cm_approve()
        self.assertEqual(revision.cm_decision, "approved")
        self.assertEqual(revision.cm_decision_user_id, self.user_cm)
        # her approval is the approval (issue 43, point 6)
        self.assertEqual(revision.state, "approved")

    def test_county_manager_rejects(self):
        revision = self._revision(is_contentious=True)
        revision.action_mark_consulted()
        revision.with_user(self.user_cm).action_cm_reject()
        self.assertEqual(revision.state, "rejected")
        self.assertEqual(revision.cm_decision, "rejected")
        with self.assertRaisesMessage(
            UserError, "has been decided and cannot be changed"
        ):
            revision.with_user(self.user_sm).write({"title": "Something else"})

    @freeze_time("2026-08-15")
    def test_applied_revision_and_tracked_contract_changes(self):
        revision = self._revision(
            user=self.user_sm,
            line_ids=[
                (0, 0, {"field_name": "commissioned_volume", "new_float": 6520.0}),
                (0, 0, {"field_name": "annual_value", "new_float": 130400.0}),
            ],
        )
        as_sm = revision.with_user(self.user_sm)
        as_cso = revision.with_user(self.user_cso)
        as_sm.action_mark_consulted()
        as_sm.action_approve()
        with self.assertRaisesMessage(
            UserError, "Record when the provider was informed"
        ):
            as_cso.action_apply()
        self.assertEqual(revision.state, "approved")
        self.flush_tracking()
        as_sm.date_provider_informed = "2026-08-10"
        as_sm.no_letter_reason = "The provider asked for it in writing."
        # the Contract Support Officer applies it to the signed terms (7.4, A 6, 9)
        as_cso.action_apply()
        self.assertEqual(revision.state, "applied")
        self.assertEqual(str(revision.date_applied), "2026-08-15")
        self.flush_tracking()
        messages = self.contract.sudo().message_ids
        self.assertTrue(any(revision.name in (m.body or "") for m in messages))
        tracked = messages.tracking_value_ids
        changed = set(tracked.field_id.mapped("name"))
        self.assertTrue({"commissioned_volume", "annual_value"} <= changed, changed)
        value = tracked.filtered(lambda t: t.field_id.name == "annual_value")
        self.assertEqual(value.new_value_float, 130400.0)

    def test_only_active_contracts_are_revised(self):
        draft = self._create_contract()
        Revision = self.env["hcc.contract.revision"]
        before = Revision.search_count([])
        with self.assertRaisesMessage(
            ValidationError, "only an active contract is revised"
        ):
            self._revision(contract_id=draft.id)
        self.assertEqual(Revision.search_count([]), before)

    def test_access(self):
        revision = self._revision(user=self.user_sm)
        with self.assertRaises(AccessError):
            revision.with_user(self.user_sm_other).write({"title": "Not mine"})
        with self.assertRaises(AccessError):
            revision.with_user(self.user_sm_south).read(["title"])
        with self.assertRaises(AccessError):
            revision.with_user(self.user_viewer).write({"title": "Viewer"})
        revision.with_user(self.user_cso).write({"reason_detail": "Waiting list of 12"})
        self.assertEqual(revision.reason_detail, "Waiting list of 12")
        with self.assertRaisesMessage(UserError, "has a history and cannot be deleted"):
            revision.action_mark_consulted()
            revision.with_user(self.user_cso).unlink()
        self.assertTrue(revision.exists())
