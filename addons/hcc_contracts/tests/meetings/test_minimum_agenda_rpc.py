"""The minimum agenda of a monitoring meeting (procedure 7.6) over real HTTP,
as the lead officer's web client calls it: present on a meeting created with
an agenda of its own, and not recoded, reworded or removed afterwards, so
that standard 12.4 counts only meetings that covered it (issue 37)."""

from odoo.tests import HttpCase, tagged

from ...models.meetings.hcc_contract_meeting import AGENDA_ITEMS
from ..roles.call_kw import HccCallKwMixin
from .common_meetings import HccMeetingsCase

AGENDA = "hcc.contract.meeting.agenda"


@tagged("post_install", "-at_install", "hcc_rpc")
class TestMinimumAgendaRpc(HccCallKwMixin, HccMeetingsCase, HttpCase):
    def _create_meeting(self, agenda):
        return self._call_kw(
            self.user_sm,
            "hcc.contract.meeting",
            "create",
            [
                {
                    "contract_id": self.contract.id,
                    "date": "2026-05-12 10:00:00",
                    "agenda_ids": agenda,
                }
            ],
        )[0]

    def _codes(self, meeting_id):
        return self.env[AGENDA].search([("meeting_id", "=", meeting_id)]).mapped("code")

    def test_own_agenda_keeps_the_minimum_agenda(self):
        meeting_id = self._create_meeting(
            [[0, 0, {"name": "Only the new rota", "code": "other", "sequence": 1}]]
        )
        codes = self._codes(meeting_id)
        self.assertEqual(codes.count("other"), 1)
        # every item of the minimum agenda, once (test_meetings.py spells
        # them out in order)
        self.assertEqual(
            sorted(c for c in codes if c != "other"),
            sorted(code for code, _topic in AGENDA_ITEMS),
        )
        meeting = self.env["hcc.contract.meeting"].browse(meeting_id)
        self.assertEqual(len(meeting._get_agenda_gaps()), 9)

    def test_minimum_item_given_at_creation_bears_the_procedure_words(self):
        meeting_id = self._create_meeting(
            [[0, 0, {"name": "Nothing to see", "code": "complaints"}]]
        )
        item = self.env[AGENDA].search(
            [("meeting_id", "=", meeting_id), ("code", "=", "complaints")]
        )
        self.assertEqual(len(item), 1)
        self.assertNotEqual(item.name, "Nothing to see")
        text = self.assertCallKwRefused(
            self.user_sm,
            AGENDA,
            "create",
            [{"meeting_id": meeting_id, "code": "complaints", "name": "Again"}],
        )
        self.assertIn("already on the agenda", text)

    def test_minimum_item_is_not_recoded_reworded_or_removed(self):
        meeting_id = self._create_meeting([])
        item = self.env[AGENDA].search(
            [("meeting_id", "=", meeting_id), ("code", "=", "complaints")]
        )
        text = self.assertCallKwRefused(
            self.user_sm, AGENDA, "write", item.ids, {"code": "other"}
        )
        self.assertIn("cannot be changed", text)
        text = self.assertCallKwRefused(
            self.user_sm, AGENDA, "write", item.ids, {"name": "Weather"}
        )
        self.assertIn("procedure 7.6", text)
        self.assertCallKwRefused(self.user_sm, AGENDA, "unlink", item.ids)
        # nor through the meeting's one2many
        self.assertCallKwRefused(
            self.user_sm,
            "hcc.contract.meeting",
            "write",
            [meeting_id],
            {"agenda_ids": [[1, item.id, {"code": "other"}]]},
        )
        item.invalidate_recordset()
        self.assertEqual(item.code, "complaints")
        self.assertEqual(item.exists(), item)
        # another topic is added, and reworded, as other business
        other_id = self._call_kw(
            self.user_sm,
            AGENDA,
            "create",
            [{"meeting_id": meeting_id, "code": "other", "name": "New rota"}],
        )[0]
        self._call_kw(self.user_sm, AGENDA, "write", [other_id], {"name": "Rotas"})
        text = self.assertCallKwRefused(
            self.user_sm, AGENDA, "write", [other_id], {"code": "complaints"}
        )
        self.assertIn("cannot be changed", text)
