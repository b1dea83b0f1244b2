from datetime import datetime, time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hcc_contracts.tools.selection import selection_label

from .hcc_fts_notice_mixin import DRAFT_PREFIX

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
LEGAL_BASIS = {
    "scheme": "UKPGA",
    "id": "2023/54",
    "uri": "https://www.legislation.gov.uk/ukpga/2023/54/contents",
}
# s.51(2): the mandatory standstill period is eight working days
PA2023_STANDSTILL_WORKING_DAYS = 8
# s.53(3): the copy of a contract worth more than £5 million is published
PUBLICATION_VALUE = 5_000_000.0
OCDS_CONTRACT_STATUS = {
    "draft": "pending",
    "active": "active",
    "expired": "terminated",
    "terminated": "terminated",
}
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
    _inherit = [
        "hcc.fts.notice.mixin",
        "hcc.contract.record.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _fts_subject_field = "contract_id"

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

    def _fts_name_depends(self):
        # kept as it was: the name is recomputed when the due date moves
        return [*super()._fts_name_depends(), "date_due"]

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
        return super()._get_hcc_action_fields() | {"revision_id", "trigger_key"}

    # ------------------------------------------------------------------
    # The notice's contract (hcc.fts.notice.mixin)
    # ------------------------------------------------------------------
    def _fts_known_ocid(self):
        return self.contract_id.sudo().fts_ocid

    def _fts_record_ocid(self):
        """The first identifier typed back is the contract's from then on."""
        contract = self.contract_id.sudo()
        if not contract.fts_ocid:
            contract._hcc_record_fts_ocid(self.fts_ocid)

    def _fts_missing_identifier_message(self):
        return _(
            "Notice %(name)s: enter the identifier the Central Digital "
            "Platform gave the notice and its publication date first.",
            name=self.name,
        )

    def _fts_other_ocid_message(self, known):
        return _(
            "Notice %(name)s: Find a Tender already gave this contract's "
            "procurement the identifier %(ocid)s; every notice of it "
            "carries that one.",
            name=self.name,
            ocid=known,
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
        classification = self._ocds_cpv(self.contract_id.service_type_id.sudo())
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
