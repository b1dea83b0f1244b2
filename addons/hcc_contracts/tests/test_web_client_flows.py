"""What the web client does differently from server code: forms that send
empty one2many lists, lines added from a parent's form, and the user form an
administrator uses to give roles."""

from odoo.tests import Form, tagged

from .finance.common_budget import HccBudgetCase


@tagged("post_install", "-at_install")
class TestWebClientFlows(HccBudgetCase):
    def test_roles_are_dropdowns_on_the_user_form(self):
        """Odoo shows a category as a dropdown (outside debug mode) only when
        its groups form one chain; the procedure's roles must be choosable
        by an ordinary administrator."""
        kinds = {
            app.xml_id: (kind, groups)
            for app, kind, groups, _category in self.env[
                "res.groups"
            ].get_groups_by_application()
            if app
        }
        prefix = "hcc_contracts.module_category_hcc_contracts_"
        management = kinds[prefix + "management"]
        oversight = kinds[prefix + "oversight"]
        self.assertEqual(management[0], "selection")
        self.assertEqual(oversight[0], "selection")
        self.assertEqual(kinds[prefix + "cases"][0], "selection")
        # Legal Services (9.4): a role of its own, outside the chains
        self.assertEqual(
            kinds[prefix + "legal"],
            ("selection", self.env.ref("hcc_contracts.group_legal_services")),
        )
        ref = self.env.ref
        self.assertEqual(
            management[1],
            ref("hcc_contracts.group_service_manager")
            | ref("hcc_contracts.group_support_officer")
            | ref("hcc_contracts.group_county_manager")
            | ref("hcc_contracts.group_administrator"),
        )
        self.assertEqual(
            list(oversight[1]),
            [ref("hcc_contracts.group_viewer"), ref("hcc_contracts.group_finance")],
        )

    def test_meeting_from_a_form_gets_the_minimum_agenda(self):
        contract = self._create_contract()
        contract.action_activate()
        form = Form(self.env["hcc.contract.meeting"].with_user(self.user_sm))
        form.contract_id = contract
        form.date = "2026-05-01 10:00:00"
        meeting = form.save()
        self.assertEqual(len(meeting.agenda_ids), 9)

    def test_finance_adds_a_budget_line_from_the_contract_form(self):
        contract = self._create_contract(annual_value=120000.0)
        contract.action_activate()
        with Form(contract.with_user(self.user_finance)) as form:
            with form.budget_ids.new() as line:
                line.financial_year = "2026/27"
                line.budgeted_amount = 125000.0
        line = contract.budget_ids
        self.assertEqual(line.budgeted_amount, 125000.0)
        self.assertEqual(line.committed_amount, 120000.0)

    def test_new_budget_line_without_contract_computes_nothing(self):
        with Form(self.env["hcc.contract.budget"].with_user(self.user_finance)) as form:
            self.assertEqual(form.committed_amount, 0.0)
            form.contract_id = self._create_contract(annual_value=36500.0)
            form.financial_year = "2026/27"
            self.assertEqual(form.committed_amount, 36500.0)
