from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import HccContractsCase


class HccTourCase(HccContractsCase, HttpCase):
    """The main journeys of each role, walked in a real browser (Chromium):
    the tours in static/tests/tours/ click the same buttons and fill the same
    fields as an officer would, so a field or button removed from a view makes
    them fail. Run by Odoo's own runner, not pytest:
    odoo-bin ... --test-tags hcc_tour/hcc_contracts --http-port=<free port>.
    Each test then checks in the database what the journey recorded."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        roles = (
            cls.user_sm | cls.user_cso | cls.user_cm | cls.user_finance | cls.user_legal
        )
        roles.write({"lang": "en_GB", "tz": "Europe/London"})
        # names the tours pick from drop-downs: each must match one user only
        cls.user_sm.name = "Sarah Lead"
        cls.user_cso.name = "Colin Support"
        cls.tour_provider = cls.env["res.partner"].create(
            {"name": "Tour Homecare Ltd", "is_company": True}
        )
        cls.live_term = {
            "date_start": cls.today - relativedelta(years=1),
            "date_end": cls.today + relativedelta(years=2),
        }

    @classmethod
    def _active_contract(cls, **overrides):
        contract = cls._create_contract(
            partner_id=cls.tour_provider.id, **cls.live_term, **overrides
        )
        contract.action_activate()
        return contract

    @classmethod
    def _notice(cls, contract, **vals):
        return cls.env["hcc.contract.notice"].create(
            {
                "contract_id": contract.id,
                "notice_type": "default",
                "failings": "<p>Visits missed on three weekends running.</p>",
                "cso_consulted_id": cls.user_cso.id,
                **vals,
            }
        )

    def _url(self, action, record=None):
        url = f"/odoo/action-hcc_contracts.{action}"
        return f"{url}/{record.id}" if record else url


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourContractActivation(HccTourCase):
    def test_cso_registers_and_activates(self):
        self.start_tour(
            self._url("hcc_contract_action_all"), "hcc_cso_activate", login="hcc_cso"
        )
        contract = self.env["hcc.contract"].search(
            [("title", "=", "Tour day care, Andover")]
        )
        self.assertEqual(len(contract), 1)
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.create_uid, self.user_cso)
        self.assertEqual(contract.representative_id, self.user_sm)
        self.assertEqual(contract.locality_id, self.locality_north)


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourMeeting(HccTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting_contract = cls._active_contract(title="Tour meeting contract")

    def test_lead_officer_meeting(self):
        self.start_tour(
            self._url("hcc_contract_action", self.meeting_contract),
            "hcc_lead_officer_meeting",
            login="hcc_sm",
        )
        meeting = self.meeting_contract.meeting_ids
        self.assertEqual(len(meeting), 1)
        self.assertEqual(meeting.state, "minutes_circulated")
        self.assertEqual(meeting.create_uid, self.user_sm)
        self.assertIn("Rota gaps", meeting.minutes)
        self.assertEqual(meeting.agenda_done_count, 9)
        self.assertTrue(meeting.fully_documented)
        self.assertIn(self.user_cso.partner_id, meeting.minutes_recipient_ids)
        self.assertEqual(meeting.action_ids.name, "Fill the weekend rota gaps")
        self.assertEqual(meeting.action_ids.contract_id, self.meeting_contract)
        self.assertEqual(meeting.action_ids.state, "open")


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourNotice(HccTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.notice_contract = cls._active_contract(title="Tour notice contract")
        cls.draft_notice = cls._notice(
            cls.notice_contract,
            date_cso_consulted=cls.today - relativedelta(days=2),
        )

    def test_county_manager_serves_a_notice(self):
        self.start_tour(
            self._url("hcc_contract_notice_action", self.draft_notice),
            "hcc_county_manager_notice",
            login="hcc_cm",
        )
        self.assertEqual(self.draft_notice.state, "served")
        # "today" for the County Manager, in England, as the browser saw it
        today_uk = fields.Date.context_today(self.draft_notice.with_user(self.user_cm))
        self.assertEqual(self.draft_notice.date_served, today_uk)
        self.assertEqual(self.notice_contract.state, "active")


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourTerminationCase(HccTourCase):
    """The case for early termination from the lead officer's proposal to
    Legal Services' completion (9.2 to 9.4), each step by its own person."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm
        cls.case_contract = cls._active_contract(title="Tour termination contract")
        # served 60 days ago with a 28-day remedy period: the remedy is overdue
        cls.case_notice = cls._notice(
            cls.case_contract,
            date_cso_consulted=cls.today - relativedelta(days=61),
            date_served=cls.today - relativedelta(days=60),
        )
        cls.case_notice.action_serve()

    def test_termination_case_to_legal_services(self):
        contract = self.case_contract
        self.start_tour(
            self._url("hcc_contract_action", contract),
            "hcc_termination_lead_officer",
            login="hcc_sm",
        )
        case = contract.early_termination_case_ids
        self.assertEqual(len(case), 1)
        self.assertEqual(case.state, "proposed")
        self.assertEqual(case.proposed_by_id, self.user_sm)
        self.assertEqual(case.service_users_affected, 14)
        for login, tour, state in (
            ("hcc_cso", "hcc_termination_cso", "discussed"),
            ("hcc_cm", "hcc_termination_county_manager", "referred"),
            ("hcc_legal", "hcc_termination_legal_services", "terminated"),
        ):
            self.start_tour(
                self._url("hcc_contract_termination_action", case), tour, login=login
            )
            case.invalidate_recordset()
            self.assertEqual(case.state, state, tour)
        self.assertEqual(case.cso_id, self.user_cso)
        self.assertTrue(case.county_manager_consulted)
        self.assertEqual(case.decided_by_id, self.user_cm)
        self.assertEqual(case.completed_by_id, self.user_legal)
        contract.invalidate_recordset()
        # recorded for thirty days ahead: active, terminating, until that day
        today_uk = fields.Date.context_today(contract.with_user(self.user_legal))
        ends = today_uk + relativedelta(days=30)
        self.assertEqual(contract.state, "active")
        self.assertEqual(contract.termination_date, ends)
        with freeze_time(ends):
            self.env["hcc.contract"]._cron_contract_lifecycle()
        contract.invalidate_recordset()
        self.assertEqual(contract.state, "terminated")
        self.assertEqual(contract.termination_legal_reference, "LS/2026/117")
        self.assertEqual(contract.termination_decided_by_id, self.user_cm)
        self.assertEqual(contract.termination_service_users_affected, 14)
        self.assertEqual(self.case_notice.state, "escalated")


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourBudget(HccTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cost_centre = cls.env["account.analytic.account"].create(
            {
                "name": "Tour ASC day care north",
                "plan_id": cls.env.ref("analytic.analytic_plan_projects").id,
                "company_id": cls.company.id,
            }
        )
        cls.budget_contract = cls._active_contract(
            title="Tour budget contract", analytic_account_id=cls.cost_centre.id
        )
        for amount in (7000.0, 5345.0):
            cls.env["account.analytic.line"].create(
                {
                    "name": "Provider invoice",
                    "account_id": cls.cost_centre.id,
                    "date": cls.today,
                    "amount": -amount,
                    "company_id": cls.company.id,
                }
            )

    def test_finance_budget(self):
        self.start_tour(
            self._url("hcc_contract_action_all", self.budget_contract),
            "hcc_finance_budget",
            login="hcc_finance",
        )
        budget = self.budget_contract.budget_ids
        self.assertEqual(len(budget), 1)
        self.assertEqual(budget.budgeted_amount, 150000.0)
        self.assertEqual(budget.create_uid, self.user_finance)
        self.assertEqual(budget.actual_amount, 12345.0)
        self.assertEqual(budget.remaining_amount, 150000.0 - 12345.0)


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourUserRole(HccTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_user = cls.env["res.users"].create(
            {
                "name": "Tour New Manager",
                "login": "tour_new_manager",
                "groups_id": [Command.set([cls.env.ref("base.group_user").id])],
            }
        )

    def test_admin_gives_service_manager_role(self):
        self.assertFalse(self.new_user.has_group("hcc_contracts.group_service_manager"))
        self.start_tour(
            f"/odoo/action-base.action_res_users/{self.new_user.id}",
            "hcc_admin_service_manager",
            login="admin",
        )
        self.assertTrue(self.new_user.has_group("hcc_contracts.group_service_manager"))
        self.assertFalse(
            self.new_user.has_group("hcc_contracts.group_support_officer"),
            "Service Manager only, not a higher role",
        )
        self.assertEqual(self.new_user.hcc_locality_ids, self.locality_north)
        self.assertEqual(
            self.new_user.action_id.id,
            self.env.ref("hcc_contracts.hcc_contract_action_home_lead").id,
            "the role set on the user form brings the role's home screen",
        )


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourVariation(HccTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.variation_contract = cls._active_contract(
            title="Tour variation contract", annual_value=120000.0
        )

    def test_variation_drafted_approved_and_applied(self):
        """7.4: the CSO drafts a contentious variation of the annual value, the
        County Manager approves it, the CSO files the letter and applies it;
        the contract shows the new value and its history."""
        self.start_tour(
            self._url("hcc_contract_action_all", self.variation_contract),
            "hcc_cso_variation_draft",
            login="hcc_cso",
        )
        revision = self.variation_contract.revision_ids
        self.assertEqual(len(revision), 1)
        self.assertEqual(revision.state, "consulted")
        self.assertTrue(revision.is_contentious)
        # she named nobody and no date: herself, today (in England)
        self.assertEqual(revision.cso_consulted_id, self.user_cso)
        self.assertEqual(
            revision.date_cso_consulted,
            fields.Date.context_today(revision.with_user(self.user_cso)),
        )
        self.start_tour(
            self._url("hcc_contract_revision_action", revision),
            "hcc_cm_variation_approve",
            login="hcc_cm",
        )
        self.assertEqual(revision.cm_decision_user_id, self.user_cm)
        self.assertEqual(revision.state, "approved")
        self.start_tour(
            self._url("hcc_contract_revision_action", revision),
            "hcc_cso_variation_apply",
            login="hcc_cso",
        )
        self.assertEqual(revision.state, "applied")
        self.assertEqual(revision.applied_by_id, self.user_cso)
        self.assertEqual(revision.document_ids.hcc_document_type, "variation_letter")
        self.assertEqual(self.variation_contract.annual_value, 130000.0)
        line = self.variation_contract.variation_line_ids
        self.assertEqual(line.field_name, "annual_value")
        self.assertEqual(line._old_value(), 120000.0)
        # the change is listed for whoever reads the contract
        self.start_tour(
            self._url("hcc_contract_action_all", self.variation_contract),
            "hcc_contract_changes_made",
            login="hcc_viewer",
        )


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourHomeScreens(HccTourCase):
    """Each role logs in and lands on its own screen (/odoo loads the user's
    home action)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        term = {
            "date_start": cls.today,
            "date_end": cls.today + relativedelta(years=3),
        }
        cls.amber = cls._create_contract(
            title="Tour home amber",
            **dict(term, date_start=cls.today - relativedelta(days=60)),
        )
        cls.green = cls._create_contract(title="Tour home green", **term)
        cls.south = cls._create_contract(
            title="Tour home south", locality_id=cls.locality_south.id, **term
        )
        (cls.amber | cls.green | cls.south).action_activate()
        returned = cls.env["hcc.data.return"].create(
            {
                "contract_id": cls.amber.id,
                "date_from": cls.today - relativedelta(days=30),
                "date_to": cls.today - relativedelta(days=1),
                "units_delivered": 400,
            }
        )
        returned.action_receive()
        cls.env["hcc.contract.action"].create(
            {
                "contract_id": cls.amber.id,
                "name": "Rota gaps on Saturdays",
                "user_id": cls.user_sm.id,
                "date_notified": cls.today - relativedelta(days=10),
                "date_due": cls.today - relativedelta(days=2),
            }
        )
        cls.env.flush_all()
        cls.env["hcc.contract.action"]._cron_flag_overdue()
        (cls.amber | cls.green)._update_rag()
        cls.env["hcc.contract.budget"].create(
            {
                "contract_id": cls.amber.id,
                "budgeted_amount": 123456.0,
            }
        )

    def test_lead_officer_home(self):
        self.assertEqual(self.amber.rag_status, "amber", self.amber.rag_reasons)
        self.assertEqual(self.green.rag_status, "green", self.green.rag_reasons)
        self.start_tour("/odoo", "hcc_home_lead_officer", login="hcc_sm")

    def test_support_officer_home(self):
        self.start_tour("/odoo", "hcc_home_support_officer", login="hcc_cso")

    def test_finance_home(self):
        self.start_tour("/odoo", "hcc_home_finance", login="hcc_finance")

    def test_read_only_home(self):
        self.start_tour("/odoo", "hcc_home_read_only", login="hcc_viewer")


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourGroupedTotals(HccTourCase):
    """A grouped list of contracts keeps the pound sign on each group's sum
    and on the grand total, whatever the company's currency (issue 43)."""

    def test_grouped_totals_in_pounds(self):
        self._active_contract(title="Tour pounds north")
        self._active_contract(
            title="Tour pounds south", locality_id=self.locality_south.id
        )
        self.assertNotEqual(self.env.company.currency_id, self.gbp)
        self.start_tour(
            self._url("hcc_contract_action_all"),
            "hcc_grouped_totals_in_pounds",
            login="hcc_cm",
        )


@tagged("post_install", "-at_install", "hcc_tour")
class TestTourExtensionOption(HccTourCase):
    """The Contract Support Officer exercises an extension option from the
    contract's form: the contract is extended by an applied revision."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.option_contract = cls._active_contract(
            title="Tour options contract",
            date_end_max=cls.live_term["date_end"] + relativedelta(years=2),
        )
        cls.option = cls.env["hcc.contract.option"].create(
            {
                "contract_id": cls.option_contract.id,
                "length_months": 12,
                "date_decide": cls.today + relativedelta(months=6),
            }
        )

    def test_cso_exercises_an_option(self):
        end = self.option_contract.date_end
        self.start_tour(
            self._url("hcc_contract_action_all", self.option_contract),
            "hcc_cso_exercise_option",
            login="hcc_cso",
        )
        self.assertEqual(self.option.state, "exercised")
        self.assertEqual(self.option.cso_consulted_id, self.user_cso)
        self.assertEqual(self.option.revision_id.state, "applied")
        self.assertEqual(self.option_contract.date_end, end + relativedelta(months=12))
