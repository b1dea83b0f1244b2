"""Issue 37, role slots: once Invoicing was installed, every member of staff
was an Invoicing administrator (Odoo's "Default Access Rights" handed the
template user's new groups to every employee): the Read-only user drafted and
posted a vendor bill, Service Managers read every locality's bills. Each
role holds exactly the accounting rights its role gives (README, Roles), over
JSON-RPC as the web client calls, each as the role's own user."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.hcc_contracts.tests.roles.common_integrity import HccIntegrityCase

INVOICING = "account.group_account_invoice"
ACCOUNTING_GROUPS = (
    INVOICING,
    "account.group_account_basic",
    "account.group_account_readonly",
    "account.group_account_user",
    "account.group_account_manager",
)
# the accounting groups each role holds: Finance (and so the County Manager
# and the Administrator, who include it) drafts, posts and pays the bills
ROLE_ACCOUNTING = {
    "hcc_contracts.group_viewer": set(),
    "hcc_contracts.group_finance": {INVOICING},
    "hcc_contracts.group_service_manager": set(),
    "hcc_contracts.group_support_officer": set(),
    "hcc_contracts.group_county_manager": {INVOICING},
    "hcc_contracts.group_administrator": {INVOICING},
    "hcc_contracts.group_legal_services": set(),
}


@tagged("post_install", "-at_install", "hcc_rpc")
class TestRoleAccountingRightsRpc(HccIntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.settings_admin = new_test_user(
            cls.env,
            login="hcc_acc_sysadmin",
            groups="base.group_system,base.group_partner_manager",
        )
        cls.logins["settings_admin"] = cls.settings_admin
        cls.logins["sm_south"] = cls.user_sm_south
        plan = cls.env["account.analytic.plan"].create({"name": "Role Cost Centres"})
        cls.centre = cls.env["account.analytic.account"].create(
            {"name": "Role home care", "plan_id": plan.id}
        )
        cls.contract.with_user(cls.user_finance).analytic_account_id = cls.centre

    def _ok(self, role, model, method, *args, **kwargs):
        reply = self._jsonrpc(role, model, method, *args, **kwargs)
        self.assertNotIn("error", reply, reply.get("error"))
        return reply["result"]

    def _new_user_as_the_form_does(self, login, role_xmlid):
        """A Settings administrator creates a user on the user form: the
        form's default groups, and the role chosen."""
        defaults = self._ok("settings_admin", "res.users", "default_get", ["groups_id"])
        groups = set(defaults.get("groups_id", [[6, 0, []]])[0][2])
        groups.add(self.env.ref(role_xmlid).id)
        user_id = self._ok(
            "settings_admin",
            "res.users",
            "create",
            {
                "name": login.replace("_", " ").title(),
                "login": login,
                "password": self._password(login),
                "groups_id": [Command.set(sorted(groups))],
            },
        )
        return self.env["res.users"].browse(user_id)

    def _accounting_groups_over_rpc(self, user):
        self.logins[user.login] = user
        return {
            xmlid
            for xmlid in ACCOUNTING_GROUPS
            if self._ok(user.login, "res.users", "has_group", [user.id], xmlid)
        }

    def test_each_role_holds_exactly_its_accounting_rights(self):
        # the council's setting, as the README asks: Default Access Rights off
        self.env["ir.config_parameter"].set_param(
            "base_setup.default_user_rights", False
        )
        # an app installed later puts its administrator on the template, as
        # Invoicing does (account_security.xml): it reaches nobody
        manager = self.env.ref("account.group_account_manager")
        self.env.ref("base.default_user").write(
            {"groups_id": [Command.link(manager.id)]}
        )
        made_by_test = {
            "hcc_contracts.group_viewer": self.user_viewer,
            "hcc_contracts.group_finance": self.user_finance,
            "hcc_contracts.group_service_manager": self.user_sm,
            "hcc_contracts.group_support_officer": self.user_cso,
            "hcc_contracts.group_county_manager": self.user_cm,
            "hcc_contracts.group_administrator": self.user_admin,
            "hcc_contracts.group_legal_services": self.user_legal,
        }
        for role, expected in ROLE_ACCOUNTING.items():
            made_on_form = self._new_user_as_the_form_does(
                "hcc_acc_" + role.split(".group_")[1], role
            )
            for user in (made_by_test[role], made_on_form):
                with self.subTest(role=role, login=user.login):
                    self.assertEqual(self._accounting_groups_over_rpc(user), expected)
        # who administered Odoo before stays the accounting administrator
        self.assertTrue(
            self.env.ref("base.user_admin").has_group("account.group_account_manager")
        )

    def test_installing_invoicing_changes_nobodys_role(self):
        """With Odoo's Default Access Rights on (its default), installing
        Invoicing makes every employee an accounting administrator; this
        addon's install (and migration) gives the holders of a role back
        the accounting rights of their role only."""
        self.env["ir.config_parameter"].set_param(
            "base_setup.default_user_rights", True
        )
        manager = self.env.ref("account.group_account_manager")
        self.env.ref("base.default_user").write(
            {"groups_id": [Command.link(manager.id)]}
        )
        self.assertTrue(self.user_viewer.has_group("account.group_account_manager"))
        self.env["res.users"]._hcc_keep_accounting_to_roles()
        self.env.invalidate_all()
        holders = self.env["res.users"].search(
            [("login", "=like", "hcc_%"), ("share", "=", False)]
        )
        self.assertTrue(holders)
        for user in holders.filtered(lambda u: not u._is_system()):
            # the accounting rights of the strongest role held: Finance's
            # Invoicing group (the County Manager and Administrator include it)
            finance = user.has_group("hcc_contracts.group_finance")
            expected = {INVOICING} if finance else set()
            with self.subTest(login=user.login):
                held = {x for x in ACCOUNTING_GROUPS if user.has_group(x)}
                self.assertEqual(held, expected)
        self.assertFalse(
            self.env.ref("base.default_user").has_group("account.group_account_manager")
        )
        self.assertTrue(
            self.env.ref("base.user_admin").has_group("account.group_account_manager")
        )

    def _draft_bill(self):
        return (
            self.env["account.move"]
            .with_user(self.user_finance)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.provider.id,
                    "invoice_date": "2026-04-30",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Day care, April",
                                "quantity": 1,
                                "price_unit": 10000.0,
                                "hcc_contract_id": self.contract.id,
                                "analytic_distribution": {str(self.centre.id): 100},
                            }
                        )
                    ],
                }
            )
        )

    def test_read_only_neither_drafts_nor_posts_a_bill(self):
        bill = self._draft_bill()
        self.assertEqual(bill.hcc_contract_id, self.contract)
        self.assertJsonrpcRefused(
            "viewer",
            "account.move",
            "create",
            {"move_type": "in_invoice", "partner_id": self.provider.id},
        )
        self.assertJsonrpcRefused("viewer", "account.move", "action_post", [bill.id])
        bill.invalidate_recordset()
        self.assertEqual(bill.state, "draft")
        # and reads it, which is their role
        read = self._ok("viewer", "account.move", "read", [bill.id], ["state"])
        self.assertEqual(read[0]["state"], "draft")
        # Finance posts it
        self._ok("finance", "account.move", "action_post", [bill.id])
        bill.invalidate_recordset()
        self.assertEqual(bill.state, "posted")

    @freeze_time("2026-06-10")
    def test_service_managers_do_not_read_the_bills(self):
        bill = self._draft_bill()
        bill.with_user(self.user_finance).action_post()
        for role in ("sm_south", "service_manager"):
            self.assertJsonrpcRefused(
                role, "account.move", "read", [bill.id], ["amount_total"]
            )
            self.assertJsonrpcRefused(
                role, "account.move", "search", [("id", "=", bill.id)]
            )
        # what was billed on their own contract is theirs to see
        paid = self._ok(
            "service_manager",
            "hcc.contract",
            "read",
            [self.contract.id],
            ["hcc_billed_amount"],
        )
        self.assertEqual(paid[0]["hcc_billed_amount"], 10000.0)
