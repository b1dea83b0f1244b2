from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..common import HccContractsCase


@tagged("post_install", "-at_install")
class TestContractSupervision(HccContractsCase):
    """Procedure 5.1: when the representative is the lead officer's nominee,
    the contract is a standing item of their supervision sessions: recorded
    on the contract, reminded at the interval set in Settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # led by user_sm, represented by their nominee user_sm_other
        cls.contract = cls._create_contract(representative_id=cls.user_sm_other.id)
        cls.contract.action_activate()
        cls.activity_type = cls.env.ref(
            "hcc_contracts.mail_activity_type_supervision_due"
        )

    def _session(self, user=None, contract=None, **overrides):
        vals = {
            "contract_id": (contract or self.contract).id,
            "date": "2026-05-20",
            "note": "Rota gaps and the May return reviewed.",
        }
        vals.update(overrides)
        return (
            self.env["hcc.contract.supervision"]
            .with_user(user or self.user_sm)
            .with_context(default_contract_id=vals["contract_id"])
            .create(vals)
        )

    def _reminders(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hcc.contract"),
                ("res_id", "=", self.contract.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    @freeze_time("2026-06-01")
    def test_lead_officer_records_a_session(self):
        self.assertTrue(self.contract.representative_is_nominee)
        # the first session is due an interval (one month) after the start
        self.assertEqual(str(self.contract.next_supervision_due_date), "2026-05-01")
        session = self._session()
        self.assertEqual(session.supervisor_id, self.user_sm)
        self.assertEqual(session.representative_id, self.user_sm_other)
        self.assertEqual(self.contract.supervision_count, 1)
        self.assertEqual(str(self.contract.last_supervision_date), "2026-05-20")
        self.assertEqual(str(self.contract.next_supervision_due_date), "2026-06-20")
        self.company.hcc_supervision_interval_months = 3
        self.assertEqual(str(self.contract.next_supervision_due_date), "2026-08-20")
        # the CSO and the County Manager may record one too
        self._session(user=self.user_cso, date="2026-05-27")
        self._session(user=self.user_cm, date="2026-05-30")
        self.assertEqual(self.contract.supervision_count, 3)

    @freeze_time("2026-06-01")
    def test_refusals(self):
        with self.assertRaisesMessage(ValidationError, "recorded in the future"):
            self._session(date="2026-06-02")
        with self.assertRaisesMessage(ValidationError, "with its lead officer"):
            self._session(supervisor_id=self.user_cso.id)
        led = self._create_contract()  # represented by its lead officer
        led.action_activate()
        self.assertFalse(led.next_supervision_due_date)
        with self.assertRaisesMessage(ValidationError, "represented by its lead"):
            self._session(contract=led)
        # the nominee does not record their own supervision, nor do others
        for user in (self.user_sm_other, self.user_viewer, self.user_finance):
            with self.assertRaises(AccessError):
                self._session(user=user)
        self.assertEqual(self.contract.supervision_count, 0)

    @freeze_time("2026-06-01")
    def test_a_session_is_kept_as_it_happened(self):
        session = self._session()
        with self.assertRaisesMessage(UserError, "cannot change once it is recorded"):
            session.write({"date": "2026-05-21"})
        session.note = "Rota gaps, the May return and two complaints reviewed."
        for user in (self.user_sm, self.user_cso, self.user_cm, self.user_admin):
            with self.assertRaises(AccessError):
                session.with_user(user).unlink()
        with self.assertRaisesMessage(UserError, "never deleted"):
            session.sudo().unlink()
        self.assertTrue(session.exists())
        with self.assertRaisesMessage(AccessError, "cannot be written directly"):
            self.contract.with_user(self.user_sm).write(
                {"supervision_reminder_sent": True}
            )

    def test_reminder_at_the_interval_once(self):
        with freeze_time("2026-04-20"):  # due 1 May: not yet within a week
            self.env["hcc.contract"]._cron_supervision_due()
            self.assertFalse(self._reminders())
        with freeze_time("2026-04-25"):
            self.env["hcc.contract"]._cron_supervision_due()
            reminder = self._reminders()
            self.assertEqual(reminder.user_id, self.user_sm)
            self.assertEqual(str(reminder.date_deadline), "2026-05-01")
            self.assertIn(self.contract.name, reminder.summary)
            self.assertTrue(self.contract.supervision_reminder_sent)
            # a second run changes nothing
            self.env["hcc.contract"]._cron_supervision_due()
            self.assertEqual(self._reminders(), reminder)
        with freeze_time("2026-05-02"):
            self._session(date="2026-05-02")
            # the reminder is done, the next one is a month away
            self.assertFalse(self._reminders())
            self.assertFalse(self.contract.supervision_reminder_sent)
            self.env["hcc.contract"]._cron_supervision_due()
            self.assertFalse(self._reminders())
        with freeze_time("2026-05-27"):
            self.env["hcc.contract"]._cron_supervision_due()
            self.assertEqual(str(self._reminders().date_deadline), "2026-06-02")

    @freeze_time("2026-06-01")
    def test_no_reminder_without_a_nominee(self):
        led = self._create_contract()
        led.action_activate()
        self.env["hcc.contract"]._cron_supervision_due()
        self.assertFalse(
            self.env["mail.activity"].search(
                [
                    ("res_model", "=", "hcc.contract"),
                    ("res_id", "=", led.id),
                    ("activity_type_id", "=", self.activity_type.id),
                ]
            )
        )
