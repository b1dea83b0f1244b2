"""The contract award notice (s.50) and the contract details notice (s.53(1),
(2)), raised by the procurement steps and due on the Act's dates; the copy of
a contract over £5 million (s.53(3)) goes on the details notice, as Find a
Tender has no separate notice for it."""

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common_statutory import HccStatutoryCase


@tagged("post_install", "-at_install")
class TestAwardNotices(HccStatutoryCase):
    def _award_notices(self, procurement):
        return self.Notice.search(
            [("contract_id", "=", procurement.awarded_contract_id.id)]
        )

    def _kinds(self, procurement):
        return {n.notice_kind: n.date_due for n in self._award_notices(procurement)}

    def test_light_touch_over_5m(self):
        # £2m a year for three years: £6m, a light touch public contract
        procurement = self._procure(2000000.0)
        contract = procurement.awarded_contract_id
        self.assertTrue(contract.is_light_touch)
        self.assertTrue(contract.pa_above_threshold)
        self.assertEqual(contract.state, "draft")
        # on the award, before the contract is entered into (s.50)
        self.assertEqual(
            self._kinds(procurement),
            {"contract_award": fields.Date.to_date("2026-07-01")},
        )
        award = self._award_notices(procurement)
        self.assertEqual(award.activity_ids.user_id, self.user_cso)
        self.assertEqual(award.activity_ids.activity_type_id, self.activity_type)
        self.assertIn(procurement.name, award.reason)
        with freeze_time("2026-07-17"):
            self._do_signature(procurement)
            self._run_cron_twice()
        # entered into on 17 July 2026, the first of the 120 days (light
        # touch): details by 13 November; no separate publication notice
        self.assertEqual(
            self._kinds(procurement),
            {
                "contract_award": fields.Date.to_date("2026-07-01"),
                "contract_details": fields.Date.to_date("2026-11-13"),
            },
        )
        details = self._award_notices(procurement).filtered(
            lambda n: n.notice_kind == "contract_details"
        )
        self.assertIn("17/07/2026", details.reason)
        self.assertIn("120 days", details.reason)
        self.assertEqual(details.activity_ids.date_deadline, details.date_due)
        # the contract goes live: no notice is raised twice
        with freeze_time("2026-09-01"):
            contract.with_user(self.user_sm).action_activate()
            self._run_cron_twice()
        self.assertEqual(len(self._award_notices(procurement)), 2)

    def test_not_light_touch_30_days_no_publication(self):
        # £99,000 a year for three years: £297,000, over the threshold of
        # £207,720 for a contract that is not light touch, under £5m
        procurement = self._procure(0.0, light_touch=False, option="competitive_tender")
        contract = procurement.awarded_contract_id
        self.assertFalse(contract.is_light_touch)
        self.assertTrue(207720.0 < contract.pa_estimated_value < 300000.0)
        self.assertTrue(contract.pa_above_threshold)
        with freeze_time("2026-07-17"):
            self._do_signature(procurement)
        # the 30 days begin with 17 July: due by 15 August
        self.assertEqual(
            self._kinds(procurement),
            {
                "contract_award": fields.Date.to_date("2026-07-01"),
                "contract_details": fields.Date.to_date("2026-08-15"),
            },
        )
        self.assertIn(
            "Contract award notice",
            self._award_notices(procurement).mapped("name")[0],
        )

    def test_under_threshold_nothing(self):
        # light touch £297,000 is under £663,540
        procurement = self._procure(0.0, option="competitive_tender")
        with freeze_time("2026-07-17"):
            self._do_signature(procurement)
            self._run_cron_twice()
        self.assertFalse(procurement.awarded_contract_id.pa_above_threshold)
        self.assertFalse(self._award_notices(procurement))

    def test_nightly_run_catches_a_missed_award(self):
        """A contract judged light touch at the award and corrected on the
        draft afterwards: the nightly run raises the award notice, already
        overdue, on the award date."""
        procurement = self._procure(0.0, option="competitive_tender")
        contract = procurement.awarded_contract_id
        self.assertFalse(self._award_notices(procurement))
        with freeze_time("2026-07-03"):
            contract.with_user(self.user_cso).is_light_touch = False
            self._run_cron_twice()
            notice = self._award_notices(procurement)
            self.assertEqual(notice.notice_kind, "contract_award")
            self.assertEqual(notice.date_due, fields.Date.to_date("2026-07-01"))
            self.assertTrue(notice.is_overdue)
