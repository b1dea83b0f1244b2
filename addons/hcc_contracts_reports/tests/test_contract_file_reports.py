from odoo import fields
from odoo.tests import tagged

from odoo.addons.hcc_contracts.tests.common import create_before_events
from odoo.addons.hcc_contracts.tests.notices.common_notices import HccNoticesCase

NOTICE_LETTER = "hcc_contracts_reports.action_report_notice_letter"
VARIATION_LETTER = "hcc_contracts_reports.action_report_variation_letter"


@tagged("post_install", "-at_install")
class TestContractFileReports(HccNoticesCase):
    """The documents the app issues are filed as issued: the notice letter
    when the notice is served, the variation letter, the termination letter,
    the authorisation report and the unsuccessful-bidder letters when first
    printed; printing again returns the filed PDF."""

    def _pdf(self, report, records, user):
        # tests render HTML unless a real PDF is asked for explicitly
        Report = self.env["ir.actions.report"].with_user(user)
        pdf, fmt = Report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, records.ids
        )
        self.assertEqual(fmt, "pdf")
        return pdf

    def _filed(self, record, doc_type):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("hcc_document_type", "=", doc_type),
            ]
        )

    def test_served_notice_letter_is_filed_and_frozen(self):
        notice = self._create_notice(user=self.user_sm, date_served="2026-06-02")
        notice.with_user(self.user_sm).with_context(
            force_report_rendering=True
        ).action_serve()
        letter = self._filed(notice, "notice_letter")
        self.assertEqual(len(letter), 1)
        self.assertTrue(letter.raw.startswith(b"%PDF"))
        self.assertEqual(letter.hcc_filed_by_id, self.user_sm)
        # the template changes afterwards: the letter as served stays
        view = self.env.ref("hcc_contracts_reports.report_notice_letter_document")
        view.arch = view.arch.replace(
            "Yours faithfully,", "Yours faithfully, AMENDED AFTER SERVING"
        )
        again = self._pdf(NOTICE_LETTER, notice, self.user_cso)
        self.assertEqual(again, letter.raw)
        self.assertEqual(len(self._filed(notice, "notice_letter")), 1)
        # a draft's letter is a preview: nothing is filed
        draft = self._create_notice(user=self.user_sm)
        self._pdf(NOTICE_LETTER, draft, self.user_sm)
        self.assertFalse(self._filed(draft, "notice_letter"))

    def test_printed_variation_letter_is_filed_and_lets_the_variation_apply(self):
        # raised on the day the CSO was consulted, the provider informed after
        revision = create_before_events(
            self.env["hcc.contract.revision"],
            {
                "contract_id": self.contract.id,
                "title": "More places",
                "description": "<p>Ten more places from September.</p>",
                "reason": "demand",
                "cso_consulted_id": self.user_cso.id,
                "date_cso_consulted": "2026-07-01",
                "date_provider_informed": "2026-07-20",
                "line_ids": [
                    (0, 0, {"field_name": "annual_value", "new_float": 1.5e5})
                ],
            },
            ("date_cso_consulted", "date_provider_informed"),
        )
        revision.action_mark_consulted()
        revision.action_approve()
        pdf = self._pdf(VARIATION_LETTER, revision, self.user_cso)
        letter = self._filed(revision, "variation_letter")
        self.assertEqual(letter.raw, pdf)
        revision.with_user(self.user_cso).action_apply()
        self.assertEqual(self.contract.annual_value, 150000.0)
        found = self.env["ir.attachment"].search(
            self.contract.action_view_documents()["domain"]
        )
        self.assertIn(letter, found)

    def test_termination_authorisation_and_unsuccessful_letters_are_filed(self):
        self.contract.write(
            {
                "state": "terminated",
                "termination_date": "2026-11-30",
                "termination_reason": "<p>Failings not remedied.</p>",
                "termination_legal_reference": "LS/2026/14",
                "termination_decided_by_id": self.user_cm.id,
                "termination_provider_informed_date": "2026-11-02",
            }
        )
        procurement = self.env["hcc.procurement"].create(
            {
                "title": "Day care in the north",
                "locality_id": self.locality_north.id,
                "lead_officer_id": self.user_sm.id,
                "support_officer_id": self.user_cso.id,
            }
        )
        other = self.env["res.partner"].create({"name": "Other Care Ltd"})
        bids = self.env["hcc.procurement.bid"].create(
            [
                {"procurement_id": procurement.id, "partner_id": self.provider.id},
                {"procurement_id": procurement.id, "partner_id": other.id},
            ]
        )
        procurement.write({"step": "award", "awarded_bid_id": bids[0].id})
        for report, records, doc_type, user in (
            (
                "hcc_contracts_reports.action_report_termination_letter",
                self.contract,
                "termination_letter",
                self.user_cm,
            ),
            (
                "hcc_contracts_reports.action_report_authorisation",
                procurement,
                "authorisation_report",
                self.user_cso,
            ),
            (
                "hcc_contracts_reports.action_report_unsuccessful_letter",
                bids[1],
                "unsuccessful_letter",
                self.user_cso,
            ),
        ):
            with self.subTest(report=report):
                pdf = self._pdf(report, records, user)
                self.assertEqual(self._filed(records, doc_type).raw, pdf)
        # the winner gets no letter of regret
        self._pdf(
            "hcc_contracts_reports.action_report_unsuccessful_letter",
            bids[0],
            self.user_cso,
        )
        self.assertFalse(self._filed(bids[0], "unsuccessful_letter"))

    def test_exercised_option_files_its_variation_letter(self):
        contract = self._create_contract(
            title="Options contract", date_end_max="2031-03-31"
        )
        contract.action_activate()
        option = (
            self.env["hcc.contract.option"]
            .with_user(self.user_sm)
            .create(
                {
                    "contract_id": contract.id,
                    "length_months": 12,
                    "date_decide": "2028-09-30",
                    "cso_consulted_id": self.user_cso.id,
                    "date_cso_consulted": fields.Date.context_today(contract),
                    "decision_reason": "Performance good, market tested.",
                }
            )
        )
        option.with_user(self.user_sm).with_context(
            force_report_rendering=True
        ).action_exercise()
        revision = option.revision_id
        self.assertEqual(revision.state, "applied")
        letter = self._filed(revision, "variation_letter")
        self.assertEqual(len(letter), 1)
        self.assertTrue(letter.raw.startswith(b"%PDF"))
        self.assertFalse(revision.no_letter_reason)
        self.assertEqual(str(contract.date_end), "2030-03-31")
