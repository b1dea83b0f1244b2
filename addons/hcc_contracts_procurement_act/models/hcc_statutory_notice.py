import json
import re
from datetime import datetime, time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hcc_contracts.models.hcc_workflow_mixin import Transition
from odoo.addons.hcc_contracts.tools.selection import selection_label

NOTICE_KINDS = [
    ("contract_award", "Contract award notice"),
    ("contract_details", "Contract details notice"),
    # withdrawn: Find a Tender has no such notice, the copy of the contract is a
    # document on the contract details notice; kept for the records made before
    ("contract_publication", "Publication of the contract (withdrawn)"),
    ("contract_performance", "Contract performance notice"),
    ("contract_change", "Contract change notice"),
    ("contract_termination", "Contract termination notice"),
]
NOTICE_STATES = [
    ("due", "Due"),
    ("prepared", "Prepared"),
    ("published", "Published"),
    ("not_required", "Not required"),
]
# a KPI rating of ours in the codes of a contract performance notice (UK9) on
# Find a Tender: met, slightly below, below, significantly below the target
OCDS_RATINGS = {
    "good": "met",
    "approaching": "slightlyBelow",
    "requires_improvement": "below",
    "inadequate": "significantlyBelow",
}
RATING_LABELS = {
    "met": "Met",
    "slightlyBelow": "Slightly below",
    "below": "Below",
    "significantlyBelow": "Significantly below",
    "other": "Other",
}
# why a contract ended, in the codes of a contract termination notice (UK11)
TERMINATION_LABELS = {
    "contractCompleted": "Contract completed",
    "breachOfContract": "Breach of contract",
    "mutuallyAgreed": "Mutually agreed",
    "other": "Other",
}
# the buyer's classification Find a Tender gives a county council
BUYER_CLASSIFICATION = {
    "scheme": "UK_CA_TYPE",
    "id": "publicAuthoritySubCentralGovernment",
    "description": "Public authority - sub-central government",
}
LEGAL_BASIS = {
    "scheme": "UKPGA",
    "id": "2023/54",
    "uri": "https://www.legislation.gov.uk/ukpga/2023/54/contents",
}
# the CPV code of a service type no council mapped yet
DEFAULT_CPV = ("85300000", "Social work and related services")
# s.51(2): the mandatory standstill period is eight working days
PA2023_STANDSTILL_WORKING_DAYS = 8
# s.53(3): the copy of a contract worth more than £5 million is published
PUBLICATION_VALUE = 5_000_000.0
OGL_V3 = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
# the extensions whose fields the notices use: Find a Tender's own (UK), and
# the metrics (UK9) and contract completion (UK11) extensions
OCDS_EXTENSIONS = (
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_contract_completion_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_legalBasis_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
)
OCDS_CONTRACT_STATUS = {
    "draft": "pending",
    "active": "active",
    "expired": "terminated",
    "terminated": "terminated",
}
# Find a Tender's identifiers, as its API documents them: the procurement's
# ocid (its registered prefix and six hexadecimal digits, one per procurement)
# and the notice's number (six digits and the year of publication)
FTS_OCID_RE = re.compile(r"^ocds-h6vhtk-[0-9a-f]{6}$")
FTS_NOTICE_RE = re.compile(r"^[0-9]{6}-[0-9]{4}$")
FTS_NOTICE_URL = "https://www.find-tender.service.gov.uk/Notice/%s"
# what our notices carry before Find a Tender gives them their identifiers
DRAFT_PREFIX = "draft"
# the notice types of the Procurement Regulations 2024 and the release tags
# (OCDS 1.1 closed codelist releaseTag) Find a Tender gives each
FTS_NOTICE_TYPES = {
    "contract_award": "UK6",
    "contract_details": "UK7",
    "contract_performance": "UK9",
    "contract_change": "UK10",
    "contract_termination": "UK11",
}
OCDS_TAGS = {
    "contract_award": ["award", "contract"],
    "contract_details": ["award", "contract"],
    "contract_publication": ["contractUpdate"],
    "contract_performance": ["implementation"],
    "contract_change": ["contractAmendment"],
    "contract_termination": ["contractTermination"],
}
UK_TZ = pytz.timezone("Europe/London")


def ocds_datetime(day, end_of_day=False):
    """An OCDS date-time (RFC 3339) for a calendar date: the start, or the last
    second, of that day in the United Kingdom; None when there is no date."""
    if not day:
        return None
    moment = datetime.combine(day, time.max if end_of_day else time.min)
    return UK_TZ.localize(moment.replace(microsecond=0)).isoformat()


class HccStatutoryNotice(models.Model):
    """A notice the Procurement Act 2023 requires the council to publish on the
    Central Digital Platform about a contract it awards or manages (contract
    award, s.50; contract details and the copy of the contract, s.53; contract
    performance, s.71; contract change, s.75; contract termination, s.80),
    raised by the procurement steps or by the scheduler when it falls due; the
    support officer prepares it from the contract's own data, publishes it on
    the platform and records the notice identifier here."""

    _name = "hcc.statutory.notice"
    _description = "Statutory Notice (Procurement Act 2023)"
    _inherit = ["hcc.contract.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    notice_kind = fields.Selection(
        NOTICE_KINDS, string="Notice", required=True, readonly=True, index=True
    )
    contract_id = fields.Many2one(readonly=True)
    partner_id = fields.Many2one(store=True)
    support_officer_id = fields.Many2one(related="contract_id.support_officer_id")
    revision_id = fields.Many2one(
        "hcc.contract.revision",
        readonly=True,
        check_company=True,
        help="The qualifying modification a contract change notice announces.",
    )
    trigger_key = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        help="What made the notice fall due; one notice per contract and trigger.",
    )
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
        "notice, e.g. ocds-h6vhtk-05a1b2 (its “OCID”). Every later notice of the "
        "procurement carries it: it is filled in from the contract once known.",
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
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )

    _sql_constraints = [
        (
            "contract_trigger_uniq",
            "unique(contract_id, trigger_key)",
            "This notice already exists for the contract.",
        ),
    ]

    @api.depends("notice_kind", "contract_id.name", "date_due")
    def _compute_name(self):
        for notice in self:
            notice.name = _(
                "%(kind)s – %(ref)s",
                kind=selection_label(notice, "notice_kind", notice.notice_kind),
                ref=notice.contract_id.name or "",
            )

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for notice in self:
            notice.is_overdue = notice.state in ("due", "prepared") and (
                notice.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on “Overdue”."))
        domain = [
            ("state", "in", ("due", "prepared")),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

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

    @api.constrains("date_published", "notice_identifier", "state")
    def _check_published(self):
        for notice in self:
            if notice.state == "published" and not (
                notice.notice_identifier and notice.date_published
            ):
                raise ValidationError(
                    _(
                        "Notice %(name)s: a published notice needs its notice "
                        "identifier and publication date.",
                        name=notice.name,
                    )
                )

    @api.model
    def _get_hcc_action_fields(self):
        """What the Act makes due is worked out by the system; the state moves
        only through the buttons."""
        return super()._get_hcc_action_fields() | {
            "state",
            "notice_kind",
            "revision_id",
            "trigger_key",
            "reason",
            "date_due",
            "prepared_data",
        }

    @api.model
    def _get_hcc_first_step_fields(self):
        """Why a notice due is not required, said when it is so marked."""
        return super()._get_hcc_first_step_fields() | {"not_required_reason"}

    @api.model
    def _get_hcc_editable_fields(self):
        """A prepared notice takes the identifier and the date the Central
        Digital Platform gave it; then it is the record of what was published."""
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
        """A notice due is prepared (again, until it is published), then
        published on the Central Digital Platform or marked not required."""
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
        """Fill the notice's data from the contract as it stands today."""
        for notice in self:
            notice._hcc_check_transition("action_prepare")
            vals = {
                "prepared_data": json.dumps(
                    notice._get_ocds_package(), indent=2, ensure_ascii=False
                ),
            }
            notice._hcc_transition("action_prepare", vals)
            known = notice.contract_id.sudo().fts_ocid
            if known and not notice.fts_ocid:
                notice.fts_ocid = known
        return True

    def action_mark_published(self):
        for notice in self:
            notice._hcc_check_transition("action_mark_published")
            if not (notice.notice_identifier and notice.date_published):
                raise UserError(
                    _(
                        "Notice %(name)s: enter the identifier the Central Digital "
                        "Platform gave the notice and its publication date first.",
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
            contract = notice.contract_id.sudo()
            if not (notice.fts_ocid or contract.fts_ocid):
                raise UserError(
                    _(
                        "Notice %(name)s: enter the procurement identifier (OCID) "
                        "Find a Tender shows on the published notice, e.g. "
                        "ocds-h6vhtk-05a1b2.",
                        name=notice.name,
                    )
                )
            if contract.fts_ocid and notice.fts_ocid not in (False, contract.fts_ocid):
                raise UserError(
                    _(
                        "Notice %(name)s: Find a Tender already gave this contract's "
                        "procurement the identifier %(ocid)s; every notice of it "
                        "carries that one.",
                        name=notice.name,
                        ocid=contract.fts_ocid,
                    )
                )
        for notice in self:
            contract = notice.contract_id.sudo()
            notice.fts_ocid = notice.fts_ocid or contract.fts_ocid
            notice.notice_url = notice.notice_url or (
                FTS_NOTICE_URL % notice.notice_identifier
            )
            if not contract.fts_ocid:
                contract._hcc_record_fts_ocid(notice.fts_ocid)
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
        """Download the prepared OCDS release as a JSON file."""
        self.ensure_one()
        if not self.prepared_data:
            raise UserError(
                _("Notice %(name)s has not been prepared yet.", name=self.name)
            )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.contract_id.name}-{self.notice_kind}.json",
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

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _close_due_activities(self, feedback):
        """Mark the reminders done, whoever they were for, keeping them in the
        chatter as evidence."""
        self.sudo().activity_feedback(
            ["hcc_contracts_procurement_act.mail_activity_type_statutory_notice_due"],
            feedback=feedback,
        )

    # ------------------------------------------------------------------
    # The notice as Find a Tender publishes it (OCDS 1.1 and its UK extension)
    # ------------------------------------------------------------------
    def _get_ocid(self):
        """Find a Tender's identifier of the procurement once the officer
        recorded it; before, a draft identifier of ours (``draft-`` and the
        contract's reference), never one under Find a Tender's prefix."""
        self.ensure_one()
        known = self.fts_ocid or self.contract_id.sudo().fts_ocid
        return known or f"{DRAFT_PREFIX}-{self.contract_id.name}"

    def _get_ocds_release_id(self):
        """Find a Tender's release id is the notice's number; ours, until the
        officer records it, is a draft id unique within the procurement."""
        self.ensure_one()
        if self.notice_identifier:
            return self.notice_identifier
        return f"{DRAFT_PREFIX}-{self.contract_id.name}-{self.notice_kind}-{self.id}"

    def _get_ocds_package(self):
        """The release in an OCDS release package, as Find a Tender's API
        serves its notices: the council as publisher, the Open Government
        Licence, and the extensions its fields come from."""
        self.ensure_one()
        company = self.contract_id.company_id
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
        """The notice as an OCDS 1.1 release shaped as Find a Tender publishes
        the Procurement Act notice of its type: the parties with identifiers,
        addresses, contact points and details, the ``tender`` block of the
        procurement, net and gross values, and per type the award (UK6), the
        contract entered into (UK7), the KPI assessments (UK9), the change
        (UK10) and the end (UK11). Dates are date-times at the start (or end)
        of the day in the United Kingdom."""
        self.ensure_one()
        buyer = self._get_ocds_buyer()
        supplier = self._get_ocds_supplier()
        release = {
            "ocid": self._get_ocid(),
            "id": self._get_ocds_release_id(),
            "date": fields.Datetime.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tag": self._get_ocds_tag(),
            "initiationType": "tender",
            "language": "en",
            "parties": [buyer, supplier],
            "buyer": {"id": buyer["id"], "name": buyer["name"]},
            "tender": self._get_ocds_tender(),
            "awards": [self._get_ocds_award(supplier)],
        }
        ocds_contract = self._get_ocds_contract()
        if ocds_contract:
            release["contracts"] = [ocds_contract]
        return release

    def _get_ocds_tag(self):
        return list(OCDS_TAGS[self.notice_kind])

    def _ocds_party(self, partner, role, buyer=False):
        identifiers = partner._hcc_ocds_identifiers(buyer=buyer)
        party = {
            "id": (
                f"{identifiers[0]['scheme']}-{identifiers[0]['id']}"
                if identifiers
                else f"{DRAFT_PREFIX}-party-{partner.id}"
            ),
            "name": partner.name,
        }
        if identifiers:
            party["identifier"] = identifiers[0]
        if identifiers[1:]:
            party["additionalIdentifiers"] = identifiers[1:]
        address = partner._hcc_ocds_address()
        if address:
            party["address"] = address
        if partner.email:
            # an organisation's mailbox, named after it: no officer's name
            party["contactPoint"] = {"name": partner.name, "email": partner.email}
        party["roles"] = [role]
        return party

    def _get_ocds_buyer(self):
        """The council, classified as Find a Tender classifies a county
        council: a public authority of sub-central government."""
        company = self.contract_id.company_id.sudo()
        party = self._ocds_party(company.partner_id, "buyer", buyer=True)
        party["name"] = company.name
        details = {"classifications": [dict(BUYER_CLASSIFICATION)]}
        if company.website:
            details["url"] = company.website
        party["details"] = details
        return party

    def _get_ocds_supplier(self):
        """The provider, with its size (SME or large) and VCSE status as
        recorded on it; left out while nobody recorded them."""
        partner = self.contract_id.partner_id.sudo().commercial_partner_id
        party = self._ocds_party(partner, "supplier")
        details = {}
        if partner.hcc_is_sme:
            details["scale"] = "sme" if partner.hcc_is_sme == "yes" else "large"
        if partner.hcc_is_vcse:
            details["vcse"] = partner.hcc_is_vcse == "yes"
        if details:
            party["details"] = details
        return party

    def _get_ocds_tender(self):
        """The procurement as every Procurement Act notice carries it: its
        reference, title and legal basis (the Act)."""
        contract = self.contract_id
        procurement = contract.sudo().procurement_id
        return {
            "id": procurement.name or contract.name,
            "title": procurement.title or contract.title,
            "legalBasis": dict(LEGAL_BASIS),
            "mainProcurementCategory": "services",
        }

    def _ocds_value(self, amount):
        """A value net and gross: the gross adds the council's VAT rate for
        notices (Settings), none for the exempt care most contracts buy."""
        contract = self.contract_id
        rate = contract.company_id.sudo().hcc_ocds_vat_rate or 0.0
        currency = contract.currency_id
        return {
            "amount": currency.round(amount),
            "amountGross": currency.round(amount * (1 + rate / 100.0)),
            "currency": currency.name,
        }

    def _get_ocds_value(self):
        return self._ocds_value(self.contract_id._hcc_contract_value())

    def _get_ocds_items(self):
        """One item classified with the CPV code of the contract's service
        type (a council maps each service type once), else social work and
        related services."""
        service_type = self.contract_id.service_type_id.sudo()
        classification = {
            "scheme": "CPV",
            "id": service_type.hcc_cpv_code or DEFAULT_CPV[0],
            "description": (
                service_type.hcc_cpv_description
                if service_type.hcc_cpv_code
                else DEFAULT_CPV[1]
            ),
        }
        classification = {k: v for k, v in classification.items() if v}
        return [
            {
                "id": "1",
                "additionalClassifications": [classification],
                "relatedLot": "1",
            }
        ]

    def _get_ocds_award(self, supplier):
        """The award; pending while the contract award notice announces the
        intention to enter into the contract (s.50), with its standstill
        period, active afterwards."""
        contract = self.contract_id
        procurement = contract.sudo().procurement_id
        award = {
            "id": "1",
            "status": "pending" if self.notice_kind == "contract_award" else "active",
            "title": contract.title,
            "value": self._get_ocds_value(),
            "suppliers": [{"id": supplier["id"], "name": supplier["name"]}],
            "contractPeriod": self._get_ocds_period(),
            "aboveThreshold": bool(contract.pa_above_threshold),
            "mainProcurementCategory": "services",
            "items": self._get_ocds_items(),
            "relatedLots": ["1"],
        }
        if procurement.date_awarded:
            award["date"] = ocds_datetime(procurement.date_awarded)
        if self.notice_kind == "contract_award":
            start, end = self._get_standstill()
            award["standstillPeriod"] = {
                "startDate": ocds_datetime(start),
                "endDate": ocds_datetime(end, end_of_day=True),
            }
        return award

    def _get_standstill(self):
        """The standstill of s.51: eight working days from the day the award
        notice is published (today while it is being prepared), weekends and
        bank holidays not counted (the public holidays of the council's
        working schedule, where the bank holidays of England and Wales are
        kept)."""
        start = self.date_published or fields.Date.context_today(self)
        company = self.contract_id.company_id.sudo()
        end = company._hcc_add_working_days(start, PA2023_STANDSTILL_WORKING_DAYS)
        return start, end

    def _get_ocds_period(self):
        contract = self.contract_id
        return {
            "startDate": ocds_datetime(contract.date_start),
            "endDate": ocds_datetime(
                contract.termination_date or contract.date_end, end_of_day=True
            ),
        }

    def _get_ocds_contract(self):
        """The contract block of each type: to be signed after the standstill
        (UK6, its signature date a milestone), entered into (UK7, with the copy
        of a contract over £5 million as its signed-contract document), its
        KPI assessments (UK9), its change (UK10), its end (UK11)."""
        contract = self.contract_id
        signed = contract.sudo().procurement_id.date_countersigned
        ocds_contract = {
            "id": "1",
            "awardID": "1",
            "title": contract.title,
            "status": OCDS_CONTRACT_STATUS[contract.state],
            "value": self._get_ocds_value(),
            "period": self._get_ocds_period(),
            "aboveThreshold": bool(contract.pa_above_threshold),
        }
        kind = self.notice_kind
        if kind == "contract_award":
            ocds_contract["status"] = "pending"
            ocds_contract["milestones"] = [
                {
                    "id": "1",
                    "type": "futureSignatureDate",
                    "dueDate": ocds_datetime(self._get_standstill()[1]),
                }
            ]
            return ocds_contract
        if signed:
            ocds_contract["dateSigned"] = ocds_datetime(signed)
        if kind in ("contract_details", "contract_publication") and (
            contract.pa_estimated_value > PUBLICATION_VALUE
        ):
            ocds_contract["documents"] = [
                {
                    "id": f"{contract.name}-contract",
                    "documentType": "contractSigned",
                    "title": f"{contract.name} {contract.title}",
                    "language": "en",
                }
            ]
        if kind == "contract_performance":
            ocds_contract["implementation"] = {"metrics": self._get_ocds_metrics()}
        if kind == "contract_change" and self.revision_id:
            ocds_contract["amendments"] = [self._get_ocds_amendment()]
        if kind == "contract_termination":
            ocds_contract.update(self._get_ocds_termination())
        return ocds_contract

    def _get_ocds_amendment(self):
        """The qualifying modification: its reason, the contract's value and
        period once changed, and the date it takes effect."""
        revision = self.revision_id.sudo()
        contract = self.contract_id
        changes = {line.field_name: line._new_value() for line in revision.line_ids}
        value = changes.get("contract_value") or contract._hcc_contract_value()
        end = changes.get("date_end") or contract.date_end
        start = changes.get("date_start") or contract.date_start
        reason_label = selection_label(revision, "reason", revision.reason)
        return {
            "id": revision.name,
            "date": ocds_datetime(revision.date_effective),
            "rationale": revision.title,
            "description": revision.reason_detail or revision.title,
            "rationaleClassifications": [
                {
                    "scheme": "hcc-revision-reason",
                    "id": revision.reason,
                    "description": reason_label,
                }
            ],
            "value": self._ocds_value(value),
            "period": {
                "startDate": ocds_datetime(fields.Date.to_date(start)),
                "endDate": ocds_datetime(fields.Date.to_date(end), end_of_day=True),
            },
            "aboveThreshold": bool(contract.pa_above_threshold),
            "standstill": False,
        }

    def _get_ocds_termination(self):
        """How the contract ended, in Find a Tender's codes: completed at the
        end of its term, terminated for breach, or ended early otherwise; the
        end date and the final value, net and gross."""
        contract = self.contract_id
        if contract.state == "expired":
            code = "contractCompleted"
        elif contract.termination_fundamental_breach:
            code = "breachOfContract"
        else:
            code = "other"
        end = contract.termination_date or contract.date_end
        return {
            "terminationRationaleClassifications": [
                {"id": code, "description": TERMINATION_LABELS[code]}
            ],
            # the contract completion extension, as Find a Tender places them
            "implementation": {
                "endDate": ocds_datetime(end, end_of_day=True),
                "finalValue": self._get_ocds_value(),
            },
        }

    def _get_ocds_metrics(self):
        """Each key performance indicator with its target in its description
        and, once measured, the latest measure and its rating in Find a
        Tender's codes (``measureClassification``)."""
        values = self.env["hcc.data.return.indicator.value"].search(
            [
                ("contract_id", "=", self.contract_id.id),
                ("rating", "!=", False),
            ],
            order="id desc",
        )
        latest = {}
        for line in values.sorted(lambda v: v.return_id.date_to, reverse=True):
            latest.setdefault(line.indicator_id, line)
        metrics = []
        for indicator in self.contract_id.indicator_ids:
            unit = {"unit": {"name": indicator.unit}} if indicator.unit else {}
            metric = {
                "id": str(indicator.id),
                "title": indicator.name,
                "description": f"Target: {indicator.target:g}"
                + (f" {indicator.unit}" if indicator.unit else ""),
                "observations": [],
            }
            line = latest.get(indicator)
            if line:
                code = OCDS_RATINGS[line.rating]
                metric["observations"].append(
                    {
                        "id": f"{indicator.id}-{line.return_id.id}",
                        "measure": line.value,
                        "measureClassification": {
                            "id": code,
                            "description": RATING_LABELS[code],
                        },
                        "period": {
                            "startDate": ocds_datetime(line.return_id.date_from),
                            "endDate": ocds_datetime(
                                line.return_id.date_to, end_of_day=True
                            ),
                        },
                        **unit,
                    }
                )
            metrics.append(metric)
        return metrics
