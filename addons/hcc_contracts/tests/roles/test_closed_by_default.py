"""Each way a record was born past its step, or changed without a trace, in
the findings of issue 37: over JSON-RPC, as the role that tried it."""

from odoo import Command
from odoo.tests import tagged

from ...tools.roles import GROUP_CASE_DATA
from .common_integrity import HccIntegrityCase


@tagged("post_install", "-at_install", "hcc_rpc")
class TestClosedByDefault(HccIntegrityCase):
    def _create_over_rpc(self, role, model, vals, **context):
        reply = self._jsonrpc(role, model, "create", [vals], context=context)
        self.assertIn("result", reply, reply.get("error"))
        return self.env[model].browse(reply["result"])

    def test_return_is_not_born_accepted_by_context_defaults(self):
        """A Service Manager's return with ``default_state`` accepted, for a
        period not yet over, with 99,999 units: born expected."""
        returned = self._create_over_rpc(
            "service_manager",
            "hcc.data.return",
            {
                "contract_id": self.contract.id,
                "date_from": "2028-04-01",
                "date_to": "2028-04-30",
                "units_delivered": 99999.0,
            },
            default_state="accepted",
            default_is_late=True,
        )
        self.assertEqual(returned.state, "expected")

    def test_return_is_not_born_accepted_by_a_users_default(self):
        """The same through the user's own ``ir.default`` row."""
        self.env["ir.default"].set(
            "hcc.data.return", "state", "accepted", user_id=self.user_sm.id
        )
        returned = self._create_over_rpc(
            "service_manager",
            "hcc.data.return",
            {
                "contract_id": self.contract.id,
                "date_from": "2028-05-01",
                "date_to": "2028-05-31",
            },
        )
        self.assertEqual(returned.state, "expected")

    def test_termination_case_is_not_born_referred(self):
        """A representative's case with ``default_state`` referred and
        "decided by" the County Manager: born a draft, undecided."""
        case = self._create_over_rpc(
            "service_manager",
            "hcc.contract.termination",
            {
                "contract_id": self.contract.id,
                "reason": "<p>Unsafe care.</p>",
            },
            default_state="referred",
            default_decided_by_id=self.user_cm.id,
            default_date_decided="2026-06-01",
        )
        self.assertEqual(case.state, "draft")
        self.assertFalse(case.decided_by_id)
        self.assertFalse(case.date_decided)

    def test_revision_is_not_born_approved(self):
        revision = self._create_over_rpc(
            "support_officer",
            "hcc.contract.revision",
            {
                "contract_id": self.contract.id,
                "title": "Uplift",
                "reason": "demand",
                "is_contentious": True,
            },
            default_state="approved",
        )
        self.assertEqual(revision.state, "draft")

    def test_notice_is_not_born_served(self):
        notice = self._create_over_rpc(
            "service_manager",
            "hcc.contract.notice",
            {
                "contract_id": self.contract.id,
                "failings": "<p>Missed visits.</p>",
            },
            default_state="served",
        )
        self.assertEqual(notice.state, "draft")

    def test_complaint_is_not_born_erased(self):
        """A complaint born "erased" would escape the retention run."""
        complaint = self._create_over_rpc(
            "service_manager",
            "hcc.contract.complaint",
            {
                "contract_id": self.contract.id,
                "name": "Late visits",
                "date_received": "2026-05-01",
            },
            default_date_erased="2026-05-02",
        )
        self.assertFalse(complaint.date_erased)

    def test_a_copy_starts_its_workflow_again(self):
        returned = self.env["hcc.data.return"].create(
            {
                "contract_id": self.contract.id,
                "date_from": "2026-04-01",
                "date_to": "2026-04-30",
                "date_received": "2026-05-05",
                "units_delivered": 480.0,
            }
        )
        returned.action_accept()
        reply = self._jsonrpc(
            "service_manager",
            "hcc.data.return",
            "copy",
            returned.ids,
            {"date_from": "2026-06-01", "date_to": "2026-06-30"},
        )
        self.assertIn("result", reply, reply.get("error"))
        copy = self.env["hcc.data.return"].browse(reply["result"])
        self.assertEqual(copy.state, "expected")

    def test_accepted_return_keeps_its_date_received(self):
        """Moving ``date_received`` of an accepted return made it late."""
        returned = self.env["hcc.data.return"].create(
            {
                "contract_id": self.contract.id,
                "date_from": "2026-07-01",
                "date_to": "2026-07-31",
                "date_received": "2026-08-05",
                "units_delivered": 480.0,
            }
        )
        returned.action_accept()
        message = self.assertJsonrpcRefused(
            "service_manager",
            "hcc.data.return",
            "write",
            returned.ids,
            {"date_received": "2026-12-01"},
        )
        self.assertIn("can no longer be changed", message)
        self.assertEqual(str(returned.date_received), "2026-08-05")

    def test_tracking_cannot_be_switched_off_by_the_caller(self):
        """``tracking_disable`` and ``mail_notrack`` leave the trace."""
        for key in ("tracking_disable", "mail_notrack"):
            before = len(self.contract.message_ids)
            reply = self._jsonrpc(
                "service_manager",
                "hcc.contract",
                "write",
                self.contract.ids,
                {"lead_officer_id": self.user_sm_other.id},
                context={key: True},
            )
            self.assertIn("result", reply, reply.get("error"))
            self.flush_tracking()
            self.assertGreater(len(self.contract.message_ids), before, key)
            self.contract.lead_officer_id = self.user_sm

    def test_worked_out_figures_cannot_be_written(self):
        message = self.assertJsonrpcRefused(
            "service_manager",
            "hcc.contract",
            "write",
            self.contract.ids,
            {"utilisation": 100.0},
        )
        self.assertIn("worked out by the application", message)

    def test_a_live_record_is_not_deleted(self):
        indicator = self.env["hcc.contract.indicator"].create(
            {"contract_id": self.contract.id, "name": "Missed visits", "target": 2.0}
        )
        message = self.assertJsonrpcRefused(
            "support_officer", "hcc.contract.indicator", "unlink", indicator.ids
        )
        self.assertIn("cannot be deleted", message)
        self.assertTrue(indicator.exists())

    def test_nothing_is_born_past_its_step(self):
        """Reviews born done, surveys born received, actions born done,
        procurements born signed, contracts born expired: each is born at
        its first step, whatever the context's defaults say."""
        meeting = self.env["hcc.contract.meeting"].create(
            {"contract_id": self.contract.id, "date": "2026-10-01 10:00:00"}
        )
        # the lead officer records specific cases (procedure 7.6)
        self.user_sm.groups_id = [Command.link(self.env.ref(GROUP_CASE_DATA).id)]
        attempts = [
            ("service_manager", "hcc.contract.review", {}, "state", "done"),
            (
                "service_manager",
                "hcc.satisfaction.survey",
                {
                    "survey_year": 1,
                    "date_from": "2026-04-01",
                    "date_to": "2027-03-31",
                    "date_due": "2027-04-30",
                },
                "state",
                "received",
            ),
            (
                "service_manager",
                "hcc.contract.action",
                {"name": "Recruit two carers", "date_due": "2099-11-30"},
                "state",
                "done",
            ),
            (
                "support_officer",
                "hcc.contract",
                self._contract_vals(title="Born expired"),
                "state",
                "expired",
            ),
            (
                "service_manager",
                "hcc.contract.case",
                {
                    "meeting_id": meeting.id,
                    "case_reference": "SU-0043",
                    "date": "2026-10-01",
                },
                "date_erased",
                "2026-10-02",
            ),
        ]
        for role, model, vals, name, forged in attempts:
            with self.subTest(model=model):
                if "contract_id" in self.env[model]._fields and model != (
                    "hcc.contract.case"
                ):
                    vals = dict(vals, contract_id=self.contract.id)
                record = self._create_over_rpc(
                    role, model, vals, **{f"default_{name}": forged}
                )
                self.assertNotEqual(str(record[name]), forged)
        procurement = self._create_over_rpc(
            "service_manager",
            "hcc.procurement",
            {
                "title": "Day care in the north",
                "locality_id": self.locality_north.id,
                "lead_officer_id": self.user_sm.id,
                "support_officer_id": self.user_cso.id,
            },
            default_step="done",
        )
        self.assertEqual(procurement.step, "need")
