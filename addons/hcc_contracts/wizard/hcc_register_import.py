import base64
import csv
import io
import re
from datetime import datetime

import psycopg2

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html_escape

from ..models.contract.hcc_contract_register import term_years

# what a column of a register may hold, and the names councils give it
# (compared in lower case, letters and digits only)
TARGETS = [
    ("ignore", "(not imported)"),
    ("name", "Contract reference"),
    ("title", "Contract description"),
    ("partner", "Provider name"),
    ("company_registry", "Provider's company number"),
    ("date_start", "Start date"),
    ("date_end", "End date"),
    ("contract_value", "Contract value (whole term)"),
    ("annual_value", "Annual value"),
    ("register_extended_value", "Extended value"),
    ("register_status", "Status"),
    ("register_category", "Category"),
    ("register_directorate", "Directorate"),
    ("locality", "Locality"),
    ("care_group", "Care group"),
    ("service_type", "Service type"),
]
USUAL_NAMES = {
    "name": [
        "contract id",
        "contract reference",
        "reference",
        "contract ref",
        "contract number",
        "reference number",
        "contract reference number",
        "procurement reference",
        "ref",
    ],
    "title": [
        "contract description",
        "description",
        "title",
        "contract title",
        "contract name",
        "subject",
        "description of goods and services",
    ],
    "partner": [
        "vendor",
        "vendor name",
        "supplier",
        "supplier name",
        "provider",
        "provider name",
        "contractor",
        "contractor name",
        "beneficiary",
    ],
    "company_registry": [
        "company number",
        "companies house number",
        "registered company number",
        "company registration number",
        "supplier company number",
        "supplier companies house number",
    ],
    "date_start": [
        "validity period start",
        "start date",
        "contract start date",
        "start",
        "date of start",
        "effective date",
    ],
    "date_end": [
        "validity period end",
        "end date",
        "contract end date",
        "end",
        "expiry date",
        "date of end",
    ],
    "contract_value": [
        "original contract value",
        "contract value",
        "total value",
        "total contract value",
        "value",
        "estimated value",
        "whole life value",
        "value of contract",
    ],
    "annual_value": ["annual value", "annual contract value", "value per year"],
    "register_extended_value": [
        "extended contract value",
        "extended value",
        "value including extensions",
    ],
    "register_status": ["contract status", "status"],
    "register_category": [
        "product category",
        "category",
        "procurement category",
        "service category",
    ],
    "register_directorate": [
        "directorate",
        "department",
        "service area",
        "responsible directorate",
    ],
    "locality": ["locality", "area", "district"],
    "care_group": ["care group", "client group"],
    "service_type": ["service type"],
}
# the names of the fields of the Local Government Transparency Code 2015 (part
# 2, contracts), as councils head the columns of their published files
TRANSPARENCY_CODE_NAMES = {
    "name": ["reference number", "contract ref no", "contract reference no"],
    "title": [
        "title of agreement",
        "agreement title",
        "description of the goods and or services being provided",
    ],
    "partner": ["supplier name and details", "awarded supplier", "supplier s name"],
    "company_registry": [
        "registered company number",
        "supplier s registered company number",
        "company reg no",
    ],
    "date_start": ["beginning date", "contract beginning date", "commencement date"],
    "contract_value": [
        "value of agreement",
        "contract value gbp",
        "total value gbp",
        "sum to be paid over length of contract",
    ],
    "annual_value": ["estimated annual spending", "annual spend"],
    "register_directorate": [
        "department responsible",
        "local authority department responsible",
    ],
}
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y")
CHARGEABLE = ("contract_value", "annual_value", "register_extended_value")
TEXT_KEPT = ("register_status", "register_category", "register_directorate")


def normalise(header):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", (header or "").lower()).split())


def guess_target(header, remembered):
    key = normalise(header)
    if key in (remembered or {}):
        return remembered[key]
    for target, names in USUAL_NAMES.items():
        if key in names or key in TRANSPARENCY_CODE_NAMES.get(target, ()):
            return target
    return "ignore"


def parse_date(value):
    value = (value or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    # spreadsheets read as "2026-04-01 00:00:00"
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def parse_amount(value):
    text = re.sub(r"[£$€,\s]", "", (value or "").strip())
    if not text:
        return 0.0
    negative = text.startswith("(") and text.endswith(")")
    return float(text.strip("()")) * (-1 if negative else 1)


def company_number(value):
    """A Companies House number as FTS and Companies House write it: eight
    characters, digits padded with leading zeros (``SC``, ``NI``, ``OC``...
    prefixes kept)."""
    text = re.sub(r"\s+", "", (value or "")).upper()
    if not text:
        return ""
    if text.isdigit() and len(text) <= 8:
        return text.zfill(8)
    return text


class HccRegisterImportColumn(models.TransientModel):
    _name = "hcc.register.import.column"
    _description = "Column of a Register to Import"
    _order = "sequence"

    wizard_id = fields.Many2one(
        "hcc.register.import", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    header = fields.Char(string="Column", readonly=True)
    sample = fields.Char(string="First Value", readonly=True)
    target = fields.Selection(
        TARGETS, string="Imported As", required=True, default="ignore"
    )


class HccRegisterImport(models.TransientModel):
    """Imports a council's published register of contracts (Local Government
    Transparency Code layouts) in one pass: the columns matched by their usual
    names (and as they were matched last time), providers found by company
    number, then name, or created; each good row a draft contract marked as
    imported; each bad row reported with its row, column and why, in a file
    to correct and import again. A row already imported is left as it is."""

    _name = "hcc.register.import"
    _description = "Import a Contracts Register"

    file = fields.Binary(string="Register", required=True)
    file_name = fields.Char()
    state = fields.Selection(
        [("upload", "Upload"), ("columns", "Columns"), ("done", "Done")],
        default="upload",
        required=True,
    )
    column_ids = fields.One2many("hcc.register.import.column", "wizard_id")
    locality_id = fields.Many2one(
        "hcc.locality",
        help="For the rows whose locality is not in a column of the register.",
    )
    care_group_id = fields.Many2one(
        "hcc.care.group",
        help="For the rows whose care group is not in a column of the register.",
    )
    service_type_id = fields.Many2one(
        "hcc.service.type",
        help="For the rows whose service type is not in a column of the register.",
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    imported_count = fields.Integer(string="Imported", readonly=True)
    skipped_count = fields.Integer(string="Already Imported", readonly=True)
    error_count = fields.Integer(string="Rows with Errors", readonly=True)
    contract_ids = fields.Many2many("hcc.contract", string="Contracts Imported")
    partner_ids = fields.Many2many(
        "res.partner", string="Providers Created", help="Check their details."
    )
    error_file = fields.Binary(string="Rows to Correct", readonly=True)
    error_file_name = fields.Char()
    report = fields.Html(readonly=True)

    # ------------------------------------------------------------------
    def _check_may_import(self):
        if not self.env.user.has_group("hcc_contracts.group_support_officer"):
            raise AccessError(
                _(
                    "Registers are imported by a Contract Support Officer or the "
                    "County Manager (Contracts)."
                )
            )

    def _read_rows(self):
        """The register's rows, header first, read as Odoo's import reads a
        CSV, Excel or OpenDocument file."""
        self.ensure_one()
        reader = self.env["base_import.import"].create(
            {
                "res_model": "hcc.contract",
                "file": base64.b64decode(self.file or b""),
                "file_name": self.file_name or "",
                "file_type": "",
            }
        )
        try:
            _length, rows = reader._read_file(
                {"quoting": '"', "separator": "", "encoding": "", "sheet": ""}
            )
        except Exception as exc:  # noqa: BLE001 any unreadable file: one message
            raise UserError(
                _(
                    "The file %(name)s could not be read as a register (CSV, "
                    "Excel or OpenDocument spreadsheet): %(error)s",
                    name=self.file_name or "",
                    error=str(exc),
                )
            ) from exc
        rows = [[str(cell or "").strip() for cell in row] for row in rows]
        if len(rows) < 2:
            raise UserError(_("The register has no rows below its header."))
        return rows

    def action_read_columns(self):
        """Reads the header and proposes a field for each column."""
        self._check_may_import()
        self.ensure_one()
        rows = self._read_rows()
        remembered = self.env.company.sudo().hcc_register_mapping or {}
        header, first = rows[0], rows[1]
        self.column_ids = [(5, 0, 0)] + [
            (
                0,
                0,
                {
                    "sequence": index,
                    "header": name,
                    "sample": first[index] if index < len(first) else "",
                    "target": guess_target(name, remembered),
                },
            )
            for index, name in enumerate(header)
        ]
        self.write({"state": "columns", "row_count": len(rows) - 1})
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Import a Contracts Register"),
        }

    # ------------------------------------------------------------------
    def _columns(self):
        """{target: column index}; a target chosen twice is an error."""
        chosen = {}
        for column in self.column_ids.filtered(lambda c: c.target != "ignore"):
            if column.target in chosen:
                raise UserError(
                    _(
                        "Two columns are imported as %(target)s: %(first)s and "
                        "%(second)s. Choose one.",
                        target=dict(TARGETS)[column.target],
                        first=self.column_ids[chosen[column.target]].header,
                        second=column.header,
                    )
                )
            chosen[column.target] = column.sequence
        missing = [t for t in ("title", "partner") if t not in chosen]
        if missing:
            raise UserError(
                _(
                    "Say which column holds %(what)s.",
                    what=", ".join(dict(TARGETS)[t] for t in missing),
                )
            )
        if "locality" not in chosen and not self.locality_id:
            raise UserError(
                _(
                    "The register has no locality column: choose the locality of "
                    "its contracts (they can be moved one by one afterwards)."
                )
            )
        return chosen

    def _remember_columns(self):
        mapping = dict(self.env.company.sudo().hcc_register_mapping or {})
        for column in self.column_ids:
            mapping[normalise(column.header)] = column.target
        self.env.company.sudo().hcc_register_mapping = mapping

    def _lookup(self, model, value, errors, label):
        if not value:
            return self.env[model]
        record = self.env[model].search([("name", "=ilike", value)], limit=1)
        if not record:
            errors.append(
                (label, _("no %(what)s is named “%(value)s”", what=label, value=value))
            )
        return record

    def _provider(self, name, number, cache, created):
        """The provider of a row: by company number, then by name (companies
        first); created as a company, with its number, when none matches."""
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        key = (number, name.lower())
        if key in cache:
            return cache[key]
        partner = Partner.browse()
        if number:
            partner = Partner.search(
                [("company_registry", "=", number), ("parent_id", "=", False)], limit=1
            )
        if not partner:
            partner = Partner.search(
                [("name", "=ilike", name), ("parent_id", "=", False)],
                order="is_company desc, id",
                limit=1,
            )
        if not partner:
            partner = Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "company_registry": number or False,
                    "country_id": self.env.ref("base.uk").id,
                }
            )
            created.append(partner.id)
        cache[key] = partner
        return partner

    def action_import(self):
        """Imports every good row, reports every bad one; commits nothing of a
        bad row, and leaves a row already imported as it is."""
        self._check_may_import()
        self.ensure_one()
        columns = self._columns()
        self._remember_columns()
        rows = self._read_rows()
        header, body = rows[0], rows[1:]
        Contract = self.env["hcc.contract"]
        cache, created = {}, []
        imported = Contract.browse()
        skipped, bad, notes, first_line = 0, [], [], {}
        references = {}
        for row in body:
            ref = (
                row[columns["name"]]
                if "name" in columns and columns["name"] < len(row)
                else ""
            )
            references[ref] = references.get(ref, 0) + 1
        now = fields.Datetime.now()
        for line, row in enumerate(body, start=2):
            cell = {
                target: (row[index] if index < len(row) else "")
                for target, index in columns.items()
            }
            errors = []
            vals = self._row_values(cell, errors)
            if not cell.get("partner"):
                errors.append((dict(TARGETS)["partner"], _("the provider is missing")))
            if errors:
                bad.append((line, row, errors))
                continue
            partner = self._provider(
                cell["partner"],
                company_number(cell.get("company_registry")),
                cache,
                created,
            )
            vals["partner_id"] = partner.id
            ref = cell.get("name", "")
            fingerprint = (ref, tuple(sorted(vals.items())))
            # a row is already imported when a contract of the same reference,
            # provider, dates, value and description came from a register:
            # one procurement may let several contracts to one provider
            existing = Contract.sudo().search(
                [
                    ("imported_on", "!=", False),
                    ("register_reference", "=", ref or False),
                    ("partner_id", "=", partner.id),
                    ("title", "=", vals.get("title")),
                    ("date_start", "=", vals.get("date_start", False)),
                    ("date_end", "=", vals.get("date_end", False)),
                    ("contract_value", "=", vals.get("contract_value", 0.0)),
                    ("company_id", "=", self.env.company.id),
                ],
                limit=1,
            )
            if existing:
                skipped += 1
                if fingerprint in first_line:
                    notes.append(
                        _(
                            "Row %(line)s is the same as row %(first)s: imported once.",
                            line=line,
                            first=first_line[fingerprint],
                        )
                    )
                continue
            if ref:
                vals["register_reference"] = ref
                vals["name"] = self._free_reference(ref, references[ref] > 1)
            try:
                with self.env.cr.savepoint():
                    contract = Contract.create(vals)
                    contract.sudo().write(
                        {
                            "imported_by_id": self.env.uid,
                            "imported_on": now,
                            "import_file_name": self.file_name,
                        }
                    )
                imported |= contract
                first_line[fingerprint] = line
            except (UserError, ValidationError, AccessError) as exc:
                bad.append((line, row, [(_("Row"), str(exc.args[0]))]))
            except psycopg2.IntegrityError as exc:
                bad.append((line, row, [(_("Row"), exc.pgerror or str(exc))]))
        self.write(
            {
                "state": "done",
                "row_count": len(body),
                "imported_count": len(imported),
                "skipped_count": skipped,
                "error_count": len(bad),
                "contract_ids": [(6, 0, imported.ids)],
                "partner_ids": [(6, 0, created)],
                "report": self._report_html(bad, notes),
                **self._error_file(header, bad),
            }
        )
        return self._reopen()

    def _free_reference(self, ref, shared):
        """The register's reference, or, when several rows share it (the lots
        or providers of one procurement) or it is taken, the first free
        ``ref/1``, ``ref/2``..."""
        Contract = self.env["hcc.contract"].sudo().with_context(active_test=False)

        def taken(name):
            return Contract.search_count(
                [("name", "=", name), ("company_id", "=", self.env.company.id)], limit=1
            )

        if not shared and not taken(ref):
            return ref
        number = 1
        while taken(f"{ref}/{number}"):
            number += 1
        return f"{ref}/{number}"

    def _row_values(self, cell, errors):
        vals = {}
        if cell.get("title"):
            vals["title"] = cell["title"]
        else:
            errors.append((dict(TARGETS)["title"], _("the description is missing")))
        for target in ("date_start", "date_end"):
            if cell.get(target):
                day = parse_date(cell[target])
                if day:
                    vals[target] = day
                else:
                    errors.append(
                        (
                            dict(TARGETS)[target],
                            _(
                                "“%(value)s” is not a date (31/03/2027)",
                                value=cell[target],
                            ),
                        )
                    )
        if (
            vals.get("date_start")
            and vals.get("date_end")
            and vals["date_end"] < vals["date_start"]
        ):
            errors.append(
                (dict(TARGETS)["date_end"], _("the end date is before the start date"))
            )
        for target in CHARGEABLE:
            if cell.get(target):
                try:
                    amount = parse_amount(cell[target])
                except ValueError:
                    errors.append(
                        (
                            dict(TARGETS)[target],
                            _(
                                "“%(value)s” is not an amount (185000.00)",
                                value=cell[target],
                            ),
                        )
                    )
                    continue
                if amount < 0:
                    errors.append((dict(TARGETS)[target], _("the amount is negative")))
                vals[target] = amount
        for target in TEXT_KEPT:
            if cell.get(target):
                vals[target] = cell[target]
        # the register's value is the whole term's: the annual value follows
        years = term_years(vals.get("date_start"), vals.get("date_end"))
        if vals.get("contract_value") and not vals.get("annual_value") and years:
            vals["annual_value"] = self.currency_id.round(
                vals["contract_value"] / years
            )
        for target, model, field, default in (
            ("locality", "hcc.locality", "locality_id", self.locality_id),
            ("care_group", "hcc.care.group", "care_group_id", self.care_group_id),
            (
                "service_type",
                "hcc.service.type",
                "service_type_id",
                self.service_type_id,
            ),
        ):
            record = self._lookup(
                model, cell.get(target), errors, dict(TARGETS)[target]
            )
            record = record or default
            if record:
                vals[field] = record.id
        return vals

    def _report_html(self, bad, notes):
        if not (bad or notes):
            return False
        same = "".join(f"<p>{html_escape(note)}</p>" for note in notes[:50])
        items = "".join(
            "<li>{}</li>".format(
                html_escape(
                    self.env._(
                        "Row %(line)s: %(errors)s",
                        line=line,
                        errors="; ".join(f"{column}: {why}" for column, why in errors),
                    )
                )
            )
            for line, _row, errors in bad[:200]
        )
        more = (
            "<p>{}</p>".format(
                html_escape(
                    _(
                        "…and %(count)s more rows: see the file to correct.",
                        count=len(bad) - 200,
                    )
                )
            )
            if len(bad) > 200
            else ""
        )
        return f"<ul>{items}</ul>{more}{same}"

    def _error_file(self, header, bad):
        """The bad rows as they were, with what is wrong in a last column: the
        officer corrects them and imports this file again."""
        if not bad:
            return {"error_file": False, "error_file_name": False}
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([*header, _("Errors")])
        for _line, row, errors in bad:
            writer.writerow(
                [*row, "; ".join(f"{column}: {why}" for column, why in errors)]
            )
        base = (self.file_name or "register").rsplit(".", 1)[0]
        return {
            "error_file": base64.b64encode(out.getvalue().encode("utf-8-sig")),
            "error_file_name": _("%(name)s - rows to correct.csv", name=base),
        }

    def action_open_contracts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hcc.contract",
            "name": _("Contracts Imported"),
            "view_mode": "list,form",
            "domain": [("id", "in", self.contract_ids.ids)],
        }
