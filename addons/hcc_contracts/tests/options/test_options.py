from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestExtensionOptions(HccContractsCase):
    """Extension options ("3 + 1 + 1") decided by the lead officer with the
    CSO, approved by the County Manager above the council's threshold,
    exercised by a variation, reminded and escalated by the daily cron."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm
        cls.company.hcc_option_approval_threshold = 200000.0
        cls.type_decision = cls.env.ref(
            "hcc_contracts.mail_activity_type_option_decision"
        )
        cls.type_missed = cls.env.ref("hcc_contracts.mail_activity_type_option_missed")
        cls.type_approval = cls.env.ref(
            "hcc_contracts.mail_activity_type_option_approval"
        )

    def _contract_with_options(self, max_end="2031-03-31", lengths=(12, 12)):
        """1 April 2026 to 31 March 2029 at £120,000 a year, with options
        recorded by the lead officer once it is active."""
        with freeze_time("2026-03-15"):
            contract = self._create_contract(date_end_max=max_end)
            contract.action_activate()
            Option = self.env["hcc.contract.option"].with_user(self.user_sm)
            options = Option.browse()
            for number, months in enumerate(lengths, start=1):
                options |= Option.create(
                    {
                        "contract_id": contract.id,
                        "length_months": months,
                        "date_decide": f"{2027 + number}-09-30",
                        "notice_period": 6,
                        "notice_unit": "months",
                    }
                )
        return contract, options.with_user(self.env.user)

    def _prepare_decision(self, option, user=None):
        (option.with_user(user) if user else option).write(
            {
                "cso_consulted_id": self.user_cso.id,
                "date_cso_consulted": "2028-06-01",
                "decision_reason": "Good performance, value for money confirmed.",
            }
        )

    def _activities(self, record, activity_type):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", activity_type.id),
            ]
        )

    # ------------------------------------------------------------------
    # Terms
    # ------------------------------------------------------------------
    def test_option_dates_and_value(self):
        contract, (first, second) = self._contract_with_options()
        self.assertEqual([first.sequence, second.sequence], [1, 2])
        self.assertEqual(str(first.date_term_end), "2029-03-31")
        self.assertEqual(str(first.date_new_end), "2030-03-31")
        self.assertEqual(str(first.date_notify), "2028-09-30")
        self.assertEqual(str(second.date_term_end), "2030-03-31")
        self.assertEqual(str(second.date_new_end), "2031-03-31")
        self.assertEqual(first.option_value, 120000.0)
        self.assertFalse(first.needs_approval)
        self.assertEqual(contract.option_left_count, 2)
        self.assertEqual(str(contract.option_next_decide_date), "2028-09-30")
        self.assertIn("2 left (12 + 12 months)", contract.options_summary)
        # in days: 90 days before the term ends
        first.with_user(self.user_sm).write(
            {"notice_period": 90, "notice_unit": "days"}
        )
        self.assertEqual(str(first.date_notify), "2028-12-31")

    def test_max_term_is_a_signed_term(self):
        contract, _options = self._contract_with_options()
        with self.assertRaises(UserError):
            contract.with_user(self.user_cso).write({"date_end_max": "2032-03-31"})
        self.assertEqual(str(contract.date_end_max), "2031-03-31")

    # ------------------------------------------------------------------
    # Decisions
    # ------------------------------------------------------------------
    def test_exercise_moves_end_and_review_by_a_variation(self):
        contract, (first, second) = self._contract_with_options()
        # a provider whose letters are printed in English (US)
        contract.partner_id.lang = "en_US"
        with freeze_time("2028-06-01"):
            self._prepare_decision(first, self.user_sm)
            # in the lead officer's language, as the web client calls it
            first.with_user(self.user_sm).with_context(lang="en_GB").action_exercise()
        self.assertEqual(first.state, "exercised")
        self.assertEqual(first.decision, "exercise")
        self.assertEqual(first.decided_by_id, self.user_sm)
        self.assertEqual(str(first.date_decided), "2028-06-01")
        self.assertEqual(str(contract.date_end), "2030-03-31")
        self.assertEqual(str(contract.review_due_date), "2029-03-31")
        revision = first.revision_id
        self.assertEqual(revision.state, "applied")
        self.assertEqual(revision.contract_id, contract)
        self.assertEqual(revision.line_ids.field_name, "date_end")
        self.assertEqual(str(revision.line_ids.new_date), "2030-03-31")
        # its wording is the letter's: in the provider's language, not the
        # lead officer's English (UK)
        self.assertIn("by 12 months, to 03/31/2030", revision.description)
        self.assertEqual(revision.cso_consulted_id, self.user_cso)
        self.assertEqual(revision.applied_by_id, self.user_sm)
        self.assertTrue(revision.no_letter_reason or revision.document_ids)
        # the decided option keeps its dates; the next one follows the term
        self.assertEqual(str(first.date_term_end), "2029-03-31")
        self.assertEqual(str(second.date_term_end), "2030-03-31")
        self.assertEqual(contract.option_left_count, 1)
        # decided: never deleted, its terms frozen
        with self.assertRaises(UserError):
            first.with_user(self.user_cm).unlink()
        with self.assertRaises(UserError):
            first.with_user(self.user_cso).write({"length_months": 24})
        # the review of 10.1 shows what is left
        review = self.env["hcc.contract.review"].create({"contract_id": contract.id})
        self.assertEqual(str(review.date_due), "2029-03-31")
        self.assertIn("1 left (12 months)", review.contract_options_summary)
        self.assertEqual(review.contract_option_ids, first | second)

    def test_lapse_takes_the_later_options(self):
        contract, (first, second) = self._contract_with_options()
        with freeze_time("2028-06-01"):
            self._prepare_decision(first, self.user_sm)
            first.with_user(self.user_sm).action_lapse()
        self.assertEqual(first.state, "lapsed")
        self.assertEqual(second.state, "lapsed")
        self.assertFalse(first.revision_id)
        self.assertEqual(str(contract.date_end), "2029-03-31")
        self.assertEqual(contract.option_left_count, 0)
        self.assertEqual(contract.options_summary, "None")

    def test_decision_needs_cso_and_reason(self):
        _contract, (first, _second) = self._contract_with_options()
        with (
            freeze_time("2028-06-01"),
            self.assertRaisesMessage(UserError, "Give the reason for the decision"),
        ):
            first.with_user(self.user_sm).action_exercise()
        self.assertEqual(first.state, "open")

    def test_cso_deciding_names_herself(self):
        _contract, (first, _second) = self._contract_with_options()
        with freeze_time("2028-06-01"):
            first.with_user(self.user_cso).write({"decision_reason": "Market tested."})
            first.with_user(self.user_cso).action_lapse()
        self.assertEqual(first.cso_consulted_id, self.user_cso)
        self.assertEqual(str(first.date_cso_consulted), "2028-06-01")

    def test_order_refused(self):
        contract, (first, second) = self._contract_with_options()
        with freeze_time("2028-06-01"):
            self._prepare_decision(second, self.user_sm)
            with self.assertRaisesMessage(UserError, "Options are exercised in order"):
                second.with_user(self.user_sm).action_exercise()
        self.assertEqual(second.state, "open")
        self.assertEqual(str(contract.date_end), "2029-03-31")
        self.assertFalse(contract.revision_ids)

    def test_max_term_refused(self):
        contract, (first, _second) = self._contract_with_options(max_end="2029-12-31")
        self.assertTrue(first.beyond_max_term)
        with freeze_time("2028-06-01"):
            self._prepare_decision(first, self.user_sm)
            with self.assertRaisesMessage(UserError, "after its maximum term"):
                first.with_user(self.user_sm).action_exercise()
        self.assertEqual(str(contract.date_end), "2029-03-31")
        self.assertEqual(first.state, "open")

    def test_threshold_needs_county_manager(self):
        contract, options = self._contract_with_options(lengths=(24,))
        self.assertEqual(options.option_value, 240000.0)
        self.assertTrue(options.needs_approval)
        with freeze_time("2028-06-01"):
            self._prepare_decision(options, self.user_sm)
            options.with_user(self.user_sm).action_exercise()
            self.assertEqual(options.state, "to_approve")
            self.assertEqual(str(contract.date_end), "2029-03-31", "not yet extended")
            asked = self._activities(options, self.type_approval)
            self.assertEqual(asked.user_id, self.user_cm)
            with self.assertRaises(AccessError):
                options.with_user(self.user_sm).action_cm_approve()
            with self.assertRaises(AccessError):
                options.with_user(self.user_sm).write(
                    {"approved_by_id": self.user_sm.id}
                )
            with self.assertRaises(AccessError):
                options.with_user(self.user_sm).write({"approval_note": "Approved"})
            options.with_user(self.user_cm).write({"approval_note": "Agreed."})
            options.with_user(self.user_cm).action_cm_approve()
        self.assertEqual(options.state, "exercised")
        self.assertEqual(options.approved_by_id, self.user_cm)
        self.assertEqual(options.approval_note, "Agreed.")
        self.assertEqual(options.decided_by_id, self.user_sm)
        self.assertEqual(str(contract.date_end), "2031-03-31")
        self.assertEqual(options.revision_id.state, "applied")
        self.assertFalse(self._activities(options, self.type_approval))

    def test_county_manager_sends_back(self):
        _contract, options = self._contract_with_options(lengths=(24,))
        with freeze_time("2028-06-01"):
            self._prepare_decision(options, self.user_sm)
            options.with_user(self.user_sm).action_lapse()
            self.assertEqual(options.state, "to_approve")
            options.with_user(self.user_cm).action_cm_send_back()
        self.assertEqual(options.state, "open")
        self.assertFalse(options.decision)

    def test_confirmation_dialog_asks_first(self):
        contract, (first, _second) = self._contract_with_options()
        with freeze_time("2028-06-01"):
            self._prepare_decision(first, self.user_sm)
            dialog = (
                first.with_user(self.user_sm)
                .with_context(hcc_ask_confirmation=True)
                .action_exercise()
            )
            self.assertEqual(dialog["res_model"], "hcc.confirm.wizard")
            self.assertEqual(first.state, "open")
            wizard = self.env["hcc.confirm.wizard"].with_user(self.user_sm)
            wizard.browse(dialog["res_id"]).action_confirm()
        self.assertEqual(first.state, "exercised")
        self.assertEqual(str(contract.date_end), "2030-03-31")

    # ------------------------------------------------------------------
    # The daily cron
    # ------------------------------------------------------------------
    def _snapshot(self):
        self.env.flush_all()
        self.env.invalidate_all()
        options = self.env["hcc.contract.option"].search([])
        return {
            "activities": self.env["mail.activity"].search_count([]),
            "messages": self.env["mail.message"].search_count([]),
            "options": sorted((o.id, o.state, o.reminder_sent) for o in options),
        }

    def _run_twice(self):
        cron = self.env["hcc.contract"]._cron_contract_options
        cron()
        before = self._snapshot()
        cron()
        self.assertEqual(self._snapshot(), before, "the second run changed something")

    def test_cron_reminds_then_escalates_missed(self):
        contract, (first, second) = self._contract_with_options()
        with freeze_time("2028-07-01"):  # 91 days before: too early
            self._run_twice()
            self.assertFalse(first.reminder_sent)
        with freeze_time("2028-07-02"):  # 90 days before 30 September
            self._run_twice()
            self.assertTrue(first.reminder_sent)
            self.assertFalse(second.reminder_sent)
            reminder = self._activities(first, self.type_decision)
            self.assertEqual(reminder.user_id, self.user_sm)
            self.assertEqual(str(reminder.date_deadline), "2028-09-30")
        with freeze_time("2028-09-30"):  # the last day: not missed yet
            self._run_twice()
            self.assertEqual(first.state, "open")
        with freeze_time("2028-10-01"):
            self._run_twice()
            self.assertEqual(first.state, "missed")
            self.assertEqual(second.state, "open")
            missed = self._activities(first, self.type_missed)
            self.assertEqual(missed.user_id, self.user_cm | self.user_sm)
            self.assertEqual(contract.option_left_count, 2)
            # decided late, it still goes through the same checks
            self._prepare_decision(first, self.user_sm)
            first.with_user(self.user_sm).action_exercise()
        self.assertEqual(first.state, "exercised")
        self.assertFalse(self._activities(first, self.type_missed))

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    def test_access_by_role(self):
        _contract, (first, _second) = self._contract_with_options()
        Option = self.env["hcc.contract.option"]
        # another locality's service manager does not see them
        self.assertFalse(Option.with_user(self.user_sm_south).search([]))
        with self.assertRaises(AccessError):
            first.with_user(self.user_sm_south).read(["date_decide"])
        # read-only roles read but cannot decide
        for user in (self.user_viewer, self.user_finance):
            self.assertEqual(
                Option.with_user(user).search([("id", "=", first.id)]), first
            )
            with self.assertRaises(AccessError):
                first.with_user(user).action_lapse()
            with self.assertRaises(AccessError):
                first.with_user(user).write({"decision_reason": "No"})
        # a service manager of the locality reads, the lead officer decides
        with self.assertRaises(AccessError):
            first.with_user(self.user_sm_other).action_lapse()
        with self.assertRaises(AccessError):
            Option.with_user(self.user_legal).search([])
        self.assertEqual(first.state, "open")

    def test_born_open(self):
        contract, _options = self._contract_with_options()
        option = (
            self.env["hcc.contract.option"]
            .with_user(self.user_cso)
            .with_context(default_state="exercised")
            .create(
                {
                    "contract_id": contract.id,
                    "length_months": 6,
                    "date_decide": "2030-09-30",
                }
            )
        )
        self.assertEqual(option.state, "open")
        self.assertEqual(option.sequence, 3)
        with self.assertRaises(AccessError):
            self.env["hcc.contract.option"].with_user(self.user_cso).create(
                {
                    "contract_id": contract.id,
                    "sequence": 4,
                    "length_months": 6,
                    "date_decide": "2030-09-30",
                    "state": "exercised",
                }
            )
        # an option without decision is deleted by the CSO
        option.with_user(self.user_cso).unlink()
        self.assertFalse(option.exists())
