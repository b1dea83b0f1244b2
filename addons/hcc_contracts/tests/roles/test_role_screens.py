from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ...tools.roles import GROUP_COUNTY_MANAGER
from ..meetings.common_meetings import HccMeetingsCase

# the forms with workflow buttons in their header
WORKFLOW_FORMS = (
    "hcc.contract",
    "hcc.contract.meeting",
    "hcc.contract.action",
    "hcc.contract.notice",
    "hcc.contract.revision",
    "hcc.contract.option",
    "hcc.contract.review",
    "hcc.data.return",
    "hcc.satisfaction.survey",
    "hcc.procurement",
)


@tagged("post_install", "-at_install")
class TestRoleScreens(HccMeetingsCase):
    """Each role's web client: the screen it opens on, and forms that offer
    only what the role may do, read from the views as Odoo renders them for
    the user (``get_views`` removes what the user's groups do not reach)."""

    def _form(self, user, model):
        views = self.env[model].with_user(user).get_views([(False, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def _prints(self, button):
        """A button that prints (a report action) only reads."""
        if button.get("type") != "action" or not button.get("name", "").isdigit():
            return False
        action = self.env["ir.actions.actions"].browse(int(button.get("name")))
        return action.type == "ir.actions.report"

    def _home(self, xmlid):
        return self.env.ref(xmlid).id

    def test_each_role_opens_on_its_own_screen(self):
        county = dict(self.env["res.users"]._hcc_home_actions())[GROUP_COUNTY_MANAGER]
        expected = {
            self.user_sm: "hcc_contracts.hcc_contract_action_home_lead",
            self.user_cso: "hcc_contracts.hcc_contract_action_home_cso",
            self.user_finance: "hcc_contracts.hcc_contract_budget_action",
            self.user_viewer: "hcc_contracts.hcc_contract_action_all",
            self.user_legal: "hcc_contracts.hcc_contract_termination_action",
            self.user_cm: county,
            self.user_admin: county,
        }
        for user, xmlid in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(user.action_id.id, self._home(xmlid))
        # the Read-only user's home is every contract, not an empty "My Contracts"
        home = self.env.ref("hcc_contracts.hcc_contract_action_all")
        self.assertNotIn("my_contracts", home.context)

    def test_home_follows_the_role_but_keeps_a_home_chosen_by_hand(self):
        group_sm = self.env.ref("hcc_contracts.group_service_manager")
        self.user_viewer.groups_id = [(4, group_sm.id)]
        self.assertEqual(
            self.user_viewer.action_id.id,
            self._home("hcc_contracts.hcc_contract_action_home_lead"),
        )
        self.user_viewer.groups_id = [(3, group_sm.id)]
        self.assertEqual(
            self.user_viewer.action_id.id,
            self._home("hcc_contracts.hcc_contract_action_all"),
        )
        chosen = self.env.ref("hcc_contracts.hcc_contract_meeting_action")
        self.user_viewer.action_id = chosen.id
        self.user_viewer.groups_id = [(4, group_sm.id)]
        self.assertEqual(self.user_viewer.action_id.id, chosen.id)

    def test_install_gives_no_home_to_users_without_one(self):
        """Installing or updating the addons moves the users who open on a
        role's home to the home of their role now, and gives no home to
        anyone else: the administrator keeps Odoo's own home (Discuss)."""
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin._has_group("hcc_contracts.group_administrator"))
        admin.action_id = False
        # a user on a role's home whose home changed (an addon replaced it)
        self.user_sm.sudo().action_id = self._home(
            "hcc_contracts.hcc_contract_action_all"
        )
        self.env["res.users"]._hcc_reset_home_actions()
        self.assertFalse(admin.action_id)
        # another app's group written on her user (as Invoicing's data does
        # on install) is not a role given: no home either
        admin.write(
            {"groups_id": [Command.link(self.env.ref("base.group_allow_export").id)]}
        )
        self.assertFalse(admin.action_id)
        self.assertEqual(
            self.user_sm.action_id.id,
            self._home("hcc_contracts.hcc_contract_action_home_lead"),
        )

    def test_home_by_rag_puts_red_first(self):
        """The lead officer's home groups the contracts by RAG status as the
        web client asks for it: red, amber, green, each shown even when
        empty (issue 43: it ran amber, green, red)."""
        contract = self._create_contract()
        contract.action_activate()
        groups = (
            self.env["hcc.contract"]
            .with_user(self.user_sm)
            .web_read_group([("id", "=", contract.id)], ["rag_status"], ["rag_status"])[
                "groups"
            ]
        )
        self.assertEqual([g["rag_status"] for g in groups], ["red", "amber", "green"])
        self.assertEqual(
            {g["rag_status"]: g["rag_status_count"] for g in groups},
            {
                status: int(status == contract.rag_status)
                for status in ("red", "amber", "green")
            },
        )

    def test_read_only_sees_no_workflow_button(self):
        for model in WORKFLOW_FORMS:
            with self.subTest(model=model):
                arch = self._form(self.user_viewer, model)
                buttons = [
                    b.get("name")
                    for b in arch.xpath("//header//button | //button[@type='object']")
                    if not b.get("name", "").startswith(("action_view_", "action_open"))
                    and "oe_stat_button" not in (b.get("class") or "")
                    and not self._prints(b)
                ]
                self.assertEqual(buttons, [], f"Read-only is offered {buttons}")
                # and the lead officer still has them
                if model != "hcc.contract":
                    self.assertTrue(
                        self._form(self.user_sm, model).xpath("//header//button")
                    )

    def test_forms_show_read_only_what_the_step_refuses(self):
        """An accepted return looked editable until Save refused it: each
        workflow form now shows read-only, in each step, the fields the guard
        refuses there, and leaves editable those the step allows."""
        for model in WORKFLOW_FORMS:
            Model = self.env[model]
            locked = Model._hcc_locked_states()
            arch = self._form(self.user_sm, model)
            for node in arch.xpath("//field[not(ancestor::field)]"):
                name = node.get("name")
                if name not in locked or node.get("readonly") in ("1", "True"):
                    continue
                with self.subTest(model=model, field=name):
                    for state in locked[name]:
                        self.assertIn(repr(state), node.get("readonly"))
        units = self._form(self.user_sm, "hcc.data.return").xpath(
            "//field[@name='units_delivered'][not(ancestor::field)]"
        )[0]
        self.assertIn("'accepted'", units.get("readonly"))
        self.assertNotIn("'received'", units.get("readonly"))
        note = self._form(self.user_sm, "hcc.data.return").xpath(
            "//field[@name='note'][not(ancestor::field)]"
        )[0]
        self.assertNotIn("'accepted'", note.get("readonly") or "")

    def test_read_only_is_offered_no_archive(self):
        """The web client offers Archive when the ``active`` field is not
        read-only: for the Read-only role it is, on every workflow model."""
        for model in (*WORKFLOW_FORMS, "hcc.contract.budget"):
            Model = self.env[model]
            if "active" not in Model._fields:
                continue
            for user in (self.user_viewer, self.user_cso, self.user_finance):
                with self.subTest(model=model, user=user.login):
                    mine = Model.with_user(user)
                    active = mine.fields_get(["active"], ["readonly"])["active"]
                    self.assertEqual(active["readonly"], not mine.has_access("write"))
            self.assertFalse(Model.with_user(self.user_viewer).has_access("write"))

    def test_every_menu_says_what_an_empty_screen_means(self):
        """Without a help text Odoo's empty screen tells the Read-only user
        to create a record; each list of the app says what belongs there."""
        root = self.env.ref("hcc_contracts.hcc_contracts_menu_root")
        menus = self.env["ir.ui.menu"].search([("id", "child_of", root.id)])
        windows = (
            self.env["ir.actions.act_window"]
            .browse(
                [
                    menu.action.id
                    for menu in menus
                    if menu.action and menu.action._name == "ir.actions.act_window"
                ]
            )
            .filtered(lambda a: a.target not in ("new", "inline"))
        )
        self.assertTrue(windows)
        for action in windows:
            with self.subTest(action=action.name):
                self.assertTrue(action.help, f"{action.name} has no empty-screen help")

    def test_finance_can_type_only_into_finance_fields(self):
        arch = self._form(self.user_finance, "hcc.contract")
        finance = self.env["hcc.contract"]._get_hcc_finance_fields()
        editable = {
            node.get("name")
            for node in arch.xpath("//field[not(ancestor::field)]")
            if node.get("readonly") not in ("1", "True")
            and node.get("invisible") not in ("1", "True")
        }
        free = self.env["hcc.contract"]._hcc_free_fields()
        self.assertEqual(editable - free, finance & editable)
        self.assertIn("analytic_account_id", editable)
        self.assertIn("budget_ids", editable)
        # the lead officer is not narrowed to them
        lead = self._form(self.user_sm, "hcc.contract")
        title = lead.xpath("//field[@name='title']")[0]
        self.assertNotEqual(title.get("readonly"), "1")

    def test_counters_wait_for_the_contract_to_exist(self):
        arch = self._form(self.user_sm, "hcc.contract")
        buttons = arch.xpath("//div[@name='button_box']/button")
        self.assertTrue(buttons)
        for button in buttons:
            self.assertTrue(button.get("invisible", "").startswith("not id"))

    def test_read_only_is_told_it_may_not_act_before_what_is_missing(self):
        review = self.env["hcc.contract.review"].create(
            {"contract_id": self.contract.id, "date_due": "2028-03-31"}
        )
        # the answers are missing, but the reader is not allowed in the first place
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            review.with_user(self.user_viewer).action_done()
        meeting = self._meeting("2026-05-12 10:00:00")
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            meeting.with_user(self.user_viewer).action_mark_held()

    def test_lead_officer_home_counts_returns_to_check_and_overdue_actions(self):
        Return = self.env["hcc.data.return"]
        received = Return.create(
            {
                "contract_id": self.contract.id,
                "date_from": "2026-04-01",
                "date_to": "2026-04-30",
                "units_delivered": 480,
            }
        )
        accepted = Return.create(
            {
                "contract_id": self.contract.id,
                "date_from": "2026-05-01",
                "date_to": "2026-05-31",
                "units_delivered": 490,
            }
        )
        (received | accepted).action_receive()
        accepted.action_accept()
        with freeze_time("2026-05-12"):
            self._action(date_due="2026-05-20")
            self._action(name="Staff training plan", date_due="2026-06-30")
        with freeze_time("2026-05-25"):
            self.env["hcc.contract.action"]._cron_flag_overdue()
        other = self._create_contract(title="Nothing waiting")
        contracts = (self.contract | other).with_user(self.user_sm)
        self.assertEqual(contracts.mapped("home_returns_to_check"), [1, 0])
        self.assertEqual(contracts.mapped("home_overdue_actions"), [1, 0])

    def test_serve_says_what_is_missing_before_asking(self):
        # drafted before the CSO was consulted, as the dates below state
        with freeze_time("2026-04-30"):
            notice = self.env["hcc.contract.notice"].create(
                {"contract_id": self.contract.id, "notice_type": "improvement"}
            )
        self.assertIn("The failings are not described.", notice.serve_problems)
        self.assertIn("Contract Support Officer", notice.serve_problems)
        arch = self._form(self.user_sm, "hcc.contract.notice")
        serve = arch.xpath("//button[@name='action_serve']")[0]
        self.assertIn("serve_problems", serve.get("invisible"))
        notice.write(
            {
                "failings": "<p>Visits missed on three weekends running.</p>",
                "cso_consulted_id": self.user_cso.id,
                "date_cso_consulted": "2026-05-01",
            }
        )
        with freeze_time("2026-05-12"):
            notice.invalidate_recordset(["serve_problems"])
            self.assertFalse(notice.serve_problems)
