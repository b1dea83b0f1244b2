"""The Local Government Transparency Code 2015 export of a quarter, checked
by hand on a small register."""

import base64
import importlib.util
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_statutory import HccStatutoryCase

HEADER = (
    "Type,Reference,Title,Description,Department,Supplier Name,Company Number,"
    "Charity Number,Value (£),Irrecoverable VAT (£),Start Date,End Date,"
    "Review Date,Let Without Open Competition,SME,VCSE"
)


@tagged("post_install", "-at_install")
class TestTransparencyExport(HccStatutoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an SME whose VCSE status nobody recorded; a charity recorded as
        # no SME
        cls.provider.write({"company_registry": "01234567", "hcc_is_sme": "yes"})
        cls.charity = cls.env["res.partner"].create(
            {
                "name": "Test Riverside Care Trust",
                "is_company": True,
                "hcc_charity_number": "1123456",
                "hcc_is_sme": "no",
                "hcc_is_vcse": "yes",
            }
        )
        # the council's department, and the south's own
        cls.env.company.hcc_transparency_department = "Adults' Health and Care"
        cls.locality_south.hcc_transparency_department = "Adult Services South"

    def _activate(self, contract, day):
        with freeze_time(day):
            contract.action_activate()
        return contract

    def _export(self, user, year=2026, quarter="1"):
        wizard = (
            self.env["hcc.transparency.export"]
            .with_user(user)
            .create({"financial_year": year, "quarter": quarter})
        )
        action = wizard.action_export()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        raw = base64.b64decode(self.env["ir.attachment"].browse(attachment_id).datas)
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM for Excel")
        return wizard, raw.decode("utf-8-sig").split("\r\n")

    def test_quarter_by_hand(self):
        # in: live all quarter, 1 April 2026 to 31 March 2029 at £120,000 a
        # year: three whole years (a leap day among them) x 120,000 = 360,000;
        # review 12 months before the end
        day_care = self._activate(self._create_contract(), "2026-04-01")
        # in: let by single tender, ends in the quarter's successor; 365 days
        # at £50,000; a charity, with VAT it cannot recover
        single = self.env["hcc.procurement"].create(
            {
                "title": "Riverside respite",
                "procurement_option": "single_tender",
                "locality_id": self.locality_south.id,
            }
        )
        respite = self._create_contract(
            title="Riverside respite",
            partner_id=self.charity.id,
            locality_id=self.locality_south.id,
            date_start="2025-10-01",
            date_end="2026-09-30",
            annual_value=50000.0,
            spec_scope="<p>Overnight respite,</p><p>two beds.</p>",
            procurement_id=single.id,
            irrecoverable_vat=1250.0,
        )
        # a contract from a procurement goes live once the procurement signed it
        single.step = "done"
        self._activate(respite, "2025-10-01")
        # out: starts after the quarter; worth £5,000 or less; still a draft
        self._activate(
            self._create_contract(date_start="2026-07-01", date_end="2027-06-30"),
            "2026-07-01",
        )
        self._activate(
            self._create_contract(
                annual_value=5000.0, date_start="2026-04-01", date_end="2027-03-31"
            ),
            "2026-04-01",
        )
        self._create_contract(title="Draft, not let")
        # in: an invitation to tender sent on 13 May 2026; out: a single tender
        tender = self._procure(
            0.0, option="competitive_tender", estimated_value=300000.0
        )
        self._procure(0.0)

        _wizard, lines = self._export(self.user_cso)
        self.maxDiff = None
        north = "Adults' Health and Care"
        south = "Adult Services South"
        self.assertEqual(
            lines,
            [
                HEADER,
                f"Contract,{day_care.name},Day care block contract,Day care for "
                f"older people in the north.,{north},{self.provider.name},01234567,,"
                "360000.00,0.00,01/04/2026,31/03/2029,31/03/2028,Not recorded,Yes,",
                f'Contract,{respite.name},Riverside respite,"Overnight respite, two '
                f'beds.",{south},Test Riverside Care Trust,,1123456,50000.00,1250.00,'
                "01/10/2025,30/09/2026,30/09/2025,Yes,No,Yes",
                f'Invitation to tender,{tender.name},"Day opportunities, north",'
                f"Day opportunities for older people.,{north},,,,300000.00,,"
                "01/09/2026,31/08/2029,31/08/2028,No,,",
                "",
            ],
        )

    def test_quarter_dates_and_scope(self):
        wizard = self.env["hcc.transparency.export"].create(
            {"financial_year": 2026, "quarter": "4"}
        )
        self.assertEqual(str(wizard.date_from), "2027-01-01")
        self.assertEqual(str(wizard.date_to), "2027-03-31")
        self._activate(self._create_contract(), "2026-04-01")
        # a Service Manager of the south reads none of the north's contracts
        with self.assertRaisesRegex(UserError, "No contract or invitation"):
            self._export(self.user_sm_south)
        _wizard, lines = self._export(self.user_sm)
        self.assertEqual(len(lines), 3)

    def test_department_of_the_care_group_first(self):
        """The care group's department before the locality's and the
        council's; none set anywhere leaves it blank, never the locality."""
        contract = self._activate(self._create_contract(), "2026-04-01")
        tender = self._procure(0.0, option="competitive_tender", estimated_value=0.0)
        self.care_group.hcc_transparency_department = "Older People's Services"
        self.locality_north.hcc_transparency_department = "Adult Services North"
        _wizard, lines = self._export(self.user_sm)
        self.assertEqual(len(lines), 4)
        self.assertIn(f"Contract,{contract.name},", lines[1])
        self.assertIn(",Older People's Services,", lines[1])
        self.assertIn(f"Invitation to tender,{tender.name},", lines[2])
        self.assertIn(",Older People's Services,", lines[2])
        # an invitation without an estimate: value blank, review date given
        self.assertTrue(lines[2].endswith(",,,,,01/09/2026,31/08/2029,31/08/2028,No,,"))
        self.care_group.hcc_transparency_department = False
        _wizard, lines = self._export(self.user_sm)
        self.assertIn(",Adult Services North,", lines[1])
        self.locality_north.hcc_transparency_department = False
        self.env.company.hcc_transparency_department = False
        _wizard, lines = self._export(self.user_finance)
        fields = lines[1].split(",")
        self.assertEqual(fields[4], "", "no department set: blank")
        self.assertNotIn(self.locality_north.name, lines[1])

    def test_sme_vcse_are_a_choice_of_yes_no_or_not_known(self):
        self.assertEqual(
            dict(self.env["res.partner"]._fields["hcc_is_sme"].selection),
            {"yes": "Yes", "no": "No"},
        )
        self._activate(self._create_contract(), "2026-04-01")
        self.provider.write({"hcc_is_sme": False, "hcc_is_vcse": "no"})
        _wizard, lines = self._export(self.user_cso)
        self.assertTrue(lines[1].endswith(",Not recorded,,No"), lines[1])

    def test_migration_keeps_recorded_ticks_and_unticked_becomes_unknown(self):
        path = Path(__file__).parents[1] / "migrations/18.0.1.1.0/pre-migration.py"
        spec = importlib.util.spec_from_file_location("hcc_pa_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        cr = self.env.cr
        cr.execute(
            "CREATE TEMP TABLE hcc_test_partner (id int, hcc_is_sme boolean "
            "DEFAULT false)"
        )
        cr.execute(
            "INSERT INTO hcc_test_partner VALUES (1, true), (2, false), (3, NULL)"
        )
        migration.yes_or_unknown(cr, "hcc_test_partner", "hcc_is_sme")
        cr.execute("SELECT id, hcc_is_sme FROM hcc_test_partner ORDER BY id")
        self.assertEqual(cr.fetchall(), [(1, "yes"), (2, None), (3, None)])
        # run again on the converted column: nothing changes
        migration.yes_or_unknown(cr, "hcc_test_partner", "hcc_is_sme")
        cr.execute("SELECT id, hcc_is_sme FROM hcc_test_partner ORDER BY id")
        self.assertEqual(cr.fetchall(), [(1, "yes"), (2, None), (3, None)])
