from odoo import models


class ResCompany(models.Model):
    _inherit = "res.company"

    def _hcc_demo_use_uk_chart(self):
        """Demo data: a council in the United Kingdom with no chart of
        accounts yet gets the UK one, as Invoicing gives a company of its
        country. Invoicing guesses the chart when it is installed, from the
        company's country at that moment: installed together with the
        contracts' demo, the company was not in the United Kingdom yet, and
        the generic chart (in US dollars) would follow. Marking the UK
        localisation for installation lets Odoo install it in the same run,
        and load its chart (and its currency, pounds) once the registry is
        ready, as it does for any localisation (an installed localisation has
        loaded its chart already). A company with a chart, or outside the
        United Kingdom, is left as it is."""
        module = self.env["ir.module.module"].search([("name", "=", "l10n_uk")])
        companies = self.filtered(
            lambda c: c.country_id.code == "GB" and not c.chart_template
        )
        if not companies or not module:
            return
        if module.state == "uninstalled":
            module.button_install()
