from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import on_earliest
from .common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestVariations(HccNoticesCase):
    """Variations (procedure 7.4): once signed, a contract's terms change only
    by applying an approved revision, which writes exactly its listed changes
    and keeps the terms readable as at any date."""

    def _variation(self, changes, user=None, **overrides):
        """An approved revision of the contract listing ``changes`` ({term:
        (column, new value)}), the provider informed."""
        env = self.env(user=user or self.user_sm)
        vals = {
            "contract_id": self.contract.id,
            "title": "More Saturday sessions",
            "description": "<p>Add 520 sessions a year on Saturdays.</p>",
            "reason": "demand",
            "cso_consulted_id": self.user_cso.id,
            "date_cso_consulted": "2026-07-01",
            "line_ids": [
                (0, 0, {"field_name": name, column: value})
                for name, (column, value) in changes.items()
            ],
            **overrides,
        }
        # raised on or before the day the CSO was consulted
        with on_earliest(vals["date_cso_consulted"]):
            revision = env["hcc.contract.revision"].create(vals)
        revision.action_mark_consulted()
        revision.action_approve()
        revision.date_provider_informed = "2026-07-20"
        revision.no_letter_reason = "Agreed at the monitoring meeting."
        return revision

    def _terms(self):
        names = sorted(self.contract._get_hcc_signed_terms())
        self.contract.invalidate_recordset()
        return self.contract.read(names)[0]

    def test_signed_terms_change_only_by_an_applied_revision(self):
        for user in (self.user_sm, self.user_cso, self.user_cm):
            with self.assertRaisesMessage(UserError, "only by applying an approved"):
                self.contract.with_user(user).write({"annual_value": 999999.0})
        self.assertEqual(self.contract.annual_value, 120000.0)
        # a draft is still prepared freely by its lead officer
        draft = self._create_contract(user=self.user_sm, title="Draft")
        draft.with_user(self.user_sm).write({"annual_value": 1000.0})
        self.assertEqual(draft.annual_value, 1000.0)

        revision = self._variation(
            {
                "annual_value": ("new_float", 130400.0),
                "commissioned_volume": ("new_float", 6520.0),
            }
        )
        self.assertEqual(
            revision.line_ids.mapped("old_value_display"), ["120,000.00", "6,000.00"]
        )
        before = self._terms()
        with self.assertRaisesMessage(AccessError, "Contract Support Officer"):
            revision.with_user(self.user_sm).action_apply()
        self.assertEqual(revision.state, "approved")
        with freeze_time("2026-08-15"):
            revision.with_user(self.user_cso).action_apply()
        self.assertEqual(revision.state, "applied")
        self.assertEqual(str(revision.date_applied), "2026-08-15")
        self.assertEqual(revision.applied_by_id, self.user_cso)
        after = self._terms()
        expected = dict(before, annual_value=130400.0, commissioned_volume=6520.0)
        self.assertEqual(after, expected, "exactly the listed changes")
        self.assertEqual(self.contract.variation_line_ids, revision.line_ids)
        with self.assertRaisesMessage(UserError, "has been decided"):
            revision.line_ids[0].with_user(self.user_cso).new_float = 1.0

    def test_changes_made_lists_the_applied_changes(self):
        applied = self._variation({"annual_value": ("new_float", 125000.0)})
        applied.with_user(self.user_cso).action_apply()
        self._variation({"commissioned_volume": ("new_float", 7000.0)})
        for user in (self.user_sm, self.user_cso, self.user_viewer, self.user_finance):
            action = self.contract.with_user(user).action_view_variations()
            Line = self.env[action["res_model"]].with_user(user)
            # the approved revision not applied yet changed nothing
            self.assertEqual(
                Line.search(action["domain"]), applied.line_ids, user.login
            )
            arch = Line.get_views([(action["view_id"][0], "list")])["views"]["list"]
            self.assertIn('create="0"', arch["arch"])
            self.assertEqual(
                Line.search(action["domain"]).read(["old_value_display"])[0][
                    "old_value_display"
                ],
                "120,000.00",
            )
        # another locality's Service Manager finds none of them
        Line = self.env["hcc.contract.revision.line"].with_user(self.user_sm_south)
        self.assertFalse(Line.search(action["domain"]))

    def test_stale_revision_is_refused(self):
        first = self._variation({"annual_value": ("new_float", 125000.0)})
        second = self._variation({"annual_value": ("new_float", 126000.0)})
        first.with_user(self.user_cso).action_apply()
        with self.assertRaisesMessage(UserError, "changed since the revision"):
            second.with_user(self.user_cso).action_apply()
        self.assertEqual(second.state, "approved")
        self.assertEqual(self.contract.annual_value, 125000.0)

    def test_terms_as_at_after_two_variations(self):
        with freeze_time("2026-08-15"):
            self._variation({"annual_value": ("new_float", 130000.0)}).with_user(
                self.user_cso
            ).action_apply()
        with freeze_time("2026-10-01"):
            self._variation(
                {
                    "annual_value": ("new_float", 140000.0),
                    "date_end": ("new_date", "2030-03-31"),
                }
            ).with_user(self.user_cso).action_apply()
        for day, value, end in (
            ("2026-08-14", 120000.0, "2029-03-31"),
            ("2026-08-15", 130000.0, "2029-03-31"),
            ("2026-09-30", 130000.0, "2029-03-31"),
            ("2026-10-01", 140000.0, "2030-03-31"),
        ):
            terms = self.contract._terms_as_at(day)
            self.assertEqual(
                (terms["annual_value"], terms["date_end"]), (value, end), day
            )
        self.assertEqual(self.contract._terms_as_at("2026-08-14")["unit_price"], 0.0)

    def test_end_date_extension_moves_the_review_due_date(self):
        review = self.env["hcc.contract.review"].create(
            {"contract_id": self.contract.id}
        )
        self.assertEqual(str(review.date_due), "2028-03-31")
        self._variation({"date_end": ("new_date", "2030-03-31")}).with_user(
            self.user_cso
        ).action_apply()
        self.assertEqual(str(self.contract.review_due_date), "2029-03-31")
        self.assertEqual(str(review.date_due), "2029-03-31")

    def test_changes_follow_the_contract_access(self):
        revision = self._variation({"annual_value": ("new_float", 130000.0)})
        Line = self.env["hcc.contract.revision.line"]
        self.assertEqual(Line.with_user(self.user_sm).search([]), revision.line_ids)
        self.assertFalse(Line.with_user(self.user_sm_south).search([]))
        with self.assertRaises(AccessError):
            revision.line_ids.with_user(self.user_sm_south).read(["field_name"])

    def test_terms_as_at_a_date_on_screen(self):
        with freeze_time("2026-08-15"):
            self._variation({"annual_value": ("new_float", 130000.0)}).with_user(
                self.user_cso
            ).action_apply()
        Wizard = self.env["hcc.contract.terms.wizard"].with_user(self.user_viewer)
        before = Wizard.create({"contract_id": self.contract.id, "date": "2026-08-14"})
        after = Wizard.create({"contract_id": self.contract.id, "date": "2026-08-15"})
        self.assertIn("120,000.00", before.terms_html)
        self.assertIn("130,000.00", after.terms_html)
        self.assertIn("Annual Value", after.terms_html)
