import importlib.util
from pathlib import Path

from freezegun import freeze_time

from odoo.tests import tagged

from .common_notices import HccNoticesCase


def applied_variation(case, contract, changes, applied_on, effective=None):
    """A revision of ``contract`` listing ``changes`` ({term: (column, new
    value)}), approved by the lead officer and applied by the CSO on
    ``applied_on``, effective from ``effective`` (empty: the day applied)."""
    env = case.env(user=case.user_sm)
    vals = {
        "contract_id": contract.id,
        "title": "Annual fee review",
        "description": "<p>New rates for the financial year.</p>",
        "reason": "other",
        "cso_consulted_id": case.user_cso.id,
        "date_cso_consulted": applied_on,
        "date_effective": effective,
        "line_ids": [
            (0, 0, {"field_name": name, column: value})
            for name, (column, value) in changes.items()
        ],
    }
    with freeze_time(f"{applied_on} 10:00:00"):
        revision = env["hcc.contract.revision"].create(vals)
        revision.action_mark_consulted()
        revision.action_approve()
        revision.date_provider_informed = applied_on
        revision.no_letter_reason = "Letter sent with the fee review."
        revision.with_user(case.user_cso).action_apply()
    return revision


@tagged("post_install", "-at_install")
class TestEffectivePrices(HccNoticesCase):
    """A revision takes effect on its effective date, not on the day it is
    applied: a fee review applied in March for 1 April leaves March at the
    old terms; one applied late with an earlier date is in force from it."""

    def test_applied_ahead_of_its_effective_date(self):
        revision = applied_variation(
            self,
            self.contract,
            {"annual_value": ("new_float", 128040.0)},
            "2027-03-10",
            effective="2027-04-01",
        )
        self.assertEqual(str(revision.date_applied), "2027-03-10")
        self.assertEqual(self.contract.annual_value, 128040.0)
        for day, value in (
            ("2027-03-10", 120000.0),
            ("2027-03-31", 120000.0),
            ("2027-04-01", 128040.0),
        ):
            self.assertEqual(
                self.contract._terms_as_at(day)["annual_value"], value, day
            )

    def test_applied_late_with_an_earlier_date(self):
        applied_variation(
            self,
            self.contract,
            {"annual_value": ("new_float", 126000.0)},
            "2026-10-20",
            effective="2026-10-01",
        )
        terms = self.contract._terms_as_at
        self.assertEqual(terms("2026-09-30")["annual_value"], 120000.0)
        self.assertEqual(terms("2026-10-01")["annual_value"], 126000.0)

    def test_no_effective_date_takes_effect_when_applied(self):
        revision = applied_variation(
            self, self.contract, {"annual_value": ("new_float", 130000.0)}, "2026-08-15"
        )
        self.assertEqual(str(revision.date_effective), "2026-08-15")
        self.assertEqual(
            self.contract._terms_as_at("2026-08-14")["annual_value"], 120000.0
        )

    def test_out_of_order_effective_dates(self):
        """A later revision that takes effect earlier than one already
        applied: from its date it holds, as on the contract, since it was
        drafted against the terms the first one set."""
        applied_variation(
            self,
            self.contract,
            {"annual_value": ("new_float", 130000.0)},
            "2027-03-01",
            effective="2027-04-01",
        )
        applied_variation(
            self,
            self.contract,
            {"annual_value": ("new_float", 125000.0)},
            "2027-03-05",
            effective="2027-02-01",
        )
        terms = self.contract._terms_as_at
        self.assertEqual(terms("2027-01-31")["annual_value"], 120000.0)
        self.assertEqual(terms("2027-02-01")["annual_value"], 125000.0)
        self.assertEqual(terms("2027-04-01")["annual_value"], 125000.0)
        self.assertEqual(self.contract.annual_value, 125000.0)

    def test_value_for_money_costs_each_day_at_its_value(self):
        """The cost of the year so far counts the days before the effective
        date at the old annual value and those after at the new one."""
        applied_variation(
            self,
            self.contract,
            {"annual_value": ("new_float", 146000.0)},
            "2026-09-20",
            effective="2026-10-01",
        )
        contract = self.contract.with_user(self.user_sm)
        with freeze_time("2026-12-31"):
            contract.invalidate_recordset()
            # 183 days at £120,000, 92 at £146,000, of a 365-day year
            expected = (120000.0 * 183 + 146000.0 * 92) / 365
            self.assertAlmostEqual(contract.vfm_period_cost, expected, places=2)

    def test_migration_gives_old_revisions_their_applied_date(self):
        revision = applied_variation(
            self, self.contract, {"annual_value": ("new_float", 130000.0)}, "2026-08-15"
        )
        self.env.cr.execute(
            "UPDATE hcc_contract_revision SET date_effective = NULL WHERE id = %s",
            [revision.id],
        )
        revision.invalidate_recordset()
        path = (
            Path(__file__).parents[2]
            / "migrations"
            / "18.0.1.6.0"
            / "post-migration.py"
        )
        spec = importlib.util.spec_from_file_location("hcc_migration_1_6", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "18.0.1.5.0")
        revision.invalidate_recordset()
        self.assertEqual(str(revision.date_effective), "2026-08-15")
        self.assertEqual(
            self.contract._terms_as_at("2026-08-14")["annual_value"], 120000.0
        )
