from freezegun import freeze_time

from ..common import HccContractsCase


class HccMeetingsCase(HccContractsCase):
    """Adds a provider contact, an active contract of the north led by
    ``user_sm`` with ``user_cso`` as support officer, and helpers to plan,
    hold and document meetings as a given user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider_contact = cls.env["res.partner"].create(
            {
                "name": "Test Registered Manager",
                "email": "manager@provider.example.com",
                "parent_id": cls.provider.id,
            }
        )
        cls.contract = cls._create_contract()
        cls.contract.action_activate()
        cls.env.ref("base.user_admin").partner_id.email = "admin@example.com"

    def _meeting(self, date, user=None, contract=None, **vals):
        env = self.env(user=user or self.user_sm)
        return env["hcc.contract.meeting"].create(
            {
                "contract_id": (contract or self.contract).id,
                "date": date,
                "attendee_ids": [(4, self.provider_contact.id)],
                **vals,
            }
        )

    def _document(self, meeting, when, minutes="<p>Discussed all items.</p>"):
        """Hold the meeting, deal with its minimum agenda and circulate its
        minutes, at the given time."""
        with freeze_time(when):
            meeting.minutes = minutes
            self._agenda_discussed(meeting)
            meeting.action_mark_held()
            meeting.action_circulate_minutes()
        return meeting

    @staticmethod
    def _agenda_discussed(meeting):
        """Tick every item of the meeting's agenda as discussed (7.6)."""
        meeting.agenda_ids.write({"discussed": True})

    def _action(self, user=None, **vals):
        env = self.env(user=user or self.user_sm)
        action = env["hcc.contract.action"].create(
            {
                "contract_id": self.contract.id,
                "name": "Rota gaps on Saturdays",
                "user_id": self.user_sm.id,
                **vals,
            }
        )
        # stored computes that depend on today run now, as at the end of a request
        env.flush_all()
        return action
