import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.hcc_contracts.tests.notices.common_notices import HccNoticesCase

from .common_reports import ReportsMixin


@tagged("post_install", "-at_install")
class TestReportNotices(ReportsMixin, HccNoticesCase):
    """The notice letter to the provider and the evidence trail (9.1, 9.4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._use_uk_english()
        cls.provider.write(
            {"street": "1 High Street", "city": "Winchester", "zip": "SO23 8UJ"}
        )

    def test_notice_letter_to_the_provider(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice()
        text = self._render_text("action_report_notice_letter", notice, self.user_sm)
        self.assertAllIn(
            [
                "Improvement notice",
                notice.name,
                "Test Provider Ltd",
                "1 High Street",
                "Winchester",
                "SO23 8UJ",
                "Dear Test Provider Ltd",
                "Missed visits above 5% for three months.",
                "Monitoring meeting of 12 May; complaints log.",
                "02/06/2026",  # served
                "30/06/2026",  # remedy due, 28 days later
                "What happens next",
                "Hcc Sm",  # signed by the lead officer
            ],
            text,
        )
        self.assertNotIn("Default notice", text)

    def test_notice_letter_without_evidence_prints_no_empty_heading(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice(evidence_note=False)
        self.assertFalse(notice.evidence_meeting_ids or notice.evidence_action_ids)
        text = self._render_text("action_report_notice_letter", notice, self.user_sm)
        self.assertIn("Remedy required", text)
        self.assertNotIn("Evidence", text)

    def test_letters_carry_the_council_letterhead(self):
        with open(
            file_path("hcc_contracts/static/img/demo_council_logo.png"), "rb"
        ) as logo:
            self.env.company.write(
                {
                    "logo": base64.b64encode(logo.read()),
                    "street": "County Hall, 1 High Street",
                    "city": "Winchester",
                    "zip": "SO23 9AA",
                }
            )
        with freeze_time("2026-06-02"):
            notice = self._served_notice()
        reports = self.env["ir.actions.report"].with_user(self.user_sm)
        for report, records in (
            ("action_report_notice_letter", notice),
            ("action_report_contract_summary", notice.contract_id),
        ):
            with self.subTest(report=report):
                html = reports._render_qweb_html(
                    f"hcc_contracts_reports.{report}", records.ids
                )[0].decode()
                self.assertIn('alt="Logo"', html)
                self.assertIn("data:image/png;base64,", html)
                self.assertIn("County Hall, 1 High Street", html)
                self.assertIn("SO23 9AA", html)

    def test_notice_letter_to_the_provider_contract_manager(self):
        manager = self.env["res.partner"].create(
            {"name": "Jane Contracts", "parent_id": self.provider.id}
        )
        self.contract.provider_contact_id = manager
        with freeze_time("2026-06-02"):
            notice = self._served_notice()
        text = self._render_text("action_report_notice_letter", notice, self.user_sm)
        self.assertAllIn(
            [
                "Jane Contracts",
                "Test Provider Ltd",
                "1 High Street",
                "Dear Jane Contracts",
            ],
            text,
        )
        self.assertNotIn("Dear Test Provider Ltd", text)

    def test_default_notice_letter(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice(notice_type="default")
        text = self._render_text("action_report_notice_letter", notice, self.user_cso)
        self.assertIn("Default notice", text)
        self.assertIn("hereby serves this default", text)
        self.assertIn("may terminate the contract early", text)

    def test_notice_letter_respects_access_rights(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice()
        with self.assertRaises(AccessError):
            self._render_text("action_report_notice_letter", notice, self.user_sm_south)

    def test_evidence_trail_of_a_terminated_contract(self):
        with freeze_time("2026-06-02"):
            notice = self._served_notice()
        with freeze_time("2026-07-20"):
            self._terminate_through_case()
        self.env.flush_all()
        text = self._render_text(
            "action_report_evidence_trail", self.contract, self.user_cso
        )
        self.assertAllIn(
            [
                "Evidence trail and case file",
                "Test Provider Ltd",
                "Improvement notice served",
                notice.name,
                "02/06/2026",
                "30/06/2026",
                "Early termination",
                "31/08/2026",  # terminated on
                "LS/2026/117",
                "42",  # service users affected
                "14/07/2026",  # provider informed
                "Spot purchase from two providers.",
            ],
            text,
        )
        # in date order: the notice before the termination
        self.assertLess(
            text.index("Improvement notice served"), text.index("Early termination")
        )

    def test_evidence_trail_respects_access_rights(self):
        with self.assertRaises(AccessError):
            self._render_text(
                "action_report_evidence_trail", self.contract, self.user_sm_south
            )
