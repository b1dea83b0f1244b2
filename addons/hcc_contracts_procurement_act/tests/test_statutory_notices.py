import json

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_statutory import HccStatutoryCase


@tagged("post_install", "-at_install")
class TestStatutoryNotices(HccStatutoryCase):
    """Which Procurement Act 2023 notices fall due, on worked examples."""

    # ------------------------------------------------------------------
    # Scope and thresholds
    # ------------------------------------------------------------------
    def test_thresholds(self):
        # 3 years at £200,000: £600,000 is under the light touch threshold
        # (£663,540) but over the sub-central one (£207,720 from 1 January 2026)
        light = self._live_contract(200000.0)
        other = self._live_contract(200000.0, light_touch=False)
        self.assertEqual(light.pa_threshold, 663540.0)
        self.assertEqual(other.pa_threshold, 207720.0)
        self.assertFalse(light.pa_above_threshold)
        self.assertTrue(other.pa_above_threshold)
        self.assertFalse(other.pa_kpi_required, "£600,000 is not over £5m")
        big = self._live_contract(2000000.0, light_touch=False, kpis=True)
        self.assertTrue(big.pa_kpi_required)
        self.assertTrue(big.kpis_set)
        big_light = self._live_contract(2000000.0, kpis=True)
        self.assertFalse(big_light.pa_kpi_required, "s.52 excludes light touch")
        old = self._live_contract(2000000.0, date_start="2024-04-01")
        self.assertFalse(old.pa_procured_under_act)
        self.assertFalse(old.pa_above_threshold)

    def test_yearly_performance_notice_over_5m_with_kpis(self):
        big = self._live_contract(2000000.0, light_touch=False, kpis=True)
        big_light = self._live_contract(2000000.0, kpis=True)
        small = self._live_contract(1000000.0, light_touch=False, kpis=True)
        with freeze_time("2027-03-31"):
            self._run_cron_twice()
            self.assertFalse(self._notices(big), "nothing in the first year")
        with freeze_time("2027-04-02"):
            self._run_cron_twice()
        notice = self._notices(big)
        self.assertEqual(notice.notice_kind, "contract_performance")
        self.assertEqual(notice.date_due, fields.Date.to_date("2027-04-01"))
        self.assertEqual(notice.state, "due")
        self.assertFalse(self._notices(big_light))
        self.assertFalse(self._notices(small), "£3m is not over £5m")
        activity = notice.activity_ids
        self.assertEqual(activity.user_id, self.user_cso)
        self.assertEqual(activity.activity_type_id, self.activity_type)
        with freeze_time("2027-06-01"):
            self._run_cron_twice()
            self.assertEqual(self._notices(big), notice, "same year: no new notice")
        with freeze_time("2028-04-05"):
            self._run_cron_twice()
            self.assertEqual(len(self._notices(big)), 2)

    def test_expiry_gives_termination_notice(self):
        # 2 years at £400,000: £800,000, over the light touch threshold
        light = self._live_contract(400000.0, date_end="2028-03-31")
        small = self._live_contract(100000.0, date_end="2028-03-31")
        with freeze_time("2028-04-03"):
            (light | small).action_expire()
            self._run_cron_twice()
        notice = self._notices(light)
        self.assertEqual(notice.notice_kind, "contract_termination")
        self.assertEqual(notice.date_due, fields.Date.to_date("2028-04-30"))
        self.assertTrue(light.statutory_done)
        self.assertFalse(self._notices(small), "under the threshold")
        with freeze_time("2028-04-04"):
            self._run_cron_twice()
            self.assertEqual(self._notices(light), notice)

    def test_early_termination_for_breach(self):
        contract = self._live_contract(300000.0)
        with freeze_time("2027-01-10"):
            contract.write(
                {
                    "state": "terminated",
                    "termination_date": "2027-01-08",
                    "termination_fundamental_breach": True,
                }
            )
            self._run_cron_twice()
        notices = self._notices(contract)
        self.assertEqual(
            sorted(notices.mapped("notice_kind")),
            ["contract_performance", "contract_termination"],
        )
        self.assertEqual(
            set(notices.mapped("date_due")), {fields.Date.to_date("2027-02-07")}
        )

    def test_failure_to_improve_gives_performance_notice(self):
        # light touch, £1.2m: no yearly KPI notice, but s.71(4) applies
        contract = self._live_contract(400000.0, kpis=True)
        with freeze_time("2026-06-02"):
            notice = self.env["hcc.contract.notice"].create(
                {
                    "contract_id": contract.id,
                    "notice_type": "improvement",
                    "failings": "<p>Missed visits above 5% for three months.</p>",
                    "evidence_note": "Monitoring meeting of 12 May; complaints log.",
                    "cso_consulted_id": self.user_cso.id,
                    "date_cso_consulted": "2026-06-02",
                }
            )
            notice.action_serve()
            self._run_cron_twice()
            self.assertFalse(self._notices(contract), "served, not yet escalated")
        with freeze_time("2026-07-15"):
            notice.date_provider_informed_closed = "2026-07-14"
            notice.action_escalate()
        with freeze_time("2026-07-16"):
            self._run_cron_twice()
        statutory = self._notices(contract)
        self.assertEqual(statutory.notice_kind, "contract_performance")
        self.assertEqual(statutory.date_due, fields.Date.to_date("2026-08-14"))
        self.assertIn(notice.name, statutory.reason)

    def test_change_notice_only_outside_light_touch(self):
        light = self._live_contract(300000.0)
        other = self._live_contract(300000.0, light_touch=False)
        revisions = self.env["hcc.contract.revision"]
        for contract in light | other:
            revisions |= revisions.create(
                {
                    "contract_id": contract.id,
                    "title": "Extend by a year",
                    "reason": "demand",
                    "date_effective": "2026-10-01",
                    "is_qualifying_modification": True,
                    "state": "approved",
                }
            )
        revisions.create(
            {
                "contract_id": other.id,
                "title": "New address",
                "reason": "other",
                "date_effective": "2026-10-01",
                "state": "approved",
            }
        )
        with freeze_time("2026-09-01"):
            self._run_cron_twice()
        self.assertFalse(self._notices(light))
        notice = self._notices(other)
        self.assertEqual(notice.notice_kind, "contract_change")
        self.assertEqual(notice.revision_id, revisions[1])
        self.assertEqual(notice.date_due, fields.Date.to_date("2026-10-01"))

    # ------------------------------------------------------------------
    # Preparing, exporting and publishing
    # ------------------------------------------------------------------
    def test_prepare_export_publish(self):
        notice = self._due_performance_notice()
        with freeze_time("2027-04-03"):
            notice.with_user(self.user_cso).action_prepare()
        self.assertEqual(notice.state, "prepared")
        package = json.loads(notice.prepared_data)
        release = package["releases"][0]
        for key in ("ocid", "id", "date", "tag", "initiationType"):
            self.assertTrue(release[key], key)
        # nothing under Find a Tender's prefix before it assigns the ocid
        contract = notice.contract_id
        self.assertEqual(release["ocid"], f"draft-{contract.name}")
        self.assertTrue(release["id"].startswith(f"draft-{contract.name}-"))
        self.assertEqual(release["initiationType"], "tender")
        self.assertEqual(release["tag"], ["implementation"])
        roles = {p["name"]: p["roles"] for p in release["parties"]}
        self.assertEqual(roles[self.company.name], ["buyer"])
        self.assertEqual(roles[self.provider.name], ["supplier"])
        ocds_contract = release["contracts"][0]
        self.assertEqual(ocds_contract["status"], "active")
        self.assertEqual(ocds_contract["value"]["currency"], "GBP")
        self.assertEqual(
            ocds_contract["period"]["startDate"], "2026-04-01T00:00:00+01:00"
        )
        metric = ocds_contract["implementation"]["metrics"][0]
        self.assertEqual(metric["title"], "Visits on time")
        self.assertEqual(metric["description"], "Target: 95")
        # 70 against 95 is more than twice the 10% tolerance short
        observation = metric["observations"][0]
        self.assertEqual(observation["measure"], 70.0)
        self.assertEqual(
            observation["measureClassification"]["id"], "significantlyBelow"
        )

        action = notice.with_user(self.user_cso).action_export_json()
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self.assertEqual(json.loads(attachment.raw), package)

        with self.assertRaisesRegex(UserError, "enter the identifier"):
            notice.with_user(self.user_cso).action_mark_published()
        self.assertEqual(notice.state, "prepared")
        with freeze_time("2027-04-05"):
            # what the officer types back is checked: FTS's formats only
            for field, value in (
                ("notice_identifier", "2027/S 000-012345"),
                ("fts_ocid", f"ocds-h6vhtk-{contract.name}"),
                ("notice_url", "https://example.com/notice"),
            ):
                with self.assertRaises(ValidationError), self.cr.savepoint():
                    notice.with_user(self.user_cso).write({field: value})
            notice.with_user(self.user_cso).write(
                {"notice_identifier": "031250-2027", "date_published": "2027-04-06"}
            )
            with self.assertRaisesRegex(UserError, "cannot be in the future"):
                notice.with_user(self.user_cso).action_mark_published()
            notice.with_user(self.user_cso).date_published = "2027-04-05"
            with self.assertRaisesRegex(UserError, "procurement identifier"):
                notice.with_user(self.user_cso).action_mark_published()
            self.assertEqual(notice.state, "prepared")
            notice.with_user(self.user_cso).fts_ocid = "ocds-h6vhtk-05a1b2"
            notice.with_user(self.user_cso).action_mark_published()
        self.assertEqual(notice.state, "published")
        self.assertFalse(notice.activity_ids)
        self.assertEqual(
            notice.notice_url,
            "https://www.find-tender.service.gov.uk/Notice/031250-2027",
        )
        # the procurement's identifier is kept and used by its later notices
        self.assertEqual(contract.fts_ocid, "ocds-h6vhtk-05a1b2")
        with freeze_time("2029-04-01"):
            contract.action_expire()
        with freeze_time("2029-04-03"):
            self.env["hcc.contract"]._cron_statutory_notices()
        termination = self._notices(contract).filtered(
            lambda n: n.notice_kind == "contract_termination"
        )
        termination.with_user(self.user_cso).action_prepare()
        self.assertEqual(termination.fts_ocid, "ocds-h6vhtk-05a1b2")
        release = json.loads(termination.prepared_data)["releases"][0]
        self.assertEqual(release["ocid"], "ocds-h6vhtk-05a1b2")
        termination.with_user(self.user_cso).write(
            {
                "notice_identifier": "031999-2029",
                "date_published": "2029-04-03",
                "fts_ocid": "ocds-h6vhtk-0000ff",
            }
        )
        with (
            freeze_time("2029-04-03"),
            self.assertRaisesRegex(UserError, "already gave"),
        ):
            termination.with_user(self.user_cso).action_mark_published()
        with self.assertRaisesRegex(
            UserError,
            "is at the step “Published”: you cannot prepare the notice now. That "
            "can be done only at the step “Due” or “Prepared”.",
        ):
            notice.with_user(self.user_cso).action_prepare()

    def test_not_required_needs_reason_and_no_delete(self):
        notice = self._due_performance_notice()
        with self.assertRaisesRegex(UserError, "say why"):
            notice.with_user(self.user_cso).action_mark_not_required()
        self.assertEqual(notice.state, "due")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            notice.unlink()
        self.assertTrue(notice.exists())
        notice.with_user(self.user_cso).write(
            {"not_required_reason": "KPIs could not be assessed (s.52(4)(a))."}
        )
        notice.with_user(self.user_cso).action_mark_not_required()
        self.assertEqual(notice.state, "not_required")

    def test_access(self):
        notice = self._due_performance_notice()
        self.assertEqual(
            notice.with_user(self.user_sm).read(["state"])[0]["state"], "due"
        )
        self.assertEqual(notice.with_user(self.user_finance).state, "due")
        with self.assertRaises(AccessError):
            notice.with_user(self.user_sm_south).read(["state"])
        with self.assertRaises(AccessError):
            notice.with_user(self.user_viewer).write(
                {"notice_identifier": "000001-2027"}
            )
        with self.assertRaises(AccessError):
            notice.with_user(self.user_sm_other).write(
                {"notice_identifier": "000001-2027"}
            )
        self.assertFalse(notice.notice_identifier)
        notice.with_user(self.user_cm).write({"notice_identifier": "000002-2027"})
        self.assertEqual(notice.notice_identifier, "000002-2027")

    def test_check_now_needs_write_access(self):
        contract = self._live_contract(400000.0, date_end="2028-03-31")
        with freeze_time("2028-04-03"):
            contract.action_expire()
            with self.assertRaises(AccessError):
                contract.with_user(self.user_sm_other).action_check_statutory_notices()
            self.assertFalse(self._notices(contract))
            contract.with_user(self.user_cso).action_check_statutory_notices()
        self.assertEqual(self._notices(contract).notice_kind, "contract_termination")
