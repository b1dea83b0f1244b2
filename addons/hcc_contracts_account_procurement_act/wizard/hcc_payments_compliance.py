import csv
import io

from odoo import _, api, fields, models

from odoo.addons.hcc_contracts_procurement_act.tools.download import csv_download


class HccPaymentsCompliance(models.TransientModel):
    """The figures of the payments compliance notice (s.69) of a reporting
    period, from the vendor bills of the public contracts, and their export
    as a CSV file for the Central Digital Platform."""

    _name = "hcc.payments.compliance"
    _description = "Payments Compliance Notice (s.69)"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    day = fields.Date(
        string="Reporting Period Of",
        required=True,
        default=fields.Date.context_today,
        help="Any day of the six-month period: 1 April to 30 September, or "
        "1 October to 31 March.",
    )
    date_from = fields.Date(string="Period Start", compute="_compute_figures")
    date_to = fields.Date(string="Period End", compute="_compute_figures")
    date_due = fields.Date(string="Notice Due By", compute="_compute_figures")
    invoice_count = fields.Integer(string="Invoices Paid", compute="_compute_figures")
    on_time_count = fields.Integer(
        string="Paid within 30 Days", compute="_compute_figures"
    )
    on_time_share = fields.Float(
        string="Paid within 30 Days (%)", compute="_compute_figures"
    )
    average_days = fields.Float(
        string="Average Days to Pay", compute="_compute_figures"
    )

    @api.depends("company_id", "day")
    def _compute_figures(self):
        Contract = self.env["hcc.contract"]
        for wizard in self:
            figures = Contract._pa_payments_compliance(
                wizard.company_id, wizard.day or fields.Date.context_today(self)
            )
            wizard.date_from = figures["date_from"]
            wizard.date_to = figures["date_to"]
            wizard.date_due = figures["date_due"]
            wizard.invoice_count = figures["invoices"]
            wizard.on_time_count = figures["paid_within_30_days"]
            wizard.on_time_share = figures["share_within_30_days"]
            wizard.average_days = figures["average_days"]

    def action_export(self):
        self.ensure_one()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            [
                _("Contracting authority"),
                _("Period start"),
                _("Period end"),
                _("Invoices paid"),
                _("Paid within 30 days"),
                _("Paid within 30 days (%)"),
                _("Average days to pay"),
            ]
        )
        writer.writerow(
            [
                self.company_id.name,
                self.date_from.strftime("%d/%m/%Y"),
                self.date_to.strftime("%d/%m/%Y"),
                self.invoice_count,
                self.on_time_count,
                f"{self.on_time_share:.1f}",
                f"{self.average_days:.1f}",
            ]
        )
        return csv_download(
            self,
            f"payments-compliance-{self.date_from}-{self.date_to}.csv",
            buffer.getvalue(),
        )
