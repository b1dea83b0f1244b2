import base64
import csv
import io

from odoo.exceptions import AccessError
from odoo.tools import file_open

from ..common import HccContractsCase

REAL = "hcc_contracts/tests/data/register/contracts_finder_social_care.csv"
HEADER = [
    "Contract Id",
    "Contract Description",
    "Vendor",
    "Product Category",
    "Directorate",
    "Validity Period Start",
    "Validity Period End",
    "Contract Status",
    "Original Contract Value",
    "Extended Contract Value",
]
SERVICES = [
    "Home care",
    "Residential care for older people",
    "Supported living",
    "Day opportunities",
    "Carers' breaks",
    "Reablement",
    "Extra care housing",
]
# the faults councils' registers have, one row each: (row built, what the
# import must say of it)
FAULTS = [
    ({"Validity Period Start": "31/02/2025"}, "Start date: “31/02/2025” is not a date"),
    ({"Validity Period End": "next April"}, "End date: “next April” is not a date"),
    ({"Validity Period Start": "2025-13-01"}, "Start date: “2025-13-01” is not a date"),
    (
        {"Validity Period Start": "01/04/2026", "Validity Period End": "31/03/2025"},
        "End date: the end date is before the start date",
    ),
    (
        {"Validity Period Start": "01/10/2025", "Validity Period End": "30/09/2024"},
        "End date: the end date is before the start date",
    ),
    ({"Vendor": ""}, "the provider is missing"),
    ({"Vendor": "  "}, "the provider is missing"),
    ({"Original Contract Value": "TBC"}, "“TBC” is not an amount"),
    ({"Original Contract Value": "see schedule"}, "“see schedule” is not an amount"),
    ({"Original Contract Value": "-12000"}, "the amount is negative"),
    ({"Contract Description": ""}, "the description is missing"),
    ({"Contract Description": ""}, "the description is missing"),
]


def built_rows(count):
    """Rows shaped as a county's register (built here, not published): 57 of
    them the call-offs of one framework, each with its provider."""
    rows = []
    for number in range(count):
        framework = number < 57
        service = SERVICES[number % len(SERVICES)]
        year = 2022 + number % 4
        rows.append(
            {
                "Contract Id": "HCC-FW-2024-001" if framework else f"HCC-{number:04d}",
                "Contract Description": f"{service}, lot {number % 9 + 1}",
                "Vendor": f"Provider {number % 120:03d} Care Ltd",
                "Product Category": "Adult Social Care",
                "Directorate": "Adults' Health and Care",
                "Validity Period Start": f"01/04/{year}",
                "Validity Period End": f"31/03/{year + 3 + number % 3}",
                "Contract Status": "Active",
                "Original Contract Value": f"{(number % 40 + 1) * 36000:,.2f}",
                "Extended Contract Value": "",
            }
        )
    return rows


def as_csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


class TestRegisterImport(HccContractsCase):
    """A Contract Support Officer imports a register of 340 rows: 50 real
    social care contracts from Contracts Finder and 290 built here, twelve of
    them with faults."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with file_open(REAL, "r") as real:
            cls.real_rows = list(csv.DictReader(real))
        rows = cls.real_rows + built_rows(290 - len(FAULTS))
        cls.fault_lines = []
        for fault, _message in FAULTS:
            cls.fault_lines.append(len(rows) + 2)  # the header is row 1
            rows.append(
                {**built_rows(1)[0], "Contract Id": f"BAD-{len(rows)}", **fault}
            )
        cls.register = as_csv(rows)
        cls.row_total = len(rows)

    def _wizard(self, content, name="register.csv", user=None, **vals):
        return (
            self.env["hcc.register.import"]
            .with_user(user or self.user_cso)
            .create(
                {
                    "file": base64.b64encode(content),
                    "file_name": name,
                    "locality_id": self.locality_north.id,
                    **vals,
                }
            )
        )

    def _import(self, content, name="register.csv", user=None):
        wizard = self._wizard(content, name, user)
        wizard.action_read_columns()
        wizard.action_import()
        return wizard

    def test_a_register_in_one_pass(self):
        wizard = self._wizard(self.register)
        wizard.action_read_columns()
        # the ten columns match by their usual names
        self.assertEqual(
            wizard.column_ids.mapped("target"),
            [
                "name",
                "title",
                "partner",
                "register_category",
                "register_directorate",
                "date_start",
                "date_end",
                "register_status",
                "contract_value",
                "register_extended_value",
            ],
        )
        wizard.action_import()
        self.assertEqual(self.row_total, 340)
        # 13 rows of the real register repeat another row exactly (a provider
        # named in several awards of one notice): imported once, and said so
        self.assertEqual(
            (wizard.imported_count, wizard.skipped_count, wizard.error_count),
            (340 - len(FAULTS) - 13, 13, len(FAULTS)),
        )
        self.assertEqual(wizard.report.count("imported once"), 13)
        contracts = wizard.contract_ids
        self.assertEqual(set(contracts.mapped("state")), {"draft"})
        self.assertEqual(contracts.imported_by_id, self.user_cso)
        self.assertEqual(set(contracts.mapped("import_file_name")), {"register.csv"})
        # every bad row: its row number, its column, why; and the file to
        # correct holds exactly those rows, with what is wrong
        for line, (_fault, message) in zip(self.fault_lines, FAULTS, strict=True):
            self.assertIn(f"Row {line}: ", wizard.report)
            self.assertIn(message, wizard.report.replace("&amp;", "&"))
        errors = list(
            csv.DictReader(
                io.StringIO(base64.b64decode(wizard.error_file).decode("utf-8-sig"))
            )
        )
        self.assertEqual(len(errors), len(FAULTS))
        for row, (_fault, message) in zip(errors, FAULTS, strict=True):
            self.assertIn(message, row["Errors"])

    def test_values_checked_against_the_file(self):
        wizard = self._import(self.register)
        contracts = wizard.contract_ids
        # a real row: five years at £199,480 over the whole term
        first = self.real_rows[0]
        contract = contracts.filtered(
            lambda c: c.register_reference == first["Contract Id"]
        )
        self.assertEqual(contract.title, first["Contract Description"])
        self.assertEqual(contract.partner_id.name, first["Vendor"])
        self.assertEqual(contract.contract_value, 199480.0)
        self.assertEqual(contract.annual_value, 39896.0)
        self.assertAlmostEqual(contract.total_value, 199480.0, places=2)
        self.assertEqual(str(contract.date_start), "2024-10-01")
        self.assertEqual(contract.register_status, "Active")
        self.assertEqual(contract.register_category, first["Product Category"])
        # the register's value is the one published and reported, never the
        # annual value times the term again
        for row in self.real_rows:
            imported = contracts.filtered(
                lambda c, row=row: c.register_reference == row["Contract Id"]
                and c.partner_id.name == row["Vendor"].strip()
            )
            self.assertEqual(len(imported), 1, row)  # repeated rows: once
            self.assertEqual(
                imported._hcc_contract_value(), float(row["Original Contract Value"])
            )
            self.assertAlmostEqual(
                imported.total_value, imported.contract_value, delta=0.01 * 12
            )
        # one reference in 25 rows for 12 providers (13 rows repeated): 12
        # contracts, each with a reference of its own
        shared = contracts.filtered(
            lambda c: c.register_reference == "CCC001-DN754175-55627257"
        )
        self.assertEqual(len(shared), 12)
        self.assertEqual(len(set(shared.mapped("name"))), 12)
        self.assertEqual(len(shared.partner_id), 12)
        framework = contracts.filtered(
            lambda c: c.register_reference == "HCC-FW-2024-001"
        )
        self.assertEqual(len(framework), 57)
        # providers are created once each, as companies, and listed to check
        created = wizard.partner_ids
        self.assertTrue(created)
        self.assertTrue(all(created.mapped("is_company")))
        self.assertEqual(len(created), len(set(created.mapped("name"))))

    def test_importing_the_same_file_again_changes_nothing(self):
        first = self._import(self.register)
        count = self.env["hcc.contract"].search_count([])
        partners = self.env["res.partner"].search_count([])
        again = self._import(self.register)
        self.assertEqual(
            (again.imported_count, again.skipped_count, again.error_count),
            (0, first.imported_count + first.skipped_count, len(FAULTS)),
        )
        self.assertEqual(self.env["hcc.contract"].search_count([]), count)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_the_rows_corrected_come_in(self):
        first = self._import(self.register)
        rows = list(
            csv.DictReader(
                io.StringIO(base64.b64decode(first.error_file).decode("utf-8-sig"))
            )
        )
        good = built_rows(1)[0]
        for row in rows:
            del row["Errors"]
            for column in HEADER:
                if column != "Contract Id":
                    row[column] = good[column]
        second = self._import(as_csv(rows), "register - rows to correct.csv")
        self.assertEqual((second.imported_count, second.error_count), (len(FAULTS), 0))

    def test_providers_by_company_number_and_the_columns_remembered(self):
        known = self.env["res.partner"].create(
            {
                "name": "Solent Care Limited",
                "is_company": True,
                "company_registry": "01234567",
            }
        )
        content = (
            "Ref,Service,Supplier (trading name),Co. Reg.,Starts,Ends,Total £\n"
            'R-1,Home care,Solent Care,1234567,01/04/2026,31/03/2029,"£300,000"\n'
            "R-2,Day care,New Provider CIC,09876543,01/04/2026,31/03/2027,50000\n"
        ).encode()
        wizard = self._wizard(content, "other layout.csv")
        wizard.action_read_columns()
        by_header = {column.header: column for column in wizard.column_ids}
        self.assertEqual(by_header["Ref"].target, "name")
        self.assertEqual(by_header["Service"].target, "ignore")
        for header, target in (
            ("Ref", "name"),
            ("Supplier (trading name)", "partner"),
            ("Co. Reg.", "company_registry"),
            ("Starts", "date_start"),
            ("Ends", "date_end"),
            ("Total £", "contract_value"),
        ):
            by_header[header].target = target
        by_header["Service"].target = "title"
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 2)
        solent, new = wizard.contract_ids.sorted("name")
        self.assertEqual(solent.partner_id, known)
        self.assertEqual(solent.contract_value, 300000.0)
        self.assertEqual(solent.annual_value, 100000.0)
        self.assertEqual(new.partner_id.company_registry, "09876543")
        self.assertEqual(wizard.partner_ids, new.partner_id)
        # next time, the same layout is matched as the officer matched it
        again = self._wizard(content, "other layout.csv")
        again.action_read_columns()
        self.assertEqual(
            {c.header: c.target for c in again.column_ids},
            {c.header: c.target for c in wizard.column_ids},
        )

    def test_locality_from_a_column_and_the_officers_rights(self):
        content = (
            b"Contract Id,Contract Description,Vendor,Locality\n"
            b"L-1,Home care,Test Provider Ltd,Test North\n"
            b"L-2,Home care,Test Provider Ltd,Nowhere\n"
            b"L-3,Home care,Test Provider Ltd,Test South\n"
        )
        wizard = self._import(content)
        self.assertEqual(wizard.imported_count, 1)
        self.assertEqual(wizard.contract_ids.locality_id, self.locality_north)
        self.assertIn("Row 3: Locality: no Locality is named “Nowhere”", wizard.report)
        # a CSO imports only into the localities they cover
        self.assertIn("Row 4: ", wizard.report)
        # the County Manager imports into any
        self.assertEqual(self._import(content, user=self.user_cm).imported_count, 1)
        # the others cannot import a register at all
        for user in (self.user_sm, self.user_viewer, self.user_finance):
            with self.assertRaises(AccessError):
                self._wizard(content, user=user)

    def test_an_unreadable_file_is_refused_clearly(self):
        wizard = self._wizard(b"PK\x03\x04 not a spreadsheet", "register.xlsx")
        with self.assertRaisesMessage(Exception, "could not be read as a register"):
            wizard.action_read_columns()

    def test_the_transparency_codes_own_column_names(self):
        content = (
            b"Reference Number,Title of Agreement,Department Responsible,"
            b"Supplier Name,Registered Company Number,Beginning Date,End Date,"
            b"Review Date,Value of Agreement\n"
            b"T-1,Home care,Adults' Health and Care,Test Provider Ltd,123,"
            b"01/04/2026,31/03/2028,31/03/2027,200000\n"
        )
        wizard = self._wizard(content)
        wizard.action_read_columns()
        self.assertEqual(
            wizard.column_ids.mapped("target"),
            [
                "name",
                "title",
                "register_directorate",
                "partner",
                "company_registry",
                "date_start",
                "date_end",
                "ignore",
                "contract_value",
            ],
        )
