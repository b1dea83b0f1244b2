import re

from odoo.tools import html2plaintext


class ReportsMixin:
    """Render a report as a given user and return its text, as the reader
    would see it: in English (UK), so dates read 31/03/2029."""

    @classmethod
    def _use_uk_english(cls):
        cls.env.ref("base.lang_en_GB").active = True
        cls.provider.lang = "en_GB"
        # council officers in England read dates as 31/03/2029
        for login in ("hcc_sm", "hcc_sm_other", "hcc_sm_south", "hcc_cso", "hcc_cm"):
            cls.env["res.users"].search([("login", "=", login)]).lang = "en_GB"
        for login in ("hcc_finance", "hcc_viewer", "hcc_admin"):
            cls.env["res.users"].search([("login", "=", login)]).lang = "en_GB"

    def _render_text(self, report, records, user=None):
        reports = self.env["ir.actions.report"]
        if user:
            # a request runs in the language of its user
            reports = reports.with_user(user).with_context(lang=user.lang)
        html, _fmt = reports._render_qweb_html(
            f"hcc_contracts_reports.{report}", records.ids
        )
        # drop the company logo, inlined as a data URL
        return re.sub(r"data:image/[^']*", "", html2plaintext(html.decode()))

    def assertAllIn(self, expected, text):
        for part in expected:
            self.assertIn(part, text)
