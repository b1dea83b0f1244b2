"""The parties, values and classifications of the notices as Find a Tender
publishes them: the council's PPON, the providers' Companies House and charity
numbers, addresses with their ITL region, contact points, the buyer's
classification, the supplier's size and VCSE status (left out while nobody
recorded them), the CPV code of the service type and the gross values; each
identifier checked in the format Find a Tender accepts."""

import importlib.util
import json
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_statutory import HccStatutoryCase


def load_migration(version, name):
    path = Path(__file__).parents[1] / "migrations" / version / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"hcc_pa_migration_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestFtsParties(HccStatutoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        gb = cls.env.ref("base.uk")
        cls.company.write(
            {
                "street": "The Castle",
                "street2": "High Street",
                "city": "Winchester",
                "zip": "SO23 8UJ",
                "country_id": gb.id,
                "email": "procurement@council.example",
                "hcc_ppon": "PBHM-7586-PWLP",
            }
        )
        cls.company.partner_id.hcc_itl_region = "UKJ36"
        cls.provider.write(
            {
                "is_company": True,
                "street": "1 Care Lane",
                "city": "Basingstoke",
                "zip": "RG21 4AH",
                "country_id": gb.id,
                "email": "tenders@provider.example",
                "hcc_itl_region": "UKJ37",
                "company_registry": "01234567",
                "hcc_charity_number": "1123456",
                "hcc_is_sme": "yes",
                "hcc_is_vcse": False,
            }
        )

    def _release(self, notice):
        with freeze_time("2027-04-03"):
            notice.with_user(self.user_cso).action_prepare()
        return json.loads(notice.prepared_data)["releases"][0]

    def test_parties_as_find_a_tender_publishes_them(self):
        release = self._release(self._due_performance_notice())
        buyer, supplier = release["parties"]
        self.assertEqual(buyer["id"], "GB-PPON-PBHM-7586-PWLP")
        self.assertEqual(
            buyer["identifier"], {"scheme": "GB-PPON", "id": "PBHM-7586-PWLP"}
        )
        self.assertEqual(release["buyer"]["id"], buyer["id"])
        self.assertEqual(
            buyer["address"],
            {
                "streetAddress": "The Castle, High Street",
                "locality": "Winchester",
                "postalCode": "SO23 8UJ",
                "country": "GB",
                "countryName": "United Kingdom",
                "region": "UKJ36",
            },
        )
        self.assertEqual(
            buyer["contactPoint"],
            {"name": self.company.name, "email": "procurement@council.example"},
        )
        self.assertEqual(
            buyer["details"]["classifications"][0]["id"],
            "publicAuthoritySubCentralGovernment",
        )
        self.assertEqual(supplier["id"], "GB-COH-01234567")
        self.assertEqual(
            supplier["additionalIdentifiers"], [{"scheme": "GB-CHC", "id": "1123456"}]
        )
        self.assertEqual(supplier["address"]["postalCode"], "RG21 4AH")
        self.assertEqual(supplier["contactPoint"]["email"], "tenders@provider.example")
        # SME recorded, VCSE not: the notice says nothing of what nobody knows
        self.assertEqual(supplier["details"], {"scale": "sme"})
        self.assertEqual(supplier["roles"], ["supplier"])

    def test_size_and_vcse_recorded_no(self):
        self.provider.write({"hcc_is_sme": "no", "hcc_is_vcse": "no"})
        release = self._release(self._due_performance_notice())
        self.assertEqual(
            release["parties"][1]["details"], {"scale": "large", "vcse": False}
        )
        self.provider.write({"hcc_is_sme": False, "hcc_is_vcse": "yes"})
        self.provider.write(
            {"company_registry": False, "hcc_charity_number": "SC012345"}
        )
        notice = self._due_performance_notice()
        release = self._release(notice)
        supplier = release["parties"][1]
        self.assertEqual(supplier["details"], {"vcse": True})
        self.assertEqual(supplier["identifier"], {"scheme": "GB-SC", "id": "SC012345"})

    def test_identifier_formats(self):
        """What Find a Tender would refuse is refused, and nothing is saved."""
        for record, field, value in (
            (self.provider, "company_registry", "1234567"),
            (self.provider, "company_registry", "12345678X"),
            (self.provider, "hcc_charity_number", "12345"),
            (self.provider, "hcc_ppon", "PBHM75867PWLP"),
            (self.provider, "hcc_itl_region", "Hampshire"),
            (self.service_type, "hcc_cpv_code", "853111"),
        ):
            before = record[field]
            with self.assertRaises(ValidationError, msg=value), self.cr.savepoint():
                record.write({field: value})
            self.assertEqual(record[field], before)
        # a company registered abroad keeps its own register's number
        foreign = self.env["res.partner"].create(
            {
                "name": "Soins SA",
                "country_id": self.env.ref("base.fr").id,
                "company_registry": "552 100 554",
            }
        )
        self.assertEqual(foreign.company_registry, "552 100 554")
        self.provider.company_registry = "SC123456"
        self.service_type.hcc_cpv_code = "85311100"

    def test_cpv_of_the_service_type_and_gross_values(self):
        self.service_type.write(
            {
                "hcc_cpv_code": "85311100",
                "hcc_cpv_description": "Welfare services for the elderly",
            }
        )
        self.company.hcc_ocds_vat_rate = 20.0
        procurement = self._procure(1000000.0)
        with freeze_time("2026-07-02"):
            notice = self._notices(procurement.awarded_contract_id)
            notice.with_user(self.user_cso).action_prepare()
        award = json.loads(notice.prepared_data)["releases"][0]["awards"][0]
        self.assertEqual(
            award["items"][0]["additionalClassifications"],
            [
                {
                    "scheme": "CPV",
                    "id": "85311100",
                    "description": "Welfare services for the elderly",
                }
            ],
        )
        value = award["value"]
        self.assertEqual(value["amountGross"], round(value["amount"] * 1.2, 2))
        self.assertEqual(value["currency"], "GBP")

    def test_migration_withdraws_open_publication_notices(self):
        """18.0.1.2.0: a "publication of the contract" notice still to publish
        is closed as not required, with the reason and its reminder done; a
        published one stays as published."""
        procurement = self._procure(2000000.0)
        with freeze_time("2026-07-17"):
            self._do_signature(procurement)
        contract = procurement.awarded_contract_id
        Notice = self.Notice.sudo()
        open_one, published = Notice.create(
            [
                {
                    "contract_id": contract.id,
                    "notice_kind": "contract_publication",
                    "trigger_key": "publication",
                    "date_due": "2026-10-14",
                },
                {
                    "contract_id": contract.id,
                    "notice_kind": "contract_publication",
                    "trigger_key": "publication:old",
                    "date_due": "2026-10-14",
                    "state": "published",
                    "notice_identifier": "000123-2026",
                    "date_published": "2026-08-01",
                },
            ]
        )
        open_one.activity_schedule(
            "hcc_contracts_procurement_act.mail_activity_type_statutory_notice_due",
            user_id=self.user_cso.id,
        )
        migration = load_migration("18.0.1.2.0", "post-migration")
        withdrawn = migration.withdraw_publication_notices(self.env)
        self.assertEqual(withdrawn, open_one)
        self.assertEqual(open_one.state, "not_required")
        self.assertIn("contract details notice", open_one.not_required_reason)
        self.assertFalse(open_one.activity_ids)
        self.assertEqual(published.state, "published")
        self.assertEqual(published.notice_identifier, "000123-2026")
