"""Our notices carry what Find a Tender's real ones carry: for each notice type
with real notices recorded under ``data/fts`` (their field paths, with their
source and licence in the README there), every field path that at least 90 %
of those notices carry is in ours, prepared by the support officer."""

import json
from pathlib import Path

from freezegun import freeze_time

from odoo.tests import tagged

from ..models.hcc_statutory_notice import FTS_NOTICE_TYPES
from .common_statutory import HccStatutoryCase

FTS_DIR = Path(__file__).parent / "data" / "fts"
SHARE = 0.9
# what Find a Tender writes itself when it publishes a notice: the notice's
# own entry among the contract's documents (its link and publication date
# exist only then); the officer prepares nothing of it
WRITTEN_BY_FTS = ("contracts[].documents[]",)


def field_paths(value, prefix=""):
    """Every path to a value in a JSON document, lists as ``[]``."""
    paths = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            paths |= field_paths(item, path) or {path}
    elif isinstance(value, list):
        for item in value:
            paths |= field_paths(item, f"{prefix}[]") or {prefix}
    return paths


def real_notices():
    by_type = {}
    for path in sorted(FTS_DIR.glob("*.json")):
        notice = json.loads(path.read_text())
        by_type.setdefault(notice["noticeType"], []).append(notice)
    return by_type


def paths_carried(notices, share=SHARE):
    """The paths at least ``share`` of the notices carry, among those whose
    recorded part reaches the path (a copy cut short says nothing of what
    sorts after its cut)."""
    candidates = set().union(*(set(n["paths"]) for n in notices))
    carried = set()
    for path in candidates:
        seen = [
            n
            for n in notices
            if path in n["paths"] or path < n.get("known_before", "\uffff")
        ]
        present = [n for n in seen if path in n["paths"]]
        if len(present) >= share * len(seen):
            carried.add(path)
    return carried


@tagged("post_install", "-at_install")
class TestFtsRealNotices(HccStatutoryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        gb = cls.env.ref("base.uk")
        address = {"street": "1 High Street", "city": "Winchester", "zip": "SO23 8UJ"}
        cls.company.write(
            {
                **address,
                "country_id": gb.id,
                "email": "procurement@council.example",
                "website": "https://www.council.example",
                "hcc_ppon": "PBHM-7586-PWLP",
            }
        )
        cls.company.partner_id.hcc_itl_region = "UKJ36"
        cls.provider.write(
            {
                **address,
                "is_company": True,
                "country_id": gb.id,
                "email": "tenders@provider.example",
                "hcc_itl_region": "UKJ36",
                "company_registry": "01234567",
                "hcc_is_sme": "yes",
                "hcc_is_vcse": "no",
            }
        )

    def test_the_recorded_notices(self):
        """The fixtures are what the README says: real UK7 notices, of Find a
        Tender's procurements, each with its source and licence."""
        notices = real_notices()
        self.assertEqual(set(notices), {"UK7"})
        self.assertEqual(len(notices["UK7"]), 2)
        for notice in notices["UK7"]:
            self.assertRegex(notice["ocid"], r"^ocds-h6vhtk-[0-9a-f]{6}$")
            self.assertRegex(notice["notice"], r"^[0-9]{6}-[0-9]{4}$")
            self.assertIn("Open Government Licence", notice["licence"])
            self.assertTrue(notice["source"])
        # the share is a share: a path one notice of two lacks is not asked
        carried = paths_carried(notices["UK7"])
        self.assertIn("contracts[].value.amountGross", carried)
        self.assertIn("parties[].identifier.scheme", carried)
        self.assertNotIn("awards[].items[].deliveryAddresses[].region", carried)
        self.assertNotIn("contracts[].title", paths_carried(notices["UK7"], 1.1))

    def test_our_notices_carry_what_real_ones_carry(self):
        procurement = self._procure(2000000.0)
        with freeze_time("2026-07-17"):
            self._do_signature(procurement)
            notices = self._notices(procurement.awarded_contract_id)
            notices.with_user(self.user_cso).action_prepare()
        ours = {
            FTS_NOTICE_TYPES[n.notice_kind]: field_paths(
                json.loads(n.prepared_data)["releases"][0]
            )
            for n in notices
        }
        for notice_type, real in real_notices().items():
            carried = {
                path
                for path in paths_carried(real)
                if not path.startswith(WRITTEN_BY_FTS)
            }
            self.assertTrue(carried)
            self.assertEqual(sorted(carried - ours[notice_type]), [], notice_type)

    def test_the_procurement_keeps_find_a_tenders_identifier(self):
        """The OCID typed back on the award notice is the procurement's, and
        the contract details notice prepared afterwards carries it."""
        procurement = self._procure(2000000.0)
        award = self._notices(procurement.awarded_contract_id)
        with freeze_time("2026-07-02"):
            award.with_user(self.user_cso).action_prepare()
            award.with_user(self.user_cso).write(
                {
                    "notice_identifier": "061234-2026",
                    "fts_ocid": "ocds-h6vhtk-06ab12",
                    "date_published": "2026-07-02",
                }
            )
            award.with_user(self.user_cso).action_mark_published()
        self.assertEqual(procurement.fts_ocid, "ocds-h6vhtk-06ab12")
        with freeze_time("2026-07-17"):
            self._do_signature(procurement)
        details = self._notices(procurement.awarded_contract_id) - award
        with freeze_time("2026-07-20"):
            details.with_user(self.user_cso).action_prepare()
        release = json.loads(details.prepared_data)["releases"][0]
        self.assertEqual(release["ocid"], "ocds-h6vhtk-06ab12")
        self.assertTrue(release["id"].startswith("draft-"), "its number comes later")
