# Test data posted to the chatter is not user-facing text to translate.
# pylint: disable=translation-required

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestAccessLeaks(HccContractsCase):
    """A Service Manager learns nothing of another locality's contract, whatever
    the path; a read-only user changes nothing, not even through the chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.led = cls._create_contract()
        cls.south_provider = cls.env["res.partner"].create(
            {"name": "Southern Secret Care", "is_company": True}
        )
        cls.south = cls._create_contract(
            title="Southern secret contract",
            partner_id=cls.south_provider.id,
            locality_id=cls.locality_south.id,
            lead_officer_id=cls.user_sm_south.id,
            representative_id=cls.user_sm_south.id,
            support_officer_id=False,
        )
        cls.south.message_post(body="Confidential note on the south contract")
        cls.south.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=cls.user_sm_south.id,
            summary="South follow-up",
        )
        cls.Contract = cls.env["hcc.contract"].with_user(cls.user_sm)

    def test_not_by_id(self):
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_sm).read(["title"])
        with self.assertRaises(AccessError):
            self.Contract.browse(self.south.id).title  # noqa: B018

    def test_not_by_search_or_name_search(self):
        self.assertFalse(self.Contract.search([("id", "=", self.south.id)]))
        self.assertFalse(self.Contract.search([("title", "ilike", "secret")]))
        self.assertFalse(
            self.Contract.search([("partner_id.name", "=", "Southern Secret Care")])
        )
        self.assertFalse(
            self.Contract.search([("locality_id", "=", self.locality_south.id)])
        )
        self.assertEqual(self.Contract.search_count([]), 1)
        self.assertFalse(self.Contract.name_search(self.south.name))
        self.assertFalse(self.Contract.name_search("Southern"))
        self.assertEqual(
            [r["id"] for r in self.Contract.search_read([], ["title"])], self.led.ids
        )

    def test_not_by_read_group(self):
        groups = self.Contract.read_group(
            [], ["annual_value:sum"], ["locality_id"], lazy=False
        )
        self.assertEqual(
            [(g["locality_id"][0], g["__count"]) for g in groups],
            [(self.locality_north.id, 1)],
        )
        totals = self.Contract._read_group([], [], ["annual_value:sum", "__count"])
        self.assertEqual(totals, [(self.led.annual_value, 1)])
        by_partner = self.Contract._read_group([], ["partner_id"], ["__count"])
        self.assertNotIn(self.south_provider, [partner for partner, _c in by_partner])

    def test_not_through_the_chatter_or_activities(self):
        Message = self.env["mail.message"].with_user(self.user_sm)
        messages = Message.search(
            [("model", "=", "hcc.contract"), ("res_id", "=", self.south.id)]
        )
        self.assertFalse(messages)
        south_message = self.south.message_ids[:1]
        self.assertTrue(south_message)
        with self.assertRaises(AccessError):
            south_message.with_user(self.user_sm).read(["body"])
        Activity = self.env["mail.activity"].with_user(self.user_sm)
        self.assertFalse(
            Activity.search(
                [("res_model", "=", "hcc.contract"), ("res_id", "=", self.south.id)]
            )
        )
        with self.assertRaises(AccessError):
            self.south.activity_ids.with_user(self.user_sm).read(["summary"])
        # ...nor by posting on it or following it
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_sm).message_post(body="Let me in")
        # following oneself is refused quietly (mail returns False)
        self.assertFalse(
            self.south.with_user(self.user_sm).message_subscribe(
                partner_ids=self.user_sm.partner_id.ids
            )
        )
        self.assertNotIn(self.user_sm.partner_id, self.south.message_partner_ids)

    def test_not_through_a_related_field(self):
        """The provider is readable by every employee, but it does not lead to
        the contract: there is no inverse field on the partner."""
        partner = self.south_provider.with_user(self.user_sm)
        self.assertEqual(partner.name, "Southern Secret Care")
        self.assertNotIn("hcc_contract_ids", partner._fields)
        self.assertFalse(
            self.Contract.search([("partner_id", "=", self.south_provider.id)])
        )

    def test_read_only_user_cannot_post_or_write(self):
        viewer_contract = self.south.with_user(self.user_viewer)
        self.assertEqual(viewer_contract.title, "Southern secret contract")
        messages_before = len(self.south.message_ids)
        with self.assertRaises(AccessError):
            viewer_contract.message_post(body="Audit remark", message_type="comment")
        with self.assertRaises(AccessError):
            viewer_contract.write({"title": "Changed by audit"})
        with self.assertRaises(AccessError):
            viewer_contract.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.user_viewer.id
            )
        with self.assertRaises(AccessError):
            viewer_contract.action_activate()
        with self.assertRaises(AccessError):
            viewer_contract.copy()
        self.south.invalidate_recordset()
        self.assertEqual(len(self.south.message_ids), messages_before)
        self.assertEqual(self.south.title, "Southern secret contract")
        self.assertEqual(self.south.state, "draft")

    def test_no_sudo_lets_a_role_exceed_its_rights(self):
        """The two sudo() of the addon: the batch creation of activities is a
        private method (refused over RPC, see test_rpc), and the localities
        path of res.users writes nothing but the localities of an
        Administrator's choice. A Service Manager cannot reach either."""
        with self.assertRaises(AccessError):
            self.user_sm.with_user(self.user_sm).write(
                {"hcc_locality_ids": [(4, self.locality_south.id)]}
            )
        self.assertFalse(self.Contract.search([("id", "=", self.south.id)]))
        # the scheduled reminders do not open the contract to their assignee
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": self.south,
                    "activity_type": self.env.ref("mail.mail_activity_data_todo"),
                    "user": self.user_sm,
                    "summary": "Reminder",
                }
            ]
        )
        with self.assertRaises(AccessError):
            self.south.with_user(self.user_sm).read(["title"])
