from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ...tools.roles import GROUP_COUNTY_MANAGER, check_role
from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractFieldDuties(HccContractsCase):
    """Fields whose changes the procedure gives to one role (Appendix A, 9, 12.6)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.env["account.analytic.plan"].create({"name": "Test Cost Centres"})
        cls.cost_centre = cls.env["account.analytic.account"].create(
            {"name": "Test Day Care North", "plan_id": plan.id}
        )
        cls.draft = cls._create_contract()
        cls.live = cls._create_contract(representative_id=cls.user_sm.id)
        cls.live.action_activate()
        cls.south = cls._create_contract(
            locality_id=cls.locality_south.id,
            lead_officer_id=cls.user_sm_south.id,
            representative_id=cls.user_sm_south.id,
        )

    def test_cost_centre_by_finance_and_county_manager_only(self):
        for user in (self.user_sm, self.user_cso):
            with self.assertRaisesRegex(AccessError, "Finance.*Cost Centre"):
                self.draft.with_user(user).write(
                    {"analytic_account_id": self.cost_centre.id, "title": "Both"}
                )
            self.assertFalse(self.draft.analytic_account_id)
            self.assertEqual(self.draft.title, "Day care block contract")
        # Finance is not a Service Manager, yet sets the cost centre anywhere
        self.south.with_user(self.user_finance).write(
            {"analytic_account_id": self.cost_centre.id}
        )
        self.assertEqual(self.south.analytic_account_id, self.cost_centre)
        self.live.with_user(self.user_cm).write(
            {"analytic_account_id": self.cost_centre.id}
        )
        self.assertEqual(self.live.analytic_account_id, self.cost_centre)

    def test_finance_changes_nothing_else(self):
        with self.assertRaisesRegex(AccessError, "As Finance.*Title"):
            self.south.with_user(self.user_finance).write(
                {
                    "title": "Renamed by finance",
                    "analytic_account_id": self.cost_centre.id,
                }
            )
        self.assertEqual(self.south.title, "Day care block contract")
        self.assertFalse(self.south.analytic_account_id)
        # the chatter stays open to Finance (followers, activities)
        self.south.with_user(self.user_finance).message_subscribe(
            partner_ids=self.user_finance.partner_id.ids
        )
        self.assertIn(self.user_finance.partner_id, self.south.message_partner_ids)

    def test_finance_part_follows_the_other_roles_write_rules(self):
        """``_get_hcc_managed_domain`` restates the write rules of the roles
        other than Finance on the contract's fields: it must reach exactly
        what those rules reach, for every role and for Finance added to one."""
        elsewhere = self._create_contract(
            locality_id=self.locality_south.id,
            lead_officer_id=self.user_sm_south.id,
            representative_id=self.user_sm_other.id,
            support_officer_id=self.user_cso.id,
        )
        contracts = self.draft | self.live | self.south | elsewhere
        Contract = self.env["hcc.contract"]
        finance = self.env.ref("hcc_contracts.group_finance")
        for user in (
            self.user_sm,
            self.user_sm_other,
            self.user_sm_south,
            self.user_cso,
            self.user_cm,
            self.user_finance,
        ):
            managed = Contract.search(
                [
                    ("id", "in", contracts.ids),
                    *Contract.with_user(user)._get_hcc_managed_domain(),
                ]
            )
            if user.has_group("hcc_contracts.group_county_manager"):
                # the County Manager's own rule reaches every contract
                self.assertEqual(managed, contracts)
                continue
            had_finance = user.has_group("hcc_contracts.group_finance")
            user.groups_id = [Command.unlink(finance.id)]
            writable = contracts.with_user(user)._filtered_access("write")
            self.assertEqual(managed, writable.sudo(), user.login)
            user.groups_id = [Command.link(finance.id)]
            finance_only = contracts.with_user(user)._hcc_finance_only()
            self.assertEqual(finance_only.sudo(), contracts - managed, user.login)
            self.assertEqual(
                contracts.with_user(user).search(
                    [("id", "in", contracts.ids), ("hcc_is_finance_only", "=", True)]
                ),
                finance_only,
                user.login,
            )
            if not had_finance:
                user.groups_id = [Command.unlink(finance.id)]
                self.assertFalse(contracts.with_user(user)._hcc_finance_only())

    def test_database_fields_by_support_officer(self):
        with self.assertRaisesRegex(AccessError, "Contract Support Officer.*Locality"):
            self.draft.with_user(self.user_sm).write(
                {"locality_id": self.locality_south.id}
            )
        self.assertEqual(self.draft.locality_id, self.locality_north)
        with self.assertRaisesRegex(AccessError, "Contract Support Officer"):
            self.draft.with_user(self.user_sm).write({"support_officer_id": False})
        self.assertEqual(self.draft.support_officer_id, self.user_cso)
        self.draft.with_user(self.user_cso).write({"support_officer_id": False})
        self.assertFalse(self.draft.support_officer_id)

    def test_signed_terms_by_support_officer(self):
        # a draft is still being prepared by its lead officer
        self.draft.with_user(self.user_sm).write(
            {"annual_value": 130000.0, "date_end": "2029-09-30"}
        )
        self.assertEqual(self.draft.annual_value, 130000.0)
        with self.assertRaisesRegex(UserError, "Annual Value.*End Date"):
            self.live.with_user(self.user_sm).write(
                {"annual_value": 1.0, "date_end": "2030-03-31", "title": "Varied"}
            )
        self.assertEqual(self.live.annual_value, 120000.0)
        self.assertEqual(self.live.title, "Day care block contract")
        # resending an unchanged value (a form save) is not a change
        self.live.with_user(self.user_sm).write(
            {"annual_value": 120000.0, "title": "Same value"}
        )
        self.assertEqual(self.live.title, "Same value")
        # nor the Contract Support Officer: a revision varies them
        # (tests/notices/test_variations.py)
        with self.assertRaisesRegex(UserError, "approved revision"):
            self.live.with_user(self.user_cso).write({"annual_value": 125000.0})
        self.assertEqual(self.live.annual_value, 120000.0)

    def test_early_termination_by_county_manager_only(self):
        """Early termination is recorded by the County Manager's wizard only
        (tests/notices/test_termination.py): writing the state directly is
        refused to every role, the County Manager included."""
        for user in (self.user_sm, self.user_cso, self.user_cm):
            with self.assertRaisesRegex(AccessError, "cannot be written directly"):
                self.live.with_user(user).write({"state": "terminated"})
            self.assertEqual(self.live.state, "active")
        with self.assertRaisesRegex(AccessError, "As Finance.*State"):
            self.live.with_user(self.user_finance).write({"state": "terminated"})
        self.assertEqual(self.live.state, "active")

    def test_check_role_helper(self):
        Contract = self.env["hcc.contract"]
        with self.assertRaisesRegex(
            AccessError, "County Manager \\(Contracts\\).*sign"
        ):
            check_role(
                Contract.with_user(self.user_cso).env, GROUP_COUNTY_MANAGER, "sign"
            )
        self.assertTrue(
            check_role(
                Contract.with_user(self.user_admin).env, GROUP_COUNTY_MANAGER, "sign"
            )
        )
        # the superuser (scheduled actions, data files) holds every role
        self.assertTrue(check_role(Contract.sudo().env, GROUP_COUNTY_MANAGER, "sign"))

    def test_form_readonly_follows_the_role(self):
        with Form(self.live.with_user(self.user_sm)) as form:
            for name in ("analytic_account_id", "annual_value", "locality_id"):
                with self.assertRaises(AssertionError, msg=name):
                    setattr(form, name, False)
            form.title = "Lead officer edit"
        self.assertEqual(self.live.title, "Lead officer edit")
        with Form(self.live.with_user(self.user_finance)) as form:
            form.analytic_account_id = self.cost_centre
        self.assertEqual(self.live.analytic_account_id, self.cost_centre)
        with Form(self.live.with_user(self.user_cso)) as form:
            # the signed terms of a live contract are varied by a revision
            with self.assertRaises(AssertionError):
                form.annual_value = 99000.0
            with self.assertRaises(AssertionError):
                form.analytic_account_id = self.env["account.analytic.account"]
            form.locality_id = self.locality_south
        self.assertEqual(self.live.locality_id, self.locality_south)

    def test_localities_assigned_by_administrators(self):
        with self.assertRaisesRegex(AccessError, "Administrator.*localities"):
            self.user_sm.with_user(self.user_sm).write(
                {"hcc_locality_ids": [Command.link(self.locality_south.id)]}
            )
        self.assertEqual(self.user_sm.hcc_locality_ids, self.locality_north)
        with self.assertRaises(AccessError):
            self.user_sm.with_user(self.user_cm).write(
                {"hcc_locality_ids": [Command.link(self.locality_south.id)]}
            )
        # the Administrator role is enough, without managing users in general
        self.assertFalse(self.user_admin.has_group("base.group_erp_manager"))
        self.user_sm.with_user(self.user_admin).write(
            {"hcc_locality_ids": [Command.link(self.locality_south.id)]}
        )
        self.assertEqual(
            self.user_sm.hcc_locality_ids, self.locality_north | self.locality_south
        )
        # ...and only the localities: nothing else of the user through that path
        with self.assertRaises(AccessError):
            self.user_sm.with_user(self.user_admin).write(
                {"hcc_locality_ids": [Command.clear()], "login": "hijacked"}
            )
        self.assertEqual(self.user_sm.login, "hcc_sm")
        self.assertEqual(len(self.user_sm.hcc_locality_ids), 2)

    def test_role_shown_on_users(self):
        self.assertEqual(self.user_cso.hcc_role, "Contract Support Officer")
        self.assertEqual(self.user_admin.hcc_role, "Administrator")
        self.assertEqual(self.user_finance.hcc_role, "Finance")
        plain = self.env["res.users"].create({"name": "No Role", "login": "hcc_norole"})
        self.assertFalse(plain.hcc_role)
