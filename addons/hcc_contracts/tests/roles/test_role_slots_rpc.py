"""Issue 37, role slots: a slot of the procedure names a person who holds the
role it is for. The lead officer or nominee of a meeting accepted a Read-only
user, the CSO consulted on a revision anyone. Over JSON-RPC, as the web
client calls, each as the role's own user on data they create."""

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common_integrity import HccIntegrityCase


@tagged("post_install", "-at_install", "hcc_rpc")
class TestRoleSlotsRpc(HccIntegrityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.hcc_county_manager_id = cls.user_cm
        cls.provider_contact = cls.env["res.partner"].create(
            {"name": "Provider Manager", "parent_id": cls.provider.id}
        )
        cls.user_portal = new_test_user(
            cls.env,
            login="hcc_slot_portal",
            groups="base.group_portal",
            partner_id=cls.provider_contact.id,
        )

    def _ok(self, role, model, method, *args, **kwargs):
        reply = self._jsonrpc(role, model, method, *args, **kwargs)
        self.assertNotIn("error", reply, reply.get("error"))
        return reply["result"]

    def _offered(self, role, model, field):
        """The people the form offers for ``field``: its domain, as the web
        client reads and evaluates it, searched as that user."""
        views = self._ok(role, model, "get_views", [[False, "form"]])
        domain = views["models"][model]["fields"][field]["domain"]
        if isinstance(domain, str):
            # a field checking the company: the client evaluates it on the record
            domain = safe_eval(domain, {"company_id": self.company.id})
        return set(self._ok(role, "res.users", "search", domain))

    @freeze_time("2026-07-20")
    def test_meeting_officer_holds_a_contract_role(self):
        meeting = {"contract_id": self.contract.id, "date": "2026-09-10 10:00:00"}
        for user in (self.user_viewer, self.user_finance, self.user_legal):
            message = self.assertJsonrpcRefused(
                "service_manager",
                "hcc.contract.meeting",
                "create",
                dict(meeting, officer_id=user.id),
            )
            self.assertIn("cannot be the lead officer or nominee", message)
            self.assertIn("Service Manager (Lead Officer)", message)
        message = self.assertJsonrpcRefused(
            "service_manager",
            "hcc.contract.meeting",
            "create",
            dict(meeting, officer_id=self.user_portal.id),
        )
        self.assertIn("cannot be the lead officer or nominee", message)
        self.assertFalse(
            self.env["hcc.contract.meeting"].search(
                [("contract_id", "=", self.contract.id)]
            )
        )
        # the lead officer, the CSO and the County Manager may each attend
        meeting_id = self._ok(
            "service_manager",
            "hcc.contract.meeting",
            "create",
            dict(meeting, officer_id=self.user_sm_other.id),
        )
        for user in (self.user_cso, self.user_cm, self.user_sm):
            self._ok(
                "service_manager",
                "hcc.contract.meeting",
                "write",
                [meeting_id],
                {"officer_id": user.id},
            )
        message = self.assertJsonrpcRefused(
            "service_manager",
            "hcc.contract.meeting",
            "write",
            [meeting_id],
            {"officer_id": self.user_viewer.id},
        )
        self.assertIn("cannot be the lead officer or nominee", message)
        self.assertEqual(
            self.env["hcc.contract.meeting"].browse(meeting_id).officer_id,
            self.user_sm,
        )
        # the form offers officers with a contract role only
        offered = self._offered("service_manager", "hcc.contract.meeting", "officer_id")
        self.assertTrue({self.user_sm.id, self.user_cso.id, self.user_cm.id} <= offered)
        for user in (
            self.user_viewer,
            self.user_finance,
            self.user_legal,
            self.user_portal,
        ):
            self.assertNotIn(user.id, offered)

    @freeze_time("2026-07-20")
    def test_revision_cso_consulted_is_a_contract_support_officer(self):
        revision = {
            "contract_id": self.contract.id,
            "title": "Fewer weekday sessions",
            "description": "<p>Reduce to four days.</p>",
            "reason": "referral_patterns",
            "date_effective": "2026-09-01",
            # the CSO is consulted on the day the revision is recorded
            "date_cso_consulted": "2026-07-20",
        }
        for user in (self.user_sm_other, self.user_viewer, self.user_legal):
            message = self.assertJsonrpcRefused(
                "service_manager",
                "hcc.contract.revision",
                "create",
                dict(revision, cso_consulted_id=user.id),
            )
            self.assertIn("cannot be the CSO consulted", message)
            self.assertIn("Contract Support Officer", message)
        revision_id = self._ok(
            "service_manager",
            "hcc.contract.revision",
            "create",
            dict(revision, cso_consulted_id=self.user_cso.id),
        )
        message = self.assertJsonrpcRefused(
            "service_manager",
            "hcc.contract.revision",
            "write",
            [revision_id],
            {"cso_consulted_id": self.user_sm.id},
        )
        self.assertIn("cannot be the CSO consulted", message)
        self.assertEqual(
            self.env["hcc.contract.revision"].browse(revision_id).cso_consulted_id,
            self.user_cso,
        )
        offered = self._offered(
            "service_manager", "hcc.contract.revision", "cso_consulted_id"
        )
        self.assertIn(self.user_cso.id, offered)
        for user in (self.user_sm, self.user_viewer, self.user_legal):
            self.assertNotIn(user.id, offered)

    @freeze_time("2026-07-20")
    def test_termination_case_slots(self):
        """The case's CSO and Legal Services are written by their steps; even
        the superuser, who may write them, cannot put someone else there."""
        case = (
            self.env["hcc.contract.termination"]
            .with_user(self.user_sm)
            .create({"contract_id": self.contract.id, "fundamental_breach": True})
        )
        with self.assertRaisesMessage(ValidationError, "cannot be the CSO"):
            case.sudo().write({"cso_id": self.user_sm.id})
        with self.assertRaisesMessage(ValidationError, "cannot be Legal Services"):
            case.sudo().write({"completed_by_id": self.user_cm.id})
        case.invalidate_recordset()
        self.assertFalse(case.cso_id or case.completed_by_id)
