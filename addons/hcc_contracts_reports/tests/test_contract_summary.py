from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from odoo.addons.hcc_contracts.tests.common import (
    HccContractsCase,
    create_before_events,
)

REPORT = "hcc_contracts_reports.action_report_contract_summary"


@tagged("post_install", "-at_install")
class TestContractSummary(HccContractsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_en_GB").active = True
        cls.provider.lang = "en_GB"
        cls.contract = cls._create_contract(
            title="Day care block contract, Andover",
            date_start="2026-04-01",
            date_end="2029-03-31",
            annual_value=412000.0,
            commissioned_volume=20800.0,
            volume_unit="session",
            spec_standards="<p>Registered with the Care Quality Commission.</p>",
        )

    def _render_text(self, user, records):
        html, _fmt = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(REPORT, records.ids)
        )
        return html2plaintext(html.decode())

    def test_summary_prints_the_contract(self):
        text = self._render_text(self.user_sm, self.contract)
        for expected in (
            "Day care block contract, Andover",
            self.contract.name,
            "Test Provider Ltd",
            "Hcc Sm",  # lead officer
            "Hcc Cso",  # support officer
            "Test North",
            "01/04/2026",  # dates as users in England expect
            "31/03/2029",
            "31/03/2028",  # review due twelve months before the end
            "Block contract",
            "412,000.00",
            "20,800",
            "Registered with the Care Quality Commission",
            "every 6 months",
            "Monthly",
        ):
            self.assertIn(expected, text)
        self.assertIn("£", text)

    def test_summary_prints_the_variation_history(self):
        self.contract.action_activate()
        # raised on the day the CSO was consulted, the provider informed after
        revision = create_before_events(
            self.env["hcc.contract.revision"],
            {
                "contract_id": self.contract.id,
                "title": "Saturday sessions",
                "description": "<p>Add Saturdays.</p>",
                "reason": "demand",
                "cso_consulted_id": self.user_cso.id,
                "date_cso_consulted": "2026-07-01",
                "date_provider_informed": "2026-07-20",
                "no_letter_reason": "Agreed by e-mail.",
                "line_ids": [
                    (0, 0, {"field_name": "annual_value", "new_float": 432600.0}),
                    (0, 0, {"field_name": "date_end", "new_date": "2030-03-31"}),
                ],
            },
            ("date_cso_consulted", "date_provider_informed"),
        )
        revision.action_mark_consulted()
        revision.action_approve()
        revision.action_apply()
        text = self._render_text(self.user_sm, self.contract)
        self.assertIn("Variations (procedure 7.4)", text)
        for expected in (
            revision.name,
            "412,000.00",
            "432,600.00",
            "31/03/2029",
            "31/03/2030",
        ):
            self.assertIn(expected, text)

    def test_summary_respects_access_rights(self):
        with self.assertRaises(AccessError):
            self._render_text(self.user_sm_south, self.contract)

    def test_summary_pdf(self):
        # tests render HTML unless a real PDF is asked for explicitly
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, self.contract.ids)
        )
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreater(len(pdf), 5000)
