from freezegun import freeze_time

from odoo.tests import tagged

from .common_reviews import HccReviewsCase


@tagged("post_install", "-at_install", "is_query_count")
class TestReviewCronQueries(HccReviewsCase):
    """A run with nothing to do costs the same whatever the number of
    contracts: the domains exclude what was handled, nothing is read per
    record."""

    rag_sources = ("reviews",)

    def setUp(self):
        super().setUp()
        # one call of each cron does the day's work of 200 contracts: what is
        # measured is the call that follows, with nothing left to do
        self.env["ir.config_parameter"].set_param(
            "hcc_contracts.cron_batch_size", "1000"
        )

    def _add_contracts(self, count):
        vals_list = []
        for index in range(count):
            # a third far from review, a third reviewed and escalated already,
            # a third ended already
            kind = index % 3
            end = {0: "2031-03-31", 1: "2029-03-31", 2: "2027-01-31"}[kind]
            vals_list.append(self._contract_vals(date_end=end))
        contracts = self.env["hcc.contract"].create(vals_list)
        contracts.action_activate()
        return contracts

    def _idle_run(self):
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=8):
            self.env["hcc.contract"]._cron_contract_lifecycle()
            self.env["hcc.contract"]._cron_contract_reviews()

    def test_idle_runs_cost_the_same_for_20_and_200_contracts(self):
        with freeze_time("2026-03-15"):
            contracts = self._add_contracts(20)
        with freeze_time("2028-06-01"):
            self.env["hcc.contract"]._cron_contract_lifecycle()
            self.env["hcc.contract"]._cron_contract_reviews()
            self._idle_run()
        with freeze_time("2026-03-15"):
            contracts |= self._add_contracts(180)
        with freeze_time("2028-06-01"):
            self.env["hcc.contract"]._cron_contract_lifecycle()
            self.env["hcc.contract"]._cron_contract_reviews()
            reviews = self.env["hcc.contract.review"].search(
                [("contract_id", "in", contracts.ids)]
            )
            self.assertEqual(
                set(reviews.mapped("escalation_level")), {"county_manager"}
            )
            self._idle_run()
