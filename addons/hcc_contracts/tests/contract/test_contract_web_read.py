from odoo.exceptions import AccessError

from ..common import HccContractsCase


class TestContractWebRead(HccContractsCase):
    """What the contract's reading shortcuts give is what Odoo would give:
    the list under record rules fetching the fields the rules test with its
    rows."""

    def test_list_under_rules_shows_what_the_rules_allow(self):
        north = self.env["hcc.contract"].create(self._contract_vals())
        south = self.env["hcc.contract"].create(
            self._contract_vals(
                locality_id=self.locality_south.id,
                lead_officer_id=self.user_sm_south.id,
                representative_id=self.user_sm_south.id,
                support_officer_id=False,
            )
        )
        spec = {"title": {}, "budget_amount": {}}
        domain = [("id", "in", (north | south).ids)]
        for user, expected in (
            (self.user_sm, north),
            (self.user_sm_south, south),
            (self.user_cm, north | south),
        ):
            self.env.invalidate_all()
            result = (
                self.env["hcc.contract"]
                .with_user(user)
                .web_search_read(domain, spec, limit=80)
            )
            self.assertEqual(
                {row["id"] for row in result["records"]}, set(expected.ids), user.login
            )
        # and the contract the rules refuse is still refused when read
        self.env.invalidate_all()
        with self.assertRaises(AccessError):
            south.with_user(self.user_sm).read(["title"])

    def test_list_under_rules_fetches_the_rule_fields_with_the_rows(self):
        self.env["hcc.contract"].create(self._contract_vals())
        Contract = self.env["hcc.contract"].with_user(self.user_sm)
        self.assertEqual(
            set(Contract._hcc_read_rule_fields()),
            {
                "company_id",
                "locality_id",
                "lead_officer_id",
                "representative_id",
                "support_officer_id",
            },
        )
        self.assertEqual(
            Contract._hcc_x2many_dependencies(["title", "budget_amount"]),
            ["budget_ids"],
        )
        self.env.invalidate_all()
        records = Contract.search_fetch([], ["title"])
        self.assertTrue(records)
        # the rule's fields are in the cache: checking the rules again costs
        # no query
        with self.assertQueryCount(0):
            records.check_access("read")
