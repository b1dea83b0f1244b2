from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user

from odoo.addons.hcc_contracts.tests.common import HccContractsCase


class HccPortalCase(HccContractsCase, HttpCase):
    """Two providers, each with a contact who is a portal user, an active
    contract, an expected return, a survey due, actions and circulated
    minutes: provider A's user must reach A's records only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider_b = cls.env["res.partner"].create(
            {"name": "Other Provider plc", "is_company": True}
        )
        cls.contact_a = cls.env["res.partner"].create(
            {
                "name": "Alice Provider",
                "email": "alice@a.example",
                "parent_id": cls.provider.id,
            }
        )
        cls.contact_a2 = cls.env["res.partner"].create(
            {
                "name": "Andrew Provider",
                "email": "andrew@a.example",
                "parent_id": cls.provider.id,
            }
        )
        cls.contact_b = cls.env["res.partner"].create(
            {
                "name": "Bob Other",
                "email": "bob@b.example",
                "parent_id": cls.provider_b.id,
            }
        )
        cls.portal_a = cls._portal_user("portal_a", cls.contact_a)
        cls.portal_b = cls._portal_user("portal_b", cls.contact_b)

        cls.contract_a = cls._create_contract(title="Alpha day care")
        cls.contract_a.action_activate()
        cls.contract_b = cls._create_contract(
            title="Bravo home care", partner_id=cls.provider_b.id
        )
        cls.contract_b.action_activate()
        cls.contract_a_draft = cls._create_contract(title="Alpha draft contract")
        cls.indicator_a = cls.env["hcc.contract.indicator"].create(
            {
                "contract_id": cls.contract_a.id,
                "name": "Attendance rate",
                "target": 90.0,
                "unit": "%",
            }
        )
        cls.return_a = cls._return(cls.contract_a)
        cls.return_b = cls._return(cls.contract_b)
        # their late flag is computed today, not on the day the meetings below
        # are frozen at (nothing reads the returns before then any more: the
        # RAG status is refreshed at the end of the transaction)
        cls.env.flush_all()
        cls.survey_a = cls._survey(cls.contract_a)
        cls.survey_b = cls._survey(cls.contract_b)
        cls.action_a = cls._action(cls.contract_a, "Alpha rota gaps")
        cls.action_a_council = cls._action(
            cls.contract_a, "Alpha council funding check", responsible="council"
        )
        cls.action_b = cls._action(cls.contract_b, "Bravo missed visits")
        cls.meeting_a = cls._meeting(
            cls.contract_a, cls.contact_a, "Alpha minutes text"
        )
        cls.meeting_a_other = cls._meeting(
            cls.contract_a, cls.contact_a2, "Alpha minutes for Andrew only"
        )
        cls.meeting_b = cls._meeting(
            cls.contract_b, cls.contact_b, "Bravo minutes text"
        )

    @classmethod
    def _portal_user(cls, login, partner):
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            partner_id=partner.id,
            name=partner.name,
            email=partner.email,
        )

    @classmethod
    def _return(cls, contract):
        return cls.env["hcc.data.return"].create(
            contract._prepare_expected_return_vals(
                contract.date_start, contract.date_start.replace(day=30)
            )
        )

    @classmethod
    def _survey(cls, contract):
        return cls.env["hcc.satisfaction.survey"].create(
            {
                "contract_id": contract.id,
                "survey_year": 1,
                "date_from": "2026-04-01",
                "date_to": "2027-03-31",
                "date_due": "2027-03-31",
            }
        )

    @classmethod
    def _action(cls, contract, name, **vals):
        return cls.env["hcc.contract.action"].create(
            {
                "contract_id": contract.id,
                "name": name,
                "user_id": cls.user_sm.id,
                "date_notified": "2026-05-01",
                "date_due": "2027-06-30",
                **vals,
            }
        )

    @classmethod
    def _meeting(cls, contract, attendee, minutes):
        meeting = cls.env["hcc.contract.meeting"].create(
            {
                "contract_id": contract.id,
                "date": "2026-05-12 10:00:00",
                "officer_id": cls.user_sm.id,
                "attendee_ids": [(6, 0, attendee.ids)],
            }
        )
        with freeze_time("2026-05-13 09:00:00"):
            meeting.minutes = f"<p>{minutes}</p>"
            meeting.agenda_ids.write({"discussed": True})
            meeting.action_mark_held()
            meeting.action_circulate_minutes()
        return meeting

    def _post(self, url, data, files=None):
        """POST a portal form as the logged-in user, with its CSRF token."""
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, page.text[:500])
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        return self.url_open(url, data={"csrf_token": token, **data}, files=files)
