from markupsafe import Markup, escape

from odoo import api, fields, models


class HccContractTermsWizard(models.TransientModel):
    """The signed terms of a contract as they stood on a date (7.4): today's,
    with the variations applied since undone."""

    _name = "hcc.contract.terms.wizard"
    _description = "Contract Terms as at a Date"

    contract_id = fields.Many2one("hcc.contract", required=True, ondelete="cascade")
    date = fields.Date(string="As at", required=True, default=fields.Date.context_today)
    terms_html = fields.Html(
        string="Terms", compute="_compute_terms_html", sanitize=False
    )

    @api.depends("contract_id", "date")
    def _compute_terms_html(self):
        Line = self.env["hcc.contract.revision.line"]
        labels = dict(Line._selection_field_name())
        for wizard in self:
            if not (wizard.contract_id and wizard.date):
                wizard.terms_html = False
                continue
            terms = wizard.contract_id._terms_as_at(wizard.date)
            rows = []
            for name in sorted(terms, key=lambda n: labels.get(n, n)):
                shown = Line.new(
                    {"field_name": name, "contract_id": wizard.contract_id.id}
                )._display(terms[name])
                rows.append(
                    Markup("<tr><th>%s</th><td>%s</td></tr>")
                    % (escape(labels.get(name, name)), escape(shown))
                )
            wizard.terms_html = Markup(
                '<table class="table table-sm">%s</table>'
            ) % Markup("").join(rows)
