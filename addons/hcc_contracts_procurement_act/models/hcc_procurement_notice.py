from odoo import api, fields, models
from odoo.tools import html2plaintext, is_html_empty

from .hcc_contract import pa2023_threshold
from .hcc_fts_notice_mixin import DRAFT_PREFIX
from .hcc_statutory_notice import LEGAL_BASIS, ocds_datetime

PROCUREMENT_NOTICE_KINDS = [
    ("tender", "Tender notice"),
    ("procurement_termination", "Procurement termination notice"),
]
# the notice types of the Procurement Regulations 2024 and the release tags
# (OCDS 1.1 closed codelist releaseTag) of a tender and of its cancellation
FTS_PROCUREMENT_NOTICE_TYPES = {
    "tender": "UK4",
    "procurement_termination": "UK12",
}
PROCUREMENT_OCDS_TAGS = {
    "tender": ["tender"],
    "procurement_termination": ["tenderCancellation"],
}


class HccProcurementNotice(models.Model):
    """A notice the Procurement Act 2023 requires of a procurement before any
    contract exists: the tender notice that opens a competitive tender (s.21,
    UK4 on Find a Tender) and, when a procurement whose tender notice was
    published is cancelled, the procurement termination notice (s.55, UK12).
    Raised by the procurement steps; the support officer prepares it, publishes
    it on Find a Tender and types back what Find a Tender gave it. The
    identifier of the procurement typed back on the tender notice is the one
    every later notice of the procurement carries."""

    _name = "hcc.procurement.notice"
    _description = "Procurement Notice (Procurement Act 2023)"
    _inherit = [
        "hcc.fts.notice.mixin",
        "hcc.workflow.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _fts_subject_field = "procurement_id"

    notice_kind = fields.Selection(
        PROCUREMENT_NOTICE_KINDS,
        string="Notice",
        required=True,
        readonly=True,
        index=True,
    )
    procurement_id = fields.Many2one(
        "hcc.procurement",
        required=True,
        readonly=True,
        ondelete="restrict",
        index=True,
    )
    company_id = fields.Many2one(
        related="procurement_id.company_id", store=True, index=True, precompute=True
    )
    support_officer_id = fields.Many2one(related="procurement_id.support_officer_id")
    fts_ocid = fields.Char(
        help="The identifier Find a Tender gave the procurement with its first "
        "notice, e.g. ocds-h6vhtk-05a1b2. The contract awarded and its notices "
        "carry it.",
    )

    _sql_constraints = [
        (
            "procurement_kind_uniq",
            "unique(procurement_id, notice_kind)",
            "This notice already exists for the procurement.",
        ),
    ]

    # ------------------------------------------------------------------
    # Closed by default
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_immutable_fields(self):
        """A notice stays with its procurement."""
        return super()._get_hcc_immutable_fields() | {"procurement_id"}

    # ------------------------------------------------------------------
    # The notice's procurement (hcc.fts.notice.mixin)
    # ------------------------------------------------------------------
    def _fts_known_ocid(self):
        return self.procurement_id._hcc_fts_ocid()

    # ------------------------------------------------------------------
    # The notice as Find a Tender publishes it
    # ------------------------------------------------------------------
    def _get_ocds_release(self):
        """The tender notice (UK4): the procurement with its legal basis, the
        council as buyer, the service's CPV code, its estimated value net and
        gross, the deadline for tenders and the contract's expected period;
        the procurement termination notice (UK12): the same procurement,
        cancelled, on the day it was."""
        self.ensure_one()
        procurement = self.procurement_id.sudo()
        buyer = self._get_ocds_buyer()
        ocid = procurement._hcc_fts_ocid() or f"{DRAFT_PREFIX}-{procurement.name}"
        return {
            "ocid": ocid,
            "id": self._get_ocds_release_id(),
            "date": fields.Datetime.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tag": list(PROCUREMENT_OCDS_TAGS[self.notice_kind]),
            "initiationType": "tender",
            "language": "en",
            "parties": [buyer],
            "buyer": {"id": buyer["id"], "name": buyer["name"]},
            "tender": self._get_ocds_tender(),
        }

    def _get_ocds_tender(self):
        procurement = self.procurement_id.sudo()
        cpv = self._ocds_cpv(procurement.service_type_id)
        period = {
            "startDate": ocds_datetime(procurement.date_contract_start),
            "endDate": ocds_datetime(procurement.date_contract_end, end_of_day=True),
        }
        period = {key: value for key, value in period.items() if value}
        cancelled = self.notice_kind == "procurement_termination"
        lot = {"id": "1", "title": procurement.title, "status": "active"}
        if period:
            lot["contractPeriod"] = period
        tender = {
            "id": procurement.name,
            "title": procurement.title,
            "legalBasis": dict(LEGAL_BASIS),
            "status": "cancelled" if cancelled else "active",
            "mainProcurementCategory": "services",
            "procurementMethod": "open",
            "procurementMethodDetails": "Open procedure",
            "aboveThreshold": procurement._hcc_above_threshold(),
            "classification": cpv,
            "items": [
                {"id": "1", "additionalClassifications": [cpv], "relatedLot": "1"}
            ],
            "lots": [lot],
        }
        if procurement.is_light_touch:
            tender["specialRegime"] = ["lightTouch"]
        description = procurement.advert_text
        if description and not is_html_empty(description):
            tender["description"] = html2plaintext(description)
        if procurement.estimated_value:
            value = self._ocds_value(procurement.estimated_value)
            tender["value"] = value
            lot["value"] = dict(value)
        if procurement.date_closing:
            tender["tenderPeriod"] = {
                "endDate": ocds_datetime(procurement.date_closing, end_of_day=True)
            }
        if period:
            tender["contractPeriod"] = period
        if cancelled:
            lot["status"] = "cancelled"
            tender["finalStatusDate"] = ocds_datetime(self.date_due)
        return tender

    def _ocds_value(self, gross):
        """The estimate is kept VAT included (the Act's thresholds are): the
        net amount takes the council's VAT rate for notices off it."""
        company = self.procurement_id.company_id.sudo()
        rate = company.hcc_ocds_vat_rate or 0.0
        currency = self.procurement_id.currency_id or company.currency_id
        return {
            "amount": currency.round(gross / (1 + rate / 100.0)),
            "amountGross": currency.round(gross),
            "currency": currency.name,
        }


class HccProcurement(models.Model):
    _inherit = "hcc.procurement"

    notice_ids = fields.One2many(
        "hcc.procurement.notice", "procurement_id", string="Procurement Notices"
    )

    @api.model
    def _get_hcc_action_fields(self):
        """The notices of a procurement are raised by its steps, never
        written through it."""
        return super()._get_hcc_action_fields() | {"notice_ids"}

    def _hcc_fts_ocid(self):
        """Find a Tender's identifier of the procurement: typed back on its
        tender notice, else on the award notice of its contract."""
        self.ensure_one()
        published = self.sudo().notice_ids.filtered(
            lambda n: n.state == "published" and n.fts_ocid
        )
        return published[:1].fts_ocid or self.sudo().awarded_contract_id.fts_ocid

    def _hcc_above_threshold(self):
        """Whether the estimate reaches the Act's threshold for the contract
        (light touch or not) to start on the proposed date."""
        self.ensure_one()
        threshold = pa2023_threshold(
            self.is_light_touch,
            self.date_contract_start or fields.Date.context_today(self),
        )
        return bool(self.estimated_value) and self.estimated_value >= threshold
