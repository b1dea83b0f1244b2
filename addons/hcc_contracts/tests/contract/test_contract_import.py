import csv
import io
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import new_test_user
from odoo.tools import file_open

from ..common import HccContractsCase

TEMPLATE = "hcc_contracts/static/xls/hcc_contract_import_template.csv"
# the columns of the template, and the fields the import screen maps them to
COLUMNS = {
    "Reference": "name",
    "Title": "title",
    "Provider": "partner_id",
    "Locality": "locality_id",
    "Care Group": "care_group_id",
    "Service Type": "service_type_id",
    "Lead Officer": "lead_officer_id",
    "Representative": "representative_id",
    "Contract Support Officer": "support_officer_id",
    "Start Date": "date_start",
    "End Date": "date_end",
    "Annual Value": "annual_value",
    "Payment Basis": "payment_basis",
    "Commissioned Volume per Year": "commissioned_volume",
    "Unit": "volume_unit",
    "Unit Price": "unit_price",
    "Data Return Frequency": "data_return_frequency",
    "Monitoring Meetings Every (Months)": "meeting_interval_months",
    "Scope and Service": "spec_scope",
}
HEADER = tuple(COLUMNS)
UNITS = [("Hours", "hour"), ("Sessions", "session"), ("Places", "place")]
# the options the web client's import screen sends (base_import's
# import_model.js), before the preview fills in encoding, separator and the
# date format it recognises
WEB_CLIENT_OPTIONS = {
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
    "encoding": "",
    "separator": "",
    "quoting": '"',
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": True,
    "has_headers": True,
    "keep_matches": False,
    "limit": 2000,
    "sheets": [],
    "sheet": "",
    "skip": 0,
    "tracking_disable": True,
}
REGISTER_SIZE = 500
# the three bad rows of the register (index of the row among the data rows)
UNKNOWN_LOCALITY, END_BEFORE_START, NEGATIVE_VALUE = 57, 213, 388


class TestContractImport(HccContractsCase):
    """A council adopting the app imports its register of existing contracts
    through Odoo's own import (``base_import``), as the web client does: the
    file is uploaded, previewed (columns mapped to fields, the date format
    recognised), tested (``dryrun``), then imported. Localities, care groups
    and service types are matched by name, providers by name or e-mail,
    officers by name or login (their e-mail address).

    The import runs as a Contract Support Officer covering the register's
    localities, the role that keeps the contracts database (Appendix A), never
    as the superuser: the record rules, the field duties and the guard of the
    state apply to it as to any other way in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.locality_east = cls.env["hcc.locality"].create({"name": "Test East"})
        cls.localities = cls.locality_north | cls.locality_south | cls.locality_east
        cls.user_cso_register = new_test_user(
            cls.env,
            login="register.cso@council.example",
            name="Register Support Officer",
            groups="base.group_user,hcc_contracts.group_support_officer",
            lang="en_GB",
        )
        cls.user_cso_register.hcc_locality_ids = cls.localities
        cls.providers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Test Register Provider {n:02d} Ltd",
                    "email": f"contracts@provider{n:02d}.example",
                    "is_company": True,
                }
                for n in range(25)
            ]
        )
        cls.officers = cls.env["res.users"].browse(
            [
                new_test_user(
                    cls.env,
                    login=f"officer.{n}@council.example",
                    name=f"Test Register Officer {n}",
                    groups="base.group_user,hcc_contracts.group_service_manager",
                ).id
                for n in range(4)
            ]
        )

    # ------------------------------------------------------------------
    # The register
    # ------------------------------------------------------------------
    @staticmethod
    def _start(index):
        return date(2019, 4, 1) + relativedelta(months=index % 60)

    @classmethod
    def _reference(cls, index):
        return f"ASC/{cls._start(index).year}/{index:04d}"

    @classmethod
    def _register_row(cls, index):
        """Row ``index`` of a deterministic register: even rows name the
        provider and the lead officer, odd rows give their e-mail addresses."""
        provider = cls.providers[index % len(cls.providers)]
        lead = cls.officers[index % len(cls.officers)]
        representative = cls.officers[(index + 1) % len(cls.officers)]
        start = cls._start(index)
        end = start + relativedelta(years=3 + index % 3, days=-1)
        value = 10000 + (index * 7919) % 900000
        unit_label, _unit = UNITS[index % len(UNITS)]
        by_name = index % 2 == 0
        return {
            "Reference": cls._reference(index),
            "Title": f"Community support, lot {index}",
            "Provider": provider.name if by_name else provider.email,
            "Locality": cls.localities[index % 3].name,
            "Care Group": cls.care_group.name,
            "Service Type": cls.service_type.name,
            "Lead Officer": lead.name if by_name else lead.login,
            "Representative": representative.login,
            "Contract Support Officer": cls.user_cso_register.login,
            "Start Date": start.strftime("%d/%m/%Y"),
            "End Date": end.strftime("%d/%m/%Y"),
            "Annual Value": f"{value:,.2f}",
            "Payment Basis": "Block contract"
            if index % 3 == 0
            else "Service delivered",
            "Commissioned Volume per Year": str(1000 + index),
            "Unit": unit_label,
            "Unit Price": "18.50",
            "Data Return Frequency": "Monthly" if index % 4 else "Quarterly",
            "Monitoring Meetings Every (Months)": "3" if index % 5 == 0 else "6",
            "Scope and Service": f"Community support for adults, lot {index}.",
        }

    @classmethod
    def _register(cls, bad_rows=True):
        rows = [cls._register_row(index) for index in range(REGISTER_SIZE)]
        if not bad_rows:
            return [
                row
                for index, row in enumerate(rows)
                if index not in (UNKNOWN_LOCALITY, END_BEFORE_START, NEGATIVE_VALUE)
            ]
        rows[UNKNOWN_LOCALITY]["Locality"] = "Atlantis"
        rows[END_BEFORE_START]["End Date"] = "31/03/2020"
        rows[END_BEFORE_START]["Start Date"] = "01/04/2024"
        rows[NEGATIVE_VALUE]["Annual Value"] = "-12,000.00"
        return rows

    @staticmethod
    def _csv(rows, header=HEADER):
        out = io.StringIO()
        writer = csv.DictWriter(out, header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode()

    def _import(self, content, dryrun, user=None):
        """Upload, preview and import ``content`` as the web client does;
        return the preview and the result of ``execute_import``."""
        user = user or self.user_cso_register
        wizard = (
            self.env["base_import.import"]
            .with_user(user)
            .create(
                {
                    "res_model": "hcc.contract",
                    "file": content,
                    "file_name": "register.csv",
                    "file_type": "text/csv",
                }
            )
        )
        preview = wizard.parse_preview(dict(WEB_CLIENT_OPTIONS))
        self.assertNotIn("error", preview)
        fields = [
            "/".join(preview["matches"][index])
            for index in range(len(preview["headers"]))
        ]
        columns = [header.lower() for header in preview["headers"]]
        result = wizard.execute_import(
            fields, columns, preview["options"], dryrun=dryrun
        )
        return preview, result

    def _imported(self):
        return self.env["hcc.contract"].search([("name", "=like", "ASC/%")])

    def _errors(self, result):
        """The import's messages as ``(row, message)``, the rows numbered as
        the import screen shows them (the header is row 1), in the order they
        are reported; every message must be an error about one row."""
        errors = []
        for message in result["messages"]:
            self.assertEqual(message["type"], "error")
            self.assertEqual(message["rows"]["from"], message["rows"]["to"])
            errors.append((message["rows"]["from"] + 2, message["message"]))
        return errors

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_template_offered_and_mapped(self):
        """The import screen offers the template, its columns map to the
        contract's fields by themselves, and its example rows import once
        their provider and officers exist."""
        templates = (
            self.env["hcc.contract"].with_user(self.user_cso).get_import_templates()
        )
        self.assertEqual(
            templates[0]["template"],
            "/hcc_contracts/static/xls/hcc_contract_import_template.csv",
        )
        with file_open(TEMPLATE, "rb") as template:
            content = template.read()
        self.env["res.partner"].create(
            [
                {"name": "Test Valley Day Services Ltd", "is_company": True},
                {
                    "name": "Solent Care Ltd",
                    "email": "carecontracts@solentcare.example",
                    "is_company": True,
                },
            ]
        )
        for login, name, group in (
            ("sarah.mitchell@council.example", "Sarah Mitchell", "service_manager"),
            ("daniel.price@council.example", "Daniel Price", "service_manager"),
            ("james.okafor@council.example", "James Okafor", "support_officer"),
        ):
            new_test_user(
                self.env,
                login=login,
                name=name,
                groups=f"base.group_user,hcc_contracts.group_{group}",
            )
        # the template's localities are those the addon loads
        self.user_cso_register.hcc_locality_ids |= self.env.ref(
            "hcc_contracts.locality_test_valley"
        ) | self.env.ref("hcc_contracts.locality_havant")
        preview, result = self._import(content, dryrun=False)
        self.assertEqual(preview["headers"], list(HEADER))
        self.assertEqual(
            {preview["headers"][i]: "/".join(m) for i, m in preview["matches"].items()},
            COLUMNS,
        )
        self.assertEqual(preview["options"]["date_format"], "%d/%m/%Y")
        self.assertEqual(result["messages"], [])
        home_care = self._imported().filtered(lambda c: c.name == "ASC/2023/0087")
        self.assertRecordValues(
            home_care,
            [
                {
                    "partner_id": self.env["res.partner"]
                    .search([("email", "=", "carecontracts@solentcare.example")])
                    .id,
                    "locality_id": self.env.ref("hcc_contracts.locality_havant").id,
                    "date_start": date(2023, 10, 1),
                    "date_end": date(2028, 9, 30),
                    "annual_value": 640000.0,
                    "payment_basis": "delivered",
                    "state": "draft",
                }
            ],
        )

    def test_register_with_bad_rows(self):
        """A 500-row register with three bad rows: the test run and the
        import both report each bad row with its row number and what is
        wrong, and save nothing of the file (Odoo imports a batch all or
        nothing); once the three rows are taken out, the 497 others import as
        drafts with their providers, officers and localities matched.

        Each error names its row as the import screen shows it (the header
        is row 1); the unknown locality is reported twice by Odoo (no match,
        then the required field left empty); the two others name the
        contract by the reference of its row."""
        content = self._csv(self._register())
        expected = [
            (
                UNKNOWN_LOCALITY + 2,
                "No matching record found for name 'Atlantis' in field 'Locality'",
            ),
            (
                UNKNOWN_LOCALITY + 2,
                "Missing required value for the field 'Locality' (locality_id)",
            ),
            (
                END_BEFORE_START + 2,
                f"Contract {self._reference(END_BEFORE_START)}: the end date must "
                "be after the start date.",
            ),
            (
                NEGATIVE_VALUE + 2,
                f"Contract {self._reference(NEGATIVE_VALUE)}: the annual value "
                "cannot be negative.",
            ),
        ]
        for dryrun in (True, False):
            _preview, result = self._import(content, dryrun=dryrun)
            self.assertFalse(result["ids"])
            self.assertEqual(self._errors(result), expected)
            self.assertFalse(self._imported())

        content = self._csv(self._register(bad_rows=False))
        _preview, result = self._import(content, dryrun=True)
        self.assertEqual(result["messages"], [])
        self.assertEqual(len(result["ids"]), REGISTER_SIZE - 3)
        self.assertFalse(self._imported())
        _preview, result = self._import(content, dryrun=False)
        self.assertEqual(result["messages"], [])
        contracts = self._imported()
        self.assertEqual(len(result["ids"]), REGISTER_SIZE - 3)
        self.assertEqual(sorted(contracts.ids), sorted(result["ids"]))
        self.assertEqual(set(contracts.mapped("state")), {"draft"})
        self.assertEqual(contracts.mapped("locality_id"), self.localities)
        self.assertEqual(contracts.mapped("partner_id"), self.providers)
        self.assertEqual(contracts.mapped("lead_officer_id"), self.officers)
        by_ref = {contract.name: contract for contract in contracts}
        for index in (0, 1, 122, 499):
            row = self._register_row(index)
            start = self._start(index)
            self.assertRecordValues(
                by_ref[row["Reference"]],
                [
                    {
                        "title": row["Title"],
                        "partner_id": self.providers[index % 25].id,
                        "lead_officer_id": self.officers[index % 4].id,
                        "representative_id": self.officers[(index + 1) % 4].id,
                        "support_officer_id": self.user_cso_register.id,
                        "locality_id": self.localities[index % 3].id,
                        "date_start": start,
                        "date_end": start + relativedelta(years=3 + index % 3, days=-1),
                        "annual_value": 10000 + (index * 7919) % 900000,
                        "volume_unit": UNITS[index % 3][1],
                        "state": "draft",
                    }
                ],
            )

    def test_import_cannot_set_the_state(self):
        """The state is written by the contract's actions only: a register
        that says its contracts are active is refused, row by row, and
        nothing is saved; the contracts are imported as drafts and activated
        with the button, which checks the procedure's standards.

        The rows that set "Active" (3 and 4) are refused. Odoo's ``load``
        first creates the whole batch at once, and when that fails with a
        user error it adds that error at the batch's first row (here row 2,
        a draft that would have imported) before the errors of the rows
        themselves."""
        rows = [self._register_row(index) for index in range(3)]
        for row, state in zip(rows, ("Draft", "Active", "Active"), strict=True):
            row["State"] = state
        _preview, result = self._import(
            self._csv(rows, [*HEADER, "State"]), dryrun=False
        )
        self.assertFalse(result["ids"])
        refused = (
            "“State” of Social Care Contract are recorded by its actions, which "
            "check the role and the step of the procedure: they cannot be written "
            "directly. Use the buttons of the record."
        )
        self.assertEqual(
            self._errors(result), [(2, refused), (3, refused), (4, refused)]
        )
        self.assertFalse(self._imported())

    def test_import_outside_own_localities(self):
        """A Contract Support Officer keeps the contracts of their own
        localities and those they support: rows of another locality, supported
        by another officer, are refused by the record rules (with Odoo's own
        message) and the file is not imported."""
        self.user_cso_register.hcc_locality_ids = self.locality_north
        rows = [self._register_row(index) for index in range(3)]
        for row in rows:
            row["Contract Support Officer"] = self.user_cso.login
        _preview, result = self._import(self._csv(rows), dryrun=False)
        self.assertFalse(result["ids"])
        # rows 3 and 4 (South and East) are refused by the record rules, with
        # Odoo's own message; row 2 repeats the error of the whole batch
        errors = self._errors(result)
        self.assertEqual([row for row, _message in errors], [2, 3, 4])
        for _row, message in errors:
            self.assertIn(
                "Register Support Officer (id=%s) doesn't have 'create' access to:\n"
                "- Social Care Contract (hcc.contract)" % self.user_cso_register.id,
                message,
            )
        self.assertFalse(self._imported())
