from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..notices.common_notices import HccNoticesCase


@tagged("post_install", "-at_install")
class TestSafeguardingNoticeEvidence(HccNoticesCase):
    """A safeguarding concern cited as evidence for a notice: cited by the
    County Manager (or the Safeguarding group), read by every other reader of
    the notice as its case reference only."""

    rag_sources = ("safeguarding",)

    def _concern(self, contract=None, reference="SG-0042"):
        return (
            self.env["hcc.safeguarding.concern"]
            .with_user(self.user_cm)
            .create(
                {
                    "contract_id": (contract or self.contract).id,
                    "case_reference": reference,
                    "date_raised": "2026-05-20",
                    "summary": "Missed medication rounds on two days.",
                }
            )
        )

    @freeze_time("2026-06-01")
    def test_cited_by_county_manager_read_as_reference_by_others(self):
        concern = self._concern()
        notice = self._create_notice(user=self.user_cm)
        notice.with_user(self.user_cm).write(
            {"evidence_safeguarding_ids": [(6, 0, concern.ids)]}
        )
        self.assertEqual(notice.evidence_safeguarding_refs, "SG-0042")
        # the lead officer reads the notice and the case reference, not the
        # concern
        as_sm = notice.with_user(self.user_sm)
        [values] = as_sm.read(["evidence_safeguarding_refs", "failings"])
        self.assertEqual(values["evidence_safeguarding_refs"], "SG-0042")
        self.assertNotIn("medication", str(values))
        with self.assertRaises(AccessError):
            as_sm.read(["evidence_safeguarding_ids"])
        with self.assertRaises(AccessError):
            concern.with_user(self.user_sm).read(["summary"])
        # nor does the lead officer cite or remove one
        with self.assertRaises(AccessError):
            as_sm.write({"evidence_safeguarding_ids": [(5, 0, 0)]})
        # nor is the reference forged
        with self.assertRaises(UserError):
            as_sm.write({"evidence_safeguarding_refs": "SG-9999"})
        self.assertEqual(notice.evidence_safeguarding_ids, concern)

    @freeze_time("2026-06-01")
    def test_only_concerns_of_the_notices_contract(self):
        other = self._create_contract()
        other.action_activate()
        foreign = self._concern(contract=other, reference="SG-0099")
        notice = self._create_notice(user=self.user_cm)
        with self.assertRaises(ValidationError):
            notice.with_user(self.user_cm).write(
                {"evidence_safeguarding_ids": [(6, 0, foreign.ids)]}
            )

    @freeze_time("2026-06-02")
    def test_frozen_once_served(self):
        concern = self._concern()
        later = self._concern(reference="SG-0043")
        notice = self._served_notice(evidence_safeguarding_ids=[(6, 0, concern.ids)])
        self.assertEqual(notice.state, "served")
        with self.assertRaises(UserError):
            notice.with_user(self.user_cm).write(
                {"evidence_safeguarding_ids": [(4, later.id)]}
            )
        self.assertEqual(notice.evidence_safeguarding_ids, concern)
        self.assertEqual(notice.evidence_safeguarding_refs, "SG-0042")
