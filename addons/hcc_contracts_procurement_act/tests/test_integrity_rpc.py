"""The statutory notices in the integrity attack suite (see
``hcc_contracts/tests/roles/test_integrity_rpc.py``)."""

from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.roles.common_integrity import (
    HccClosedByDefaultCase,
)


@tagged("post_install", "-at_install", "hcc_rpc")
class TestIntegrityRpcProcurementAct(HccClosedByDefaultCase):
    INTEGRITY_ADDON = "hcc_contracts_procurement_act"
    INTEGRITY = {
        "hcc.statutory.notice": {
            "record": "_integrity_statutory_notice",
            "history": True,
            "roles": ("service_manager", "support_officer", "county_manager"),
        },
        "hcc.procurement.notice": {
            "record": "_integrity_procurement_notice",
            "history": True,
            "roles": ("service_manager", "support_officer", "county_manager"),
        },
    }

    def _integrity_procurement_notice(self):
        procurement = self.env["hcc.procurement"].create(
            {
                "title": "Integrity procurement",
                "locality_id": self.contract.locality_id.id,
                "lead_officer_id": self.contract.lead_officer_id.id,
                "support_officer_id": self.contract.support_officer_id.id,
            }
        )
        notice = self.env["hcc.procurement.notice"].create(
            {
                "procurement_id": procurement.id,
                "notice_kind": "tender",
                "date_due": "2027-01-31",
            }
        )
        notice.action_prepare()
        return notice

    def _integrity_statutory_notice(self):
        notice = self.env["hcc.statutory.notice"].create(
            {
                "contract_id": self.contract.id,
                "notice_kind": "contract_termination",
                "trigger_key": "integrity",
                "date_due": "2027-01-31",
            }
        )
        notice.action_prepare()
        return notice

    def test_every_workflow_model_has_its_entry(self):
        self._assert_integrity_complete()

    def test_no_guarded_field_is_written_over_rpc(self):
        self._assert_integrity()

    def test_closed_by_default(self):
        """The statutory notices in the attack suite generated from the
        models: every state, stored field and role over JSON-RPC."""
        self.assertGreater(self._assert_closed_by_default(), 100)

    def test_transitions_are_refused_outside_their_table(self):
        """The statutory notices' actions, in every state they do not start
        from: refused by the one check of the states."""
        self.assertGreater(self._assert_transitions_refused(), 5)

    def test_notices_are_worked_out_by_the_system(self):
        """Nobody raises a statutory notice by hand, nor publishes one by
        writing its state: the Act's duties come from the contract."""
        message = self.assertXmlrpcRefused(
            "support_officer",
            "hcc.statutory.notice",
            "create",
            {
                "contract_id": self.contract.id,
                "notice_kind": "contract_change",
                "trigger_key": "forged",
                "date_due": "2027-01-31",
            },
        )
        self.assertIn("cannot be written directly", message)
        notice = self._integrity_statutory_notice()
        self.assertXmlrpcRefused(
            "support_officer",
            "hcc.statutory.notice",
            "write",
            notice.ids,
            {"state": "published"},
        )
        self.assertEqual(notice.state, "prepared")
        self.assertFalse(
            self.env["hcc.statutory.notice"].search([("trigger_key", "=", "forged")])
        )
