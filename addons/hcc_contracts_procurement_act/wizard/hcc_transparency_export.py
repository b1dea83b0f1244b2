import csv
import io

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from odoo.addons.hcc_contracts.tools.financial_year import fy_bounds, fy_start_year

from ..tools.download import csv_download

# Local Government Transparency Code 2015, paragraphs 34 to 37: every
# invitation to tender and every contract with a value over £5,000, each quarter
TRANSPARENCY_VALUE = 5000.0
QUARTERS = [
    ("1", "Q1 (April to June)"),
    ("2", "Q2 (July to September)"),
    ("3", "Q3 (October to December)"),
    ("4", "Q4 (January to March)"),
]
CONTRACT_STATES = ("active", "expired", "terminated")


class HccTransparencyExport(models.TransientModel):
    """The quarter's contracts and invitations to tender over £5,000 as the
    Local Government Transparency Code 2015 asks councils in England to
    publish them, as a CSV file. Read as the user: a Service Manager exports
    the contracts of their localities, Finance and the CSO all of them."""

    _name = "hcc.transparency.export"
    _description = "Transparency Code Export"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    financial_year = fields.Integer(
        required=True,
        default=lambda self: fy_start_year(fields.Date.context_today(self)),
        help="Year in which the financial year starts (2026 for 2026/27).",
    )
    quarter = fields.Selection(QUARTERS, required=True, default="1")
    date_from = fields.Date(compute="_compute_dates")
    date_to = fields.Date(compute="_compute_dates")

    @api.depends("financial_year", "quarter")
    def _compute_dates(self):
        for wizard in self:
            start, _end = fy_bounds(wizard.financial_year)
            wizard.date_from = start + relativedelta(
                months=3 * (int(wizard.quarter) - 1)
            )
            wizard.date_to = wizard.date_from + relativedelta(months=3, days=-1)

    def action_export(self):
        self.ensure_one()
        rows = self._get_rows()
        if not rows:
            raise UserError(
                _(
                    "No contract or invitation to tender over £5,000 between "
                    "%(start)s and %(end)s.",
                    start=self.date_from.strftime("%d/%m/%Y"),
                    end=self.date_to.strftime("%d/%m/%Y"),
                )
            )
        return csv_download(
            self,
            f"transparency-code-{self.financial_year}-q{self.quarter}.csv",
            self._get_csv(rows),
        )

    # ------------------------------------------------------------------
    # Rows
    # ------------------------------------------------------------------
    def _get_columns(self):
        return [
            ("type", _("Type")),
            ("reference", _("Reference")),
            ("title", _("Title")),
            ("description", _("Description")),
            ("department", _("Department")),
            ("supplier", _("Supplier Name")),
            ("company_number", _("Company Number")),
            ("charity_number", _("Charity Number")),
            ("value", _("Value (£)")),
            ("irrecoverable_vat", _("Irrecoverable VAT (£)")),
            ("start", _("Start Date")),
            ("end", _("End Date")),
            ("review", _("Review Date")),
            ("no_competition", _("Let Without Open Competition")),
            ("sme", _("SME")),
            ("vcse", _("VCSE")),
        ]

    def _get_csv(self, rows):
        columns = self._get_columns()
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([label for _key, label in columns])
        for row in rows:
            writer.writerow([row.get(key, "") for key, _label in columns])
        return out.getvalue()

    def _get_rows(self):
        return self._get_contract_rows() + self._get_tender_rows()

    def _get_contract_rows(self):
        contracts = self.env["hcc.contract"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "in", CONTRACT_STATES),
                # the value as signed, or the working figure where none is
                "|",
                ("contract_value", ">", TRANSPARENCY_VALUE),
                "&",
                ("contract_value", "in", (0, False)),
                ("total_value", ">", TRANSPARENCY_VALUE),
                ("date_start", "<=", self.date_to),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", self.date_from),
            ],
            order="name",
        )
        yes_no = self._yes_no
        yes_no_unknown = self._yes_no_unknown
        rows = []
        for contract in contracts:
            partner = contract.partner_id.commercial_partner_id
            option = contract.sudo().procurement_id.procurement_option
            rows.append(
                {
                    "type": _("Contract"),
                    "reference": contract.name,
                    "title": contract.title,
                    "description": self._plain(contract.spec_scope)
                    or contract.service_type_id.name
                    or "",
                    "department": self._department(contract),
                    "supplier": partner.name,
                    "company_number": partner.company_registry or "",
                    "charity_number": partner.hcc_charity_number or "",
                    "value": self._amount(contract._hcc_contract_value()),
                    "irrecoverable_vat": self._amount(contract.irrecoverable_vat),
                    "start": self._date(contract.date_start),
                    "end": self._date(contract.termination_date or contract.date_end),
                    "review": self._date(contract.review_due_date),
                    "no_competition": yes_no(option == "single_tender")
                    if option
                    else _("Not recorded"),
                    "sme": yes_no_unknown(partner, "hcc_is_sme"),
                    "vcse": yes_no_unknown(partner, "hcc_is_vcse"),
                }
            )
        return rows

    def _get_tender_rows(self):
        """Invitations to tender sent in the quarter; one without an estimated
        value is listed rather than left out, its value blank. Their review
        date is the proposed end date less 12 months, as a contract's."""
        procurements = self.env["hcc.procurement"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("procurement_option", "=", "competitive_tender"),
                ("date_invited", ">=", self.date_from),
                ("date_invited", "<=", self.date_to),
                "|",
                ("estimated_value", "=", 0.0),
                ("estimated_value", ">", TRANSPARENCY_VALUE),
            ],
            order="name",
        )
        return [
            {
                "type": self.env._("Invitation to tender"),
                "reference": procurement.name,
                "title": procurement.title,
                "description": self._plain(procurement.spec_scope)
                or self._plain(procurement.need_description),
                "department": self._department(procurement),
                "value": self._amount(procurement.estimated_value)
                if procurement.estimated_value
                else "",
                "start": self._date(procurement.date_contract_start),
                "end": self._date(procurement.date_contract_end),
                "review": self._date(
                    procurement.date_contract_end - relativedelta(months=12)
                    if procurement.date_contract_end
                    else False
                ),
                "no_competition": self._yes_no(False),
            }
            for procurement in procurements
        ]

    def _department(self, record):
        """The council department responsible for a contract or a
        procurement: its care group's, else its locality's, else the
        council's; blank when none is set (never the locality's name)."""
        return (
            record.care_group_id.sudo().hcc_transparency_department
            or record.locality_id.sudo().hcc_transparency_department
            or self.company_id.sudo().hcc_transparency_department
            or ""
        )

    def _yes_no_unknown(self, partner, field):
        """Yes or No as recorded on the supplier; blank when nobody did."""
        value = partner[field]
        if not value:
            return ""
        return self._yes_no(value == "yes")

    def _yes_no(self, value):
        return _("Yes") if value else _("No")

    @staticmethod
    def _plain(html):
        return " ".join(html2plaintext(html or "").split())

    @staticmethod
    def _amount(value):
        return f"{value:.2f}"

    @staticmethod
    def _date(day):
        return day.strftime("%d/%m/%Y") if day else ""
