from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from .common import HccContractsCase
from .view_spec import view_specification

# The queries pinned. Measured on Odoo 18.0: a count that goes down is good
# news (lower the pin); one that goes up, or differs between the two sizes, is
# a regression. The list: the rows and their count, the activity widget, the
# budget lines, the many2one names; the record rules add no query (the fields
# they test are fetched with the rows, see ``search_fetch`` of the contract).
# The Service Manager, support officer and viewer lead none of these
# contracts: they read their own user and its partner for their time zone,
# which this test's context lacks and the web client sends. The form: the contract,
# its officers and provider (one query each for users and partners), the
# many2one names, the indicators, the budget lines, the contract file and
# standard 12.4; the smart-button counters are stored and cost nothing. The
# records with a life of their own (meetings, returns, reviews, the changes of
# the terms) and value for money open from buttons and are not read with the
# form (six queries less than when it listed them). The company, always
# invisible on the form, is asked for by its id alone, as the web client asks
# for it (one query less than when the specification asked for its name).
# The extension options, a few per contract, are listed on the form (one query).
LIST_QUERIES = {"hcc_cm": 9, "hcc_sm": 11, "hcc_cso": 11, "hcc_viewer": 11}
# the value for money reads the variations of the contract: the cost of the
# year counts each day at the annual value in force on it (issue 41)
FORM_QUERIES = {"hcc_cm": 14, "hcc_sm": 16}
IDLE_CRON_QUERIES = {
    "_cron_update_rag": 3,
    "_cron_remind_tenders_closed": 3,
    # expired, terminating early on the day, drafts to chase
    "_cron_contract_lifecycle": 5,
    "_cron_contract_reviews": 6,
    # expected returns, late returns, case-system data not arrived (8.1)
    "_cron_data_returns": 5,
    "_cron_satisfaction_surveys": 4,
    "_cron_meetings_due": 3,
    "_cron_flag_overdue": 3,
    "_cron_erase_expired": 3,
    "_cron_erase_expired_details": 3,
    "_cron_erase_expired_summaries": 3,
    "_cron_notice_remedy_due": 4,
    "_cron_supervision_due": 3,
    # options to remind, options missed
    "_cron_contract_options": 4,
    # contracts of fee reviews to apply, rounds being applied, rounds left
    "_cron_apply_fee_reviews": 3,
    # providers with live contracts, their ratings, ratings to assess
    "_cron_assess_provider_risk": 6,
    # the companies' reminder periods, provider documents expiring to remind of
    "_cron_document_reminders": 4,
}
# what an optional addon adds to the form, counted when it is installed: the
# Invoicing bridge reads the contract's bills in one grouped query, and the
# billed figures of the budget lines (which these contracts have) in another
ADDON_FORM_QUERIES = {
    "hcc_contracts_account": {"hcc_cm": 2, "hcc_sm": 2},
    # the provider's CQC locations deregistered, for the form's banner
    "hcc_contracts_cqc": {"hcc_cm": 2, "hcc_sm": 2},
}
# the crons of the optional addons, pinned when the addon is installed
ADDON_IDLE_CRON_QUERIES = {
    "hcc_contracts_procurement_act": {"_cron_statutory_notices": 3},
    # this month's snapshots, the companies without one
    "hcc_contracts_reports": {"_cron_take_snapshots": 5},
}


@tagged("post_install", "-at_install", "is_query_count")
class TestQueryCounts(HccContractsCase):
    """What the web client and the scheduler ask for costs a pinned number of
    queries, the same whatever the number of records: the list of 10 or 50
    contracts, the form of a contract with 2 or 20 meetings, actions and
    returns, and each daily cron with nothing left to do at 20 or 200
    contracts (the RAG refresh included: it reads only the contracts whose
    re-check date has come)."""

    def setUp(self):
        super().setUp()
        # one call of each cron does the day's work of 200 contracts: what is
        # measured is the call that follows, with nothing left to do
        self.env["ir.config_parameter"].set_param(
            "hcc_contracts.cron_batch_size", "1000"
        )

    def _queries(self, func):
        """Queries of the second of two calls of ``func`` in a row, each as a
        new request (empty record cache, nothing pending): the first fills the
        registry caches (access rights, record rules) and writes what it
        triggers, as earlier requests of the day would have."""
        for _call in range(2):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            func()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def _add_contracts(self, count):
        localities = [self.locality_north, self.locality_south]
        contracts = self.env["hcc.contract"].create(
            [
                self._contract_vals(
                    title=f"Contract {index}",
                    locality_id=localities[index % 2].id,
                    lead_officer_id=self.user_cm.id,
                    representative_id=self.user_cm.id,
                    support_officer_id=False,
                    date_end=(date(2028, 3, 31) + relativedelta(months=index % 24)),
                )
                for index in range(count)
            ]
        )
        contracts.action_activate()
        return contracts

    # ------------------------------------------------------------------
    # Web client
    # ------------------------------------------------------------------
    def _list_queries(self, user):
        spec = view_specification(self.env, "hcc.contract", "list")
        domain = [
            ("locality_id", "in", (self.locality_north | self.locality_south).ids)
        ]
        Contract = self.env(user=user)["hcc.contract"]
        result = {}

        def read():
            result.update(
                Contract.web_search_read(domain, spec, limit=80, count_limit=10001)
            )

        count = self._queries(read)
        return count, result["length"]

    def test_list_costs_the_same_for_10_and_50_contracts(self):
        users = (self.user_cm, self.user_sm, self.user_cso, self.user_viewer)
        with freeze_time("2026-05-04"):
            self._add_contracts(10)
            few = {user.login: self._list_queries(user) for user in users}
            self._add_contracts(40)
            many = {user.login: self._list_queries(user) for user in users}
        # the County Manager sees them all, the Service Manager of the north half
        self.assertEqual(few["hcc_cm"][1], 10)
        self.assertEqual(many["hcc_cm"][1], 50)
        self.assertEqual(many["hcc_sm"][1], 25)
        for login in few:
            self.assertEqual(
                (few[login][0], many[login][0]),
                (LIST_QUERIES[login],) * 2,
                f"queries of the list of 10 and 50 contracts as {login}",
            )

    def _fill(self, contract, count):
        """``count`` meetings, actions and monthly returns on the contract."""
        start = date(2026, 4, 1)
        meetings = self.env["hcc.contract.meeting"].create(
            [
                {
                    "contract_id": contract.id,
                    "date": f"2026-{4 + index % 8:02d}-{1 + index:02d} 10:00:00",
                }
                for index in range(count)
            ]
        )
        self.env["hcc.contract.action"].create(
            [
                {
                    "contract_id": contract.id,
                    "name": f"Issue {index}",
                    "user_id": self.user_sm.id,
                    "meeting_id": meetings[index].id,
                    "date_due": start + relativedelta(months=2, days=index),
                }
                for index in range(count)
            ]
        )
        self.env["hcc.data.return"].create(
            [
                {
                    "contract_id": contract.id,
                    "date_from": start + relativedelta(months=index),
                    "date_to": start + relativedelta(months=index + 1, days=-1),
                }
                for index in range(count)
            ]
        )

    def test_form_costs_the_same_with_2_and_20_meetings_actions_returns(self):
        spec = view_specification(self.env, "hcc.contract", "form")
        # the records with a life of their own open in their own lists: the
        # form reads none of them, however many there are
        for field in ("meeting_ids", "return_ids", "review_ids", "variation_line_ids"):
            self.assertNotIn(field, spec)
        with freeze_time("2026-05-04"):
            small, large = self._add_contracts(2)
            large.locality_id = self.locality_north  # both readable by user_sm
            self._fill(small, 2)
            self._fill(large, 20)
            for user in (self.user_cm, self.user_sm):
                as_user = (small | large).with_user(user)
                counts = [
                    self._queries(lambda c=contract: c.web_read(spec))
                    for contract in as_user
                ]
                self.assertEqual(len(as_user[1].meeting_ids), 20)
                self.assertEqual(
                    counts,
                    [self._form_pins()[user.login]] * 2,
                    f"queries of the form with 2 and 20 records as {user.login}",
                )

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------
    def _form_pins(self):
        installed = self.env["ir.module.module"].search(
            [("name", "in", list(ADDON_FORM_QUERIES)), ("state", "=", "installed")]
        )
        pins = dict(FORM_QUERIES)
        for module in installed:
            for login, extra in ADDON_FORM_QUERIES[module.name].items():
                pins[login] += extra
        return pins

    def _idle_cron_pins(self):
        installed = self.env["ir.module.module"].search(
            [("name", "in", list(ADDON_IDLE_CRON_QUERIES)), ("state", "=", "installed")]
        )
        pins = dict(IDLE_CRON_QUERIES)
        for module in installed:
            pins.update(ADDON_IDLE_CRON_QUERIES[module.name])
        return pins

    def _daily_crons(self):
        crons = self.env["ir.cron"].search(
            [("ir_actions_server_id.model_id.model", "=like", "hcc.%")], order="id"
        )
        self.assertGreaterEqual(len(crons), 9)
        calls = []
        for cron in crons:
            method = cron.code.strip().removeprefix("model.").removesuffix("()")
            self.assertTrue(method.startswith("_cron_"), cron.code)
            calls.append((method, getattr(self.env[cron.model_id.model], method)))
        self.assertEqual(
            {method for method, _call in calls},
            set(self._idle_cron_pins()),
            "every cron",
        )
        return calls

    def _idle_counts(self):
        """Run every cron once (its work for the day), then measure a second
        run of each, which must find nothing to do."""
        calls = self._daily_crons()
        for _method, call in calls:
            call()
        return {method: self._queries(call) for method, call in calls}

    def _work_queries(self, count):
        """Queries of the returns cron's day of work on ``count`` new
        contracts (the returns of the periods started created, those past
        their due date flagged late and reminded, the RAG refreshed, the
        officers told), with the items of work it did."""
        with freeze_time("2026-03-20"):
            contracts = self._add_contracts(count)
        with freeze_time("2026-05-10"):
            self.env["hcc.contract"]._cron_data_returns()  # April and May
        with freeze_time("2026-07-15"):
            self.env.flush_all()
            self.env.cr.flush()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.env["hcc.contract"]._cron_data_returns()
            self.env.cr.flush()  # what runs before the commit
            queries = self.env.cr.sql_log_count - before
            returns = self.env["hcc.data.return"].search(
                [("contract_id", "in", contracts.ids)]
            )
            late = returns.filtered("is_late")
            self.assertEqual(len(returns), count * 4, "April to July")
            self.assertEqual(len(late), count * 2, "April and May")
            self.assertEqual(len(late.activity_ids), count * 2, "reminded")
        # June and July created, April and May flagged late
        return queries, count * 4

    def test_cron_work_costs_at_most_3_queries_an_item(self):
        """A day of work costs queries per batch, not per record: each item
        more (a return created, a return flagged late) costs at most three
        queries (issue 40; about twenty before the reminders and the checks
        were batched)."""
        few_queries, few_items = self._work_queries(4)
        many_queries, many_items = self._work_queries(16)
        per_item = (many_queries - few_queries) / (many_items - few_items)
        self.assertLessEqual(per_item, 3, (few_queries, many_queries))

    def test_idle_crons_cost_the_same_for_20_and_200_contracts(self):
        with freeze_time("2026-03-20"):
            contracts = self._add_contracts(20)
        with freeze_time("2026-07-15"):
            few = self._idle_counts()
            returns = self.env["hcc.data.return"].search_count(
                [("contract_id", "in", contracts.ids)]
            )
            # the crons did do their work: April to July returns are expected
            self.assertEqual(returns, 20 * 4)
        with freeze_time("2026-03-20"):
            contracts |= self._add_contracts(180)
        with freeze_time("2026-07-15"):
            many = self._idle_counts()
            returns = self.env["hcc.data.return"].search_count(
                [("contract_id", "in", contracts.ids)]
            )
            self.assertEqual(returns, 200 * 4)
        self.assertEqual(few, self._idle_cron_pins())
        self.assertEqual(many, self._idle_cron_pins())
