from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval

from .common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestTerminationDate(HccNoticesCase):
    """Issue 43, point 5: Legal Services record a termination for a later
    day; the contract stays active, marked terminating on that day, until the
    daily lifecycle step ends it on the day. A termination on today or an
    earlier day ends it at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm

    def _lifecycle(self):
        self.env["hcc.contract"]._cron_contract_lifecycle()

    def _snapshot(self, contract):
        self.flush_tracking()
        contract.invalidate_recordset()
        return (
            contract.state,
            contract.termination_date,
            len(contract.message_ids),
            contract.write_date,
        )

    def _terminating_filter(self):
        Contract = self.env["hcc.contract"]
        arch = Contract.get_view(
            self.env.ref("hcc_contracts.hcc_contract_view_search").id, "search"
        )["arch"]
        node = etree.fromstring(arch).xpath("//filter[@name='terminating']")
        self.assertTrue(node, "the contract search offers a Terminating filter")
        return Contract.search(safe_eval(node[0].get("domain")))

    def test_a_later_day_keeps_the_contract_active_until_then(self):
        with freeze_time("2026-07-20"):
            case = self._terminate_through_case(
                fundamental_breach=True, run_to_end=False
            )
            contract = self.contract
            contract.invalidate_recordset()
            self.assertEqual(case.state, "terminated")
            self.assertEqual(contract.state, "active")
            self.assertEqual(str(contract.termination_date), "2026-08-31")
            self.assertEqual(contract.termination_legal_reference, "LS/2026/117")
            self.assertIn(contract, self._terminating_filter())
            self.assertIn(
                f"terminates on {format_date(self.env, contract.termination_date)}",
                contract.message_ids[0].body,
            )
            # the lead officer reads it on the form, as the web client does
            form = contract.with_user(self.user_sm).get_view(view_type="form")["arch"]
            self.assertIn("Terminating on", form)
            # a second case cannot be opened on it
            with self.assertRaisesMessage(
                ValidationError,
                f"already terminates early on "
                f"{format_date(self.env, contract.termination_date)}",
            ):
                self._termination_case(fundamental_breach=True)
        with freeze_time("2026-08-30"):
            before = self._snapshot(contract)
            self._lifecycle()
            self.assertEqual(self._snapshot(contract), before, "not yet its day")
        with freeze_time("2026-08-31"):
            self._lifecycle()
            contract.invalidate_recordset()
            self.assertEqual(contract.state, "terminated")
            self.assertNotIn(contract, self._terminating_filter())
            ended = contract.message_ids.filtered(
                lambda m: "terminated early on" in (m.body or "")
            )
            self.assertIn("LS/2026/117", ended.body)
            # idempotent: the second run changes nothing
            before = self._snapshot(contract)
            self._lifecycle()
            self.assertEqual(self._snapshot(contract), before)

    def test_today_or_an_earlier_day_ends_it_at_once(self):
        with freeze_time("2026-07-20"):
            self._terminate_through_case(
                fundamental_breach=True, date_terminated="2026-07-20", run_to_end=False
            )
            self.contract.invalidate_recordset()
            self.assertEqual(self.contract.state, "terminated")
            self.assertEqual(str(self.contract.termination_date), "2026-07-20")
        other = self._create_contract(title="Recorded after the day")
        other.action_activate()
        with freeze_time("2026-07-20"):
            self._terminate_through_case(
                contract=other,
                fundamental_breach=True,
                date_terminated="2026-07-17",
                run_to_end=False,
            )
            other.invalidate_recordset()
            self.assertEqual(other.state, "terminated")
            self.assertEqual(str(other.termination_date), "2026-07-17")

    def test_no_review_for_a_contract_terminating_before_its_end(self):
        """The review twelve months before the end (31 March 2028) prepares
        for an end the contract will not reach: it is not raised, nor can it
        be started, and its lateness is no reason for amber or red."""
        with freeze_time("2026-07-20"):
            self._terminate_through_case(
                fundamental_breach=True, date_terminated="2028-06-30", run_to_end=False
            )
        with freeze_time("2027-12-31"):  # three months before the review
            self.env["hcc.contract"]._cron_contract_reviews()
            self.assertFalse(self.contract.review_ids)
            with self.assertRaisesMessage(
                UserError,
                f"terminates early on {format_date(self.env, date(2028, 6, 30))}",
            ):
                self.contract.with_user(self.user_sm).action_start_review()
        with freeze_time("2028-04-02"):  # the review is past due
            self.contract._update_rag()
            self.assertNotIn("contract review", self.contract.rag_reasons or "")

    @freeze_time("2026-07-20")
    def test_legal_services_reference_missing_is_said_once(self):
        case = self._termination_case(fundamental_breach=True)
        case.action_propose()
        case = case.with_user(self.user_cso)
        case.discussion_note = "<p>Agreed.</p>"
        case.action_record_discussion()
        case = case.with_user(self.user_cm)
        case.write(
            {"date_legal_consulted": "2026-07-20", "legal_advice": "<p>Sound.</p>"}
        )
        case.action_decide_terminate()
        with self.assertRaises(UserError) as caught:
            case.with_user(self.user_legal).action_complete()
        message = str(caught.exception)
        self.assertEqual(message.count("Legal Services' reference is missing"), 1)
        self.assertIn("termination date is missing", message)
