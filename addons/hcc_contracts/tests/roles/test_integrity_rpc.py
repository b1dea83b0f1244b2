import os
import tempfile
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from ...tools.roles import GROUP_CASE_DATA
from .common_integrity import FORGED_TEXT, HccClosedByDefaultCase

WRITERS = ("service_manager", "support_officer", "county_manager")
FEE_REVIEW_WRITERS = ("finance", "support_officer", "county_manager")


@tagged("post_install", "-at_install", "hcc_rpc")
class TestIntegrityRpc(HccClosedByDefaultCase):
    """The procedure's record cannot be rewritten around its buttons: states,
    decisions and evidence are refused over XML-RPC and JSON-RPC, whoever
    calls, and nothing is written. Needs an HTTP server: pytest-odoo with
    --odoo-http (as tests/run.sh does), or Odoo's runner with --test-tags
    hcc_rpc."""

    INTEGRITY_ADDON = "hcc_contracts"
    INTEGRITY = {
        "hcc.contract": {
            "record": "_integrity_contract",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.notice": {
            "record": "_integrity_notice",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.termination": {
            "record": "_integrity_termination",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.supervision": {
            "record": "_integrity_supervision",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.revision.line": {
            "record": "_integrity_revision_line",
            "roles": WRITERS,
        },
        "hcc.contract.revision": {
            "record": "_integrity_revision",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.option": {
            "record": "_integrity_option",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.meeting": {
            "record": "_integrity_meeting",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.meeting.agenda": {
            "record": "_integrity_agenda",
            "roles": WRITERS,
        },
        "hcc.contract.action": {
            "record": "_integrity_action",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.case": {
            "record": "_integrity_case",
            "history": True,
            "roles": ("service_manager",),
        },
        "hcc.safeguarding.concern": {
            "record": "_integrity_safeguarding",
            "history": True,
            "roles": ("county_manager",),
        },
        "hcc.provider.document": {
            "record": "_integrity_provider_document",
            "history": True,
            "roles": ("support_officer", "county_manager"),
        },
        "hcc.provider.failure": {
            "record": "_integrity_provider_failure",
            "history": True,
            "roles": ("county_manager",),
        },
        "hcc.contract.complaint": {
            "record": "_integrity_complaint",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.data.return": {
            "record": "_integrity_return",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.data.return.indicator.value": {
            "record": "_integrity_indicator_value",
            "roles": WRITERS,
        },
        "hcc.contract.indicator": {
            "record": "_integrity_indicator",
            "roles": WRITERS,
        },
        "hcc.satisfaction.survey": {
            "record": "_integrity_survey",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.review": {
            "record": "_integrity_review",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.contract.budget": {
            "record": "_integrity_budget",
            "roles": ("finance", "county_manager"),
        },
        "hcc.procurement": {
            "record": "_integrity_procurement",
            "history": True,
            "roles": WRITERS,
        },
        "hcc.procurement.bid": {"record": "_integrity_bid", "roles": WRITERS},
        "hcc.fee.review": {
            "record": "_integrity_fee_review",
            "history": True,
            "roles": FEE_REVIEW_WRITERS,
        },
        "hcc.fee.review.rule": {
            "record": "_integrity_fee_review_rule",
            "roles": FEE_REVIEW_WRITERS,
        },
        "hcc.fee.review.line": {
            "record": "_integrity_fee_review_line",
            "roles": FEE_REVIEW_WRITERS,
        },
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the lead officer may read the personal details of specific cases
        cls.user_sm.groups_id = [Command.link(cls.env.ref(GROUP_CASE_DATA).id)]
        cls.south = cls._create_contract(
            locality_id=cls.locality_south.id,
            lead_officer_id=cls.user_sm_south.id,
            representative_id=cls.user_sm_south.id,
            support_officer_id=False,
        )
        cls.south.action_activate()

    # ------------------------------------------------------------------
    # Records along their workflow, made as superuser
    # ------------------------------------------------------------------
    def _integrity_contract(self):
        return self.contract

    def _integrity_notice(self):
        notice = self.env["hcc.contract.notice"].create(
            {
                "contract_id": self.contract.id,
                "failings": "<p>Missed visits above 5% for three months.</p>",
                "cso_consulted_id": self.user_cso.id,
                # the events are stated on the day the notice is drafted:
                # a date of a past event cannot precede the record
                "date_cso_consulted": fields.Date.today(),
                "date_served": fields.Date.today(),
            }
        )
        notice.action_serve()
        return notice

    def _integrity_termination(self):
        """A case referred to Legal Services: the lead officer proposed it,
        the CSO discussed it, the County Manager decided."""
        contract = self._create_contract()
        contract.action_activate()
        case = self.env["hcc.contract.termination"].create(
            {
                "contract_id": contract.id,
                "reason": "<p>Fundamental breach: unsafe care.</p>",
                "fundamental_breach": True,
                "impact_note": "<p>Twelve people move provider.</p>",
                "service_users_affected": 12,
                "alternative_arrangements": "<p>Framework providers.</p>",
                "alternative_date": contract.date_end,
                "date_provider_informed": fields.Date.today(),
                "date_termination_planned": contract.date_end,
                "discussion_note": "<p>Discussed.</p>",
                "date_legal_consulted": fields.Date.today(),
                "legal_advice": "<p>Sound.</p>",
            }
        )
        case.action_propose()
        case.action_record_discussion()
        case.action_decide_terminate()
        return case

    def _integrity_supervision(self):
        contract = self._create_contract(representative_id=self.user_sm_other.id)
        contract.action_activate()
        return self.env["hcc.contract.supervision"].create(
            {
                "contract_id": contract.id,
                "date": contract.date_start,
                "supervisor_id": self.user_sm.id,
                "representative_id": self.user_sm_other.id,
                "note": "Contract reviewed in supervision.",
            }
        )

    def _integrity_revision(self):
        revision = self.env["hcc.contract.revision"].create(
            {
                "contract_id": self.contract.id,
                "title": "More places",
                "reason": "demand",
                "description": "<p>Ten more places.</p>",
                "is_contentious": True,
                "cso_consulted_id": self.user_cso.id,
                "date_cso_consulted": fields.Date.today(),
            }
        )
        revision.action_mark_consulted()
        return revision

    def _integrity_option(self):
        """An option decided by the lead officer, awaiting the County
        Manager (its value reaches the threshold)."""
        self.env.company.hcc_option_approval_threshold = 1.0
        option = self.env["hcc.contract.option"].create(
            {
                "contract_id": self.contract.id,
                "length_months": 12,
                "date_decide": fields.Date.today(),
                "cso_consulted_id": self.user_cso.id,
                "date_cso_consulted": fields.Date.today(),
                "decision_reason": "Good value",
            }
        )
        option.with_user(self.user_sm).action_lapse()
        return option

    def _integrity_revision_line(self):
        revision = self.env["hcc.contract.revision"].create(
            {
                "contract_id": self.contract.id,
                "title": "More places",
                "reason": "demand",
                "line_ids": [
                    (0, 0, {"field_name": "annual_value", "new_float": 130000.0})
                ],
            }
        )
        return revision.line_ids

    def _integrity_meeting(self):
        meeting = self.env["hcc.contract.meeting"].create(
            {
                "contract_id": self.contract.id,
                "date": "2026-10-01 10:00:00",
                "minutes": "<p>Discussed every item.</p>",
            }
        )
        meeting.agenda_ids.write({"discussed": True})
        meeting.action_mark_held()
        meeting.action_circulate_minutes()
        return meeting

    def _integrity_agenda(self):
        meeting = self.env["hcc.contract.meeting"].create(
            {"contract_id": self.contract.id, "date": "2026-10-01 10:00:00"}
        )
        return meeting.agenda_ids[:1]

    def _integrity_action(self):
        action = self.env["hcc.contract.action"].create(
            {
                "contract_id": self.contract.id,
                "name": "Recruit two carers",
                "date_notified": "2026-10-01",
                "date_due": "2026-11-30",
            }
        )
        action.action_done()
        return action

    def _integrity_case(self):
        meeting = self._integrity_agenda().meeting_id
        return self.env["hcc.contract.case"].create(
            {
                "meeting_id": meeting.id,
                "case_reference": "SU-0042",
                "date": "2026-10-01",
                "summary": "Missed visits reported by the family.",
            }
        )

    def _integrity_safeguarding(self):
        return self.env["hcc.safeguarding.concern"].create(
            {
                "contract_id": self.contract.id,
                "case_reference": "SG-0042",
                "date_raised": "2026-10-01",
                "summary": "Missed medication rounds.",
            }
        )

    def _integrity_provider_document(self):
        """An accepted compliance document of the contract's provider."""
        attachment = self.env["ir.attachment"].create(
            {"name": "insurance.pdf", "raw": b"%PDF-1.4 certificate"}
        )
        document = self.env["hcc.provider.document"].create(
            {
                "partner_id": self.contract.partner_id.id,
                "document_type": "employer_liability",
                "date_issued": "2026-01-01",
                "date_expiry": "2026-12-31",
                "attachment_ids": [Command.set(attachment.ids)],
            }
        )
        document.action_accept()
        return document

    def _integrity_provider_failure(self):
        """A declared failure of the contract's provider."""
        failure = self.env["hcc.provider.failure"].create(
            {
                "partner_id": self.contract.partner_id.id,
                "date_failure": "2026-06-01",
                "cause": "Administration.",
                "people_affected": 12,
            }
        )
        failure.action_declare()
        return failure

    def _integrity_complaint(self):
        return self.env["hcc.contract.complaint"].create(
            {
                "contract_id": self.contract.id,
                "name": "Late visits to Mrs A.",
                "date_received": "2026-05-01",
            }
        )

    def _integrity_return(self):
        data_return = self.env["hcc.data.return"].create(
            {
                "contract_id": self.contract.id,
                "date_from": "2026-04-01",
                "date_to": "2026-04-30",
                "date_received": "2026-05-05",
                "units_delivered": 480.0,
            }
        )
        data_return.action_accept()
        return data_return

    def _integrity_indicator(self):
        return self.env["hcc.contract.indicator"].create(
            {"contract_id": self.contract.id, "name": "Missed visits", "target": 2.0}
        )

    def _integrity_indicator_value(self):
        data_return = self.env["hcc.data.return"].create(
            {
                "contract_id": self.contract.id,
                "date_from": "2026-05-01",
                "date_to": "2026-05-31",
            }
        )
        return self.env["hcc.data.return.indicator.value"].create(
            {
                "return_id": data_return.id,
                "indicator_id": self._integrity_indicator().id,
                "value": 1.0,
            }
        )

    def _integrity_survey(self):
        survey = self.env["hcc.satisfaction.survey"].create(
            {
                "contract_id": self.contract.id,
                "survey_year": 1,
                "date_from": "2026-04-01",
                "date_to": "2027-03-31",
                "date_due": "2027-04-30",
                "respondents": 40,
                "satisfied_percent": 90.0,
            }
        )
        survey.action_receive()
        return survey

    def _integrity_review(self):
        review = self.env["hcc.contract.review"].create(
            {"contract_id": self.contract.id}
        )
        review.action_start()
        return review

    def _integrity_budget(self):
        return self.env["hcc.contract.budget"].create(
            {
                "contract_id": self.contract.id,
                "financial_year": "2027/28",
                "budgeted_amount": 100000.0,
            }
        )

    def _integrity_procurement(self):
        procurement = self.env["hcc.procurement"].create(
            {
                "title": "Day care in the north",
                "locality_id": self.locality_north.id,
                "lead_officer_id": self.user_sm.id,
                "support_officer_id": self.user_cso.id,
            }
        )
        procurement.step = "authorisation"
        return procurement

    def _integrity_bid(self):
        return self.env["hcc.procurement.bid"].create(
            {
                "procurement_id": self._integrity_procurement().id,
                "partner_id": self.provider.id,
            }
        )

    def _integrity_fee_review(self):
        """A previewed round: its contracts worked out."""
        review = self.env["hcc.fee.review"].create(
            {
                "title": "Fee review 2027/28",
                "financial_year": "2027/28",
                "date_effective": "2027-04-01",
                "rule_ids": [(0, 0, {"method": "percent", "percent": 5.0})],
            }
        )
        review.action_preview()
        return review

    def _integrity_fee_review_rule(self):
        return self._integrity_fee_review().rule_ids

    def _integrity_fee_review_line(self):
        return self._integrity_fee_review().line_ids[:1]

    # ------------------------------------------------------------------
    # Every guarded field, every writer
    # ------------------------------------------------------------------
    def test_every_workflow_model_has_its_entry(self):
        self._assert_integrity_complete()

    def test_no_guarded_field_is_written_over_rpc(self):
        self._assert_integrity()

    def test_every_stored_field_is_classified(self):
        """A field added to a workflow model fails here until it says when a
        user may change it (first step, a later state) or that only an
        action writes it."""
        self.assertEqual(self._unclassified_fields(), {})

    def test_closed_by_default(self):
        """Every stored field of every workflow model, in every state, as
        every role: written only where the state declares it editable."""
        self.assertGreater(self._assert_closed_by_default(), 1000)

    def test_transitions_are_refused_outside_their_table(self):
        """Every action of every transition table, in every state it does not
        start from: refused by the one check of the states."""
        self.assertGreater(self._assert_transitions_refused(), 100)

    # ------------------------------------------------------------------
    # The bypasses found, one by one
    # ------------------------------------------------------------------
    def test_contract_lifecycle_cannot_be_forged(self):
        fields = ["state", "annual_value", "date_end", "termination_date"]
        before = self._snapshot(self.contract, fields)
        self.assertXmlrpcRefused(
            "service_manager",
            "hcc.contract",
            "write",
            self.contract.ids,
            {"state": "draft"},
        )
        message = self.assertXmlrpcRefused(
            "service_manager",
            "hcc.contract",
            "write",
            self.contract.ids,
            {"annual_value": 999999.0, "date_end": "2031-03-31"},
            kind="user",
        )
        self.assertIn("only by applying an approved revision", message)
        self.assertXmlrpcRefused(
            "county_manager",
            "hcc.contract",
            "write",
            self.contract.ids,
            {
                "termination_date": "2026-11-30",
                "termination_legal_reference": "LS/1",
            },
        )
        self.assertEqual(self._snapshot(self.contract, fields), before)
        # a terminated contract does not come back to life
        ended = self._create_contract(title="Ended")
        ended.write({"state": "terminated"})
        for role in WRITERS:
            self.assertXmlrpcRefused(
                role, "hcc.contract", "write", ended.ids, {"state": "active"}
            )
        self.assertEqual(ended.state, "terminated")
        # nor is one created ended, or live
        Contract = self.env["hcc.contract"]
        count = Contract.search_count([])
        for state in ("terminated", "active"):
            message = self.assertJsonrpcRefused(
                "support_officer",
                "hcc.contract",
                "create",
                self._contract_vals(title="Forged", state=state),
            )
            self.assertIn("cannot be written directly", message)
        self.assertEqual(Contract.search_count([]), count)
        # the buttons still work
        draft = self._create_contract(user=self.user_sm, title="Drafted")
        self._xmlrpc("service_manager", "hcc.contract", "action_activate", draft.ids)
        self.assertEqual(draft.state, "active")

    def test_served_notice_cannot_be_unserved_or_deleted(self):
        notice = self._integrity_notice()
        self.assertXmlrpcRefused(
            "support_officer",
            "hcc.contract.notice",
            "write",
            notice.ids,
            {"state": "draft"},
        )
        self.assertXmlrpcRefused(
            "support_officer",
            "hcc.contract.notice",
            "unlink",
            notice.ids,
            kind="user",
        )
        self.assertEqual(notice.state, "served")

    def test_circulated_minutes_stay(self):
        meeting = self._integrity_meeting()
        messages = len(meeting.message_ids)
        self.assertXmlrpcRefused(
            "support_officer",
            "hcc.contract.meeting",
            "write",
            meeting.ids,
            {"state": "planned"},
        )
        self.assertXmlrpcRefused(
            "support_officer",
            "hcc.contract.meeting",
            "unlink",
            meeting.ids,
            kind="user",
        )
        self.assertXmlrpcRefused(
            "support_officer",
            "hcc.contract.meeting",
            "write",
            meeting.ids,
            {"minutes": "<p>Rewritten.</p>"},
            kind="user",
        )
        item = meeting.agenda_ids.filtered(lambda i: i.code != "other")[:1]
        for call in (("write", item.ids, {"discussed": False}), ("unlink", item.ids)):
            self.assertJsonrpcRefused(
                "support_officer",
                "hcc.contract.meeting.agenda",
                *call,
                context={"hcc_meeting_unlink": True},
            )
        self.assertEqual(meeting.state, "minutes_circulated")
        self.assertTrue(item.exists())
        self.assertEqual(len(meeting.message_ids), messages)

    def test_accepted_return_stays(self):
        data_return = self._integrity_return()
        self.assertXmlrpcRefused(
            "support_officer",
            "hcc.data.return",
            "write",
            data_return.ids,
            {"state": "expected"},
        )
        self.assertXmlrpcRefused(
            "support_officer", "hcc.data.return", "unlink", data_return.ids, kind="user"
        )
        self.assertEqual(data_return.state, "accepted")

    def test_contentious_revision_needs_the_county_manager(self):
        revision = self._integrity_revision()
        self.assertXmlrpcRefused(
            "service_manager",
            "hcc.contract.revision",
            "write",
            revision.ids,
            {"state": "approved"},
        )
        self.assertXmlrpcRefused(
            "service_manager",
            "hcc.contract.revision",
            "write",
            revision.ids,
            {"cm_decision": "approved"},
        )
        self.assertXmlrpcRefused(
            "service_manager",
            "hcc.contract.revision",
            "write",
            revision.ids,
            {"is_contentious": False},
            kind="user",
        )
        self.assertXmlrpcRefused(
            "service_manager",
            "hcc.contract.revision",
            "action_cm_approve",
            revision.ids,
        )
        self.assertEqual(revision.state, "consulted")
        self.assertTrue(revision.is_contentious)
        self._xmlrpc(
            "county_manager",
            "hcc.contract.revision",
            "action_cm_approve",
            revision.ids,
        )
        self.assertEqual(revision.cm_decision_user_id, self.user_cm)

    def test_a_context_is_never_a_guard(self):
        notice = self._integrity_notice()
        status = self.contract.rag_status
        self.assertIn(status, ("amber", "red"))
        # refreshing writes the status: not for a reader
        self.assertJsonrpcRefused(
            "viewer", "hcc.contract", "action_refresh_rag", self.contract.ids
        )
        reply = self._jsonrpc(
            "service_manager",
            "hcc.contract",
            "action_refresh_rag",
            self.contract.ids,
            context={"hcc_rag_only": ["budget"]},
        )
        self.assertNotIn("error", reply)
        self.contract.invalidate_recordset()
        self.assertEqual(self.contract.rag_status, status)
        self.assertIn(notice.name, self.contract.rag_reasons)
        procurement = self._integrity_procurement()
        self.assertJsonrpcRefused(
            "service_manager",
            "hcc.procurement",
            "write",
            procurement.ids,
            {"step": "signature"},
            context={"hcc_procurement_step": True},
        )
        self.assertEqual(procurement.step, "authorisation")

    def test_records_stay_with_their_contract(self):
        for record in (self._integrity_complaint(), self._integrity_action()):
            message = self.assertXmlrpcRefused(
                "service_manager",
                record._name,
                "write",
                record.ids,
                {"contract_id": self.south.id},
                kind="user",
            )
            self.assertIn("cannot change once", message)
            self.assertEqual(record.contract_id, self.contract)

    def test_finance_and_service_manager_roles_do_not_add_up(self):
        both = new_test_user(
            self.env,
            login="hcc_fin_sm",
            groups="base.group_user,hcc_contracts.group_finance,"
            "hcc_contracts.group_service_manager",
        )
        both.hcc_locality_ids = self.locality_north
        self.logins = dict(self.logins, finance_sm=both)
        for vals in ({"title": "Mine now"}, {"lead_officer_id": both.id}):
            message = self.assertXmlrpcRefused(
                "finance_sm", "hcc.contract", "write", self.south.ids, vals
            )
            self.assertIn("As Finance", message)
        self.assertEqual(self.south.title, "Day care block contract")
        plan = self.env["account.analytic.plan"].create({"name": "Cost centres"})
        centre = self.env["account.analytic.account"].create(
            {"name": "South day care", "plan_id": plan.id}
        )
        self._xmlrpc(
            "finance_sm",
            "hcc.contract",
            "write",
            self.south.ids,
            {"analytic_account_id": centre.id},
        )
        self.assertEqual(self.south.analytic_account_id, centre)
        led = self._create_contract(
            title="Led", lead_officer_id=both.id, representative_id=both.id
        )
        self._xmlrpc("finance_sm", "hcc.contract", "write", led.ids, {"title": "Mine"})
        self.assertEqual(led.title, "Mine")

    def test_live_contract_keeps_standards_12_1_to_12_3(self):
        fields = [
            "lead_officer_id",
            "representative_id",
            "spec_scope",
            "requires_satisfaction_survey",
            "requires_activity_information",
        ]
        before = self._snapshot(self.contract, fields)
        for vals in (
            {"lead_officer_id": False},
            {"representative_id": False},
            {"requires_satisfaction_survey": False},
            {"requires_activity_information": False},
        ):
            message = self.assertXmlrpcRefused(
                "support_officer",
                "hcc.contract",
                "write",
                self.contract.ids,
                vals,
                kind="user",
            )
            self.assertIn("can be changed, not removed", message)
        # the scope is a signed term: varied by a revision, never emptied
        self.assertXmlrpcRefused(
            "support_officer",
            "hcc.contract",
            "write",
            self.contract.ids,
            {"spec_scope": "<p><br></p>"},
            kind="user",
        )
        self.assertEqual(self._snapshot(self.contract, fields), before)
        self._xmlrpc(
            "support_officer",
            "hcc.contract",
            "write",
            self.contract.ids,
            {"representative_id": self.user_sm_other.id},
        )
        self.assertEqual(self.contract.representative_id, self.user_sm_other)

    def test_case_retention_is_the_systems(self):
        case = self._integrity_case()
        self.assertXmlrpcRefused(
            "service_manager",
            "hcc.contract.case",
            "write",
            case.ids,
            {"date_erased": "2026-11-01"},
        )
        self.assertXmlrpcRefused(
            "service_manager",
            "hcc.contract.case",
            "write",
            case.ids,
            {"date": "2026-11-30"},
            kind="user",
        )
        message = self.assertXmlrpcRefused(
            "service_manager",
            "hcc.contract.case",
            "create",
            {
                "meeting_id": case.meeting_id.id,
                "case_reference": "SU-0099",
                "date": "2099-01-01",
            },
            kind="user",
        )
        self.assertIn("cannot be considered in the future", message)
        self.assertFalse(case.date_erased)
        self.assertEqual(str(case.date), "2026-10-01")

    def test_complaint_texts_are_not_tracked_nor_read_by_every_role(self):
        complaint = self._integrity_complaint()
        self._xmlrpc(
            "service_manager",
            "hcc.contract.complaint",
            "write",
            complaint.ids,
            {"provider_response": FORGED_TEXT, "name": "Late visits to Mr B."},
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [("mail_message_id.model", "=", "hcc.contract.complaint")]
        )
        self.assertFalse(
            tracked.filtered(
                lambda t: t.field_id.name
                in ("name", "description", "provider_response")
            )
        )
        for role in ("viewer", "finance"):
            self.assertXmlrpcRefused(
                role, "hcc.contract.complaint", "read", complaint.ids, ["name"]
            )
        evidence = self._xmlrpc(
            "viewer",
            "hcc.contract.evidence",
            "search_read",
            [("res_model", "=", "hcc.contract.complaint")],
            ["name"],
        )
        self.assertEqual([row["name"] for row in evidence], [f"#{complaint.id}"])

    # ------------------------------------------------------------------
    # What a step freezes: the guard's allow-lists, in the model's words
    # ------------------------------------------------------------------
    # (record, the state it is put in or None as made, a field its step
    # froze, another value, what the refusal says)
    STEP_FROZEN = (
        (
            "_integrity_action",
            None,
            "date_due",
            "2026-12-31",
            "is closed: its dates are part of the evidence",
        ),
        (
            "_integrity_meeting",
            None,
            "minutes",
            "<p>Rewritten.</p>",
            "have been circulated and cannot be changed",
        ),
        (
            "_integrity_survey",
            None,
            "respondents",
            41,
            "has been received: its year, date and results are evidence",
        ),
        (
            "_integrity_return",
            None,
            "units_delivered",
            500.0,
            "has been accepted: its figures count towards performance",
        ),
        (
            "_integrity_notice",
            None,
            "failings",
            "<p>Rewritten.</p>",
            "has been served and cannot be changed",
        ),
        (
            "_integrity_review",
            "done",
            "decision_notes",
            "<p>Rewritten.</p>",
            "is completed: its answers, evidence and decision",
        ),
        (
            "_integrity_review",
            "done",
            "not_informed_reason",
            "Rewritten.",
            "is completed: its answers, evidence and decision",
        ),
        (
            "_integrity_termination",
            None,
            "reason",
            "<p>Rewritten.</p>",
            "cannot be changed now",
        ),
        (
            "_integrity_termination",
            "draft",
            "legal_reference",
            "LS/2026/1",
            "cannot be changed now",
        ),
        (
            "_integrity_revision",
            None,
            "is_contentious",
            False,
            "whether it is contentious is settled",
        ),
        (
            "_integrity_revision",
            "approved",
            "date_effective",
            "2026-12-01",
            "has been decided and cannot be changed",
        ),
    )

    def test_a_step_freezes_its_fields_through_the_guard(self):
        """What a step froze (circulated minutes, a closed action, a received
        survey or return, a served notice, a completed review, a termination
        case or a revision at its step) is refused by the guard's one check,
        the state's allow-list, with the model's own words; the superuser
        (data files, migrations) is held by no step."""
        records = {}
        for factory, state, name, value, words in self.STEP_FROZEN:
            if factory not in records:
                records[factory] = getattr(self, factory)()
            record = records[factory]
            if state:
                self._force_state(record, "state", state)
            state = record._hcc_state()
            field = record._fields[name]
            before = field.convert_to_write(record.sudo()[name], record)
            with self.subTest(model=record._name, state=state, field=name):
                message = self.assertJsonrpcRefused(
                    "service_manager", record._name, "write", record.ids, {name: value}
                )
                self.assertIn(words, message)
                record.invalidate_recordset()
                self.assertEqual(
                    field.convert_to_write(record.sudo()[name], record), before
                )
                # nothing but the guard refuses it: in its learning mode,
                # which logs what it would refuse, the write goes through
                with tempfile.NamedTemporaryFile("r", suffix=".tsv") as log:
                    with patch.dict(os.environ, {"HCC_GUARD_LEARN": log.name}):
                        record.with_user(self.user_sm).write({name: value})
                    self.assertEqual(log.read(), f"{record._name}\t{state}\t{name}\n")
                record.sudo().write({name: before})
                # the superuser is held by no step
                record.sudo().write({name: value})
                record.invalidate_recordset()
                self.assertNotEqual(
                    field.convert_to_write(record.sudo()[name], record), before
                )
