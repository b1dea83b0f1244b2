import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, is_html_empty

from odoo.addons.hcc_contracts.models.hcc_workflow_mixin import Transition
from odoo.addons.hcc_contracts.tools.selection import selection_label

from .hcc_contract import pa2023_threshold
from .hcc_statutory_notice import (
    DEFAULT_CPV,
    DRAFT_PREFIX,
    FTS_NOTICE_RE,
    FTS_NOTICE_URL,
    FTS_OCID_RE,
    LEGAL_BASIS,
    NOTICE_STATES,
    OCDS_EXTENSIONS,
    OGL_V3,
    ocds_datetime,
)

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
    _inherit = ["hcc.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
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
    reason = fields.Char(readonly=True, help="Why the notice is due.")
    date_due = fields.Date(string="Due By", required=True, readonly=True, index=True)
    state = fields.Selection(
        NOTICE_STATES,
        default="due",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    prepared_data = fields.Text(
        string="Prepared Data (OCDS)",
        readonly=True,
        copy=False,
        help="The notice as an Open Contracting Data Standard release.",
    )
    notice_identifier = fields.Char(
        tracking=True,
        copy=False,
        help="The notice's number on Find a Tender, e.g. 075961-2026, shown on "
        "the notice once published.",
    )
    fts_ocid = fields.Char(
        string="Procurement Identifier (ocid)",
        tracking=True,
        copy=False,
        help="The identifier Find a Tender gave the procurement with its first "
        "notice, e.g. ocds-h6vhtk-05a1b2. The contract awarded and its notices "
        "carry it.",
    )
    notice_url = fields.Char(
        string="Notice Link",
        tracking=True,
        copy=False,
        help="The address of the published notice on Find a Tender; left empty, "
        "it is the notice's page under its number.",
    )
    date_published = fields.Date(tracking=True, copy=False)
    not_required_reason = fields.Text(tracking=True, copy=False)

    _sql_constraints = [
        (
            "procurement_kind_uniq",
            "unique(procurement_id, notice_kind)",
            "This notice already exists for the procurement.",
        ),
    ]

    @api.depends("notice_kind", "procurement_id.name")
    def _compute_name(self):
        for notice in self:
            notice.name = _(
                "%(kind)s – %(ref)s",
                kind=selection_label(notice, "notice_kind", notice.notice_kind),
                ref=notice.procurement_id.name or "",
            )

    @api.constrains("notice_identifier", "fts_ocid", "notice_url")
    def _check_fts_identifiers(self):
        """What the officer types back from Find a Tender has its formats."""
        for notice in self:
            if notice.notice_identifier and not FTS_NOTICE_RE.match(
                notice.notice_identifier
            ):
                raise ValidationError(
                    _(
                        "Notice %(name)s: “%(value)s” is not a Find a Tender notice "
                        "number, which is six digits and the year, e.g. 075961-2026.",
                        name=notice.name,
                        value=notice.notice_identifier,
                    )
                )
            if notice.fts_ocid and not FTS_OCID_RE.match(notice.fts_ocid):
                raise ValidationError(
                    _(
                        "Notice %(name)s: “%(value)s” is not a Find a Tender "
                        "procurement identifier, which is “ocds-h6vhtk-” and six "
                        "characters 0-9 or a-f, e.g. ocds-h6vhtk-05a1b2.",
                        name=notice.name,
                        value=notice.fts_ocid,
                    )
                )
            if notice.notice_url and not notice.notice_url.startswith(
                FTS_NOTICE_URL % ""
            ):
                raise ValidationError(
                    _(
                        "Notice %(name)s: the link must be the notice's page on Find "
                        "a Tender, starting %(prefix)s.",
                        name=notice.name,
                        prefix=FTS_NOTICE_URL % "",
                    )
                )

    # ------------------------------------------------------------------
    # Closed by default
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_action_fields(self):
        """What falls due is worked out by the system; the state moves only
        through the buttons."""
        return super()._get_hcc_action_fields() | {
            "state",
            "notice_kind",
            "reason",
            "date_due",
            "prepared_data",
        }

    @api.model
    def _get_hcc_immutable_fields(self):
        """A notice stays with its procurement."""
        return super()._get_hcc_immutable_fields() | {"procurement_id"}

    @api.model
    def _get_hcc_first_step_fields(self):
        """Why a notice due is not required, said when it is so marked."""
        return super()._get_hcc_first_step_fields() | {"not_required_reason"}

    @api.model
    def _get_hcc_editable_fields(self):
        """A prepared notice takes what Find a Tender gave it; then it is the
        record of what was published."""
        editable = super()._get_hcc_editable_fields()
        editable["prepared"] = {
            "notice_identifier",
            "date_published",
            "fts_ocid",
            "notice_url",
        }
        return editable

    @api.model
    def _get_hcc_transitions(self):
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_prepare=Transition(
                ("due", "prepared"), "prepared", _("prepare the notice")
            ),
            action_mark_published=Transition(
                ("prepared",), "published", _("mark the notice as published")
            ),
            action_mark_not_required=Transition(
                ("due", "prepared"),
                "not_required",
                _("mark the notice as not required"),
            ),
        )
        return transitions

    @api.ondelete(at_uninstall=False)
    def _unlink_except_statutory(self):
        if self:
            raise UserError(
                _(
                    "Notice %(name)s is a statutory record and cannot be deleted: "
                    "mark it not required instead.",
                    name=self[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_prepare(self):
        """Fill the notice's data from the procurement as it stands today."""
        for notice in self:
            notice._hcc_check_transition("action_prepare")
            package = notice._get_ocds_package()
            notice._hcc_transition(
                "action_prepare",
                {"prepared_data": json.dumps(package, indent=2, ensure_ascii=False)},
            )
            known = notice.procurement_id._hcc_fts_ocid()
            if known and not notice.fts_ocid:
                notice.fts_ocid = known
        return True

    def action_mark_published(self):
        for notice in self:
            notice._hcc_check_transition("action_mark_published")
            if not (notice.notice_identifier and notice.date_published):
                raise UserError(
                    _(
                        "Notice %(name)s: enter the identifier Find a Tender gave "
                        "the notice and its publication date first.",
                        name=notice.name,
                    )
                )
            if notice.date_published > fields.Date.context_today(self):
                raise UserError(
                    _(
                        "Notice %(name)s: the publication date cannot be in the "
                        "future.",
                        name=notice.name,
                    )
                )
            known = notice.procurement_id._hcc_fts_ocid()
            if not (notice.fts_ocid or known):
                raise UserError(
                    _(
                        "Notice %(name)s: enter the procurement identifier (OCID) "
                        "Find a Tender shows on the published notice, e.g. "
                        "ocds-h6vhtk-05a1b2.",
                        name=notice.name,
                    )
                )
            if known and notice.fts_ocid not in (False, known):
                raise UserError(
                    _(
                        "Notice %(name)s: Find a Tender already gave this "
                        "procurement the identifier %(ocid)s; every notice of it "
                        "carries that one.",
                        name=notice.name,
                        ocid=known,
                    )
                )
        for notice in self:
            notice.fts_ocid = notice.fts_ocid or notice.procurement_id._hcc_fts_ocid()
            notice.notice_url = notice.notice_url or (
                FTS_NOTICE_URL % notice.notice_identifier
            )
        self._hcc_transition("action_mark_published")
        self._close_due_activities(_("Notice published."))
        return True

    def action_mark_not_required(self):
        for notice in self:
            notice._hcc_check_transition("action_mark_not_required")
            if not notice.not_required_reason:
                raise UserError(
                    _(
                        "Notice %(name)s: say why the notice is not required before "
                        "closing it.",
                        name=notice.name,
                    )
                )
        self._hcc_transition("action_mark_not_required")
        self._close_due_activities(_("Notice not required."))
        return True

    def action_export_json(self):
        """Download the prepared OCDS release package as a JSON file."""
        self.ensure_one()
        if not self.prepared_data:
            raise UserError(
                _("Notice %(name)s has not been prepared yet.", name=self.name)
            )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.procurement_id.name}-{self.notice_kind}.json",
                "raw": self.prepared_data.encode(),
                "mimetype": "application/json",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    def _close_due_activities(self, feedback):
        self.sudo().activity_feedback(
            ["hcc_contracts_procurement_act.mail_activity_type_statutory_notice_due"],
            feedback=feedback,
        )

    # ------------------------------------------------------------------
    # The notice as Find a Tender publishes it
    # ------------------------------------------------------------------
    def _get_ocds_package(self):
        self.ensure_one()
        company = self.procurement_id.company_id.sudo()
        publisher = {"name": company.name}
        if company.hcc_ppon:
            publisher.update(scheme="GB-PPON", uid=company.hcc_ppon)
        release = self._get_ocds_release()
        return {
            "uri": f"urn:hcc:{release['ocid']}:{release['id']}",
            "version": "1.1",
            "extensions": list(OCDS_EXTENSIONS),
            "publishedDate": release["date"],
            "publisher": publisher,
            "license": OGL_V3,
            "releases": [release],
        }

    def _get_ocds_release(self):
        """The tender notice (UK4): the procurement with its legal basis, the
        council as buyer, the service's CPV code, its estimated value net and
        gross, the deadline for tenders and the contract's expected period;
        the procurement termination notice (UK12): the same procurement,
        cancelled, on the day it was."""
        self.ensure_one()
        procurement = self.procurement_id.sudo()
        company = procurement.company_id
        buyer = self.env["hcc.statutory.notice"]._ocds_party(
            company.partner_id, "buyer", buyer=True
        )
        buyer["name"] = company.name
        buyer["details"] = {
            "classifications": [
                {
                    "scheme": "UK_CA_TYPE",
                    "id": "publicAuthoritySubCentralGovernment",
                    "description": "Public authority - sub-central government",
                }
            ]
        }
        if company.website:
            buyer["details"]["url"] = company.website
        ocid = procurement._hcc_fts_ocid() or f"{DRAFT_PREFIX}-{procurement.name}"
        return {
            "ocid": ocid,
            "id": self.notice_identifier
            or f"{DRAFT_PREFIX}-{procurement.name}-{self.notice_kind}-{self.id}",
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
        service_type = procurement.service_type_id
        cpv = {
            "scheme": "CPV",
            "id": service_type.hcc_cpv_code or DEFAULT_CPV[0],
            "description": (
                service_type.hcc_cpv_description
                if service_type.hcc_cpv_code
                else DEFAULT_CPV[1]
            ),
        }
        cpv = {key: value for key, value in cpv.items() if value}
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
