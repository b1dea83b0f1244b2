import json
from datetime import datetime, time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.hcc_contracts.models.hcc_workflow_mixin import Transition
from odoo.addons.hcc_contracts.tools.selection import selection_label

NOTICE_KINDS = [
    ("contract_award", "Contract award notice"),
    ("contract_details", "Contract details notice"),
    ("contract_publication", "Publication of the contract"),
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
# the rating words of the Procurement Regulations 2024 for a contract performance
# notice, as the Central Digital Platform spells them in its OCDS data
OCDS_RATINGS = {
    "good": "good",
    "approaching": "approachingTarget",
    "requires_improvement": "requiresImprovement",
    "inadequate": "inadequate",
}
OCDS_CONTRACT_STATUS = {
    "draft": "pending",
    "active": "active",
    "expired": "terminated",
    "terminated": "terminated",
}
# the Central Digital Platform's registered OCDS prefix, used when none is set
DEFAULT_OCID_PREFIX = "ocds-h6vhtk"
# the release tag (OCDS 1.1 closed codelist releaseTag) of each kind of notice
OCDS_TAGS = {
    "contract_award": "award",
    "contract_details": "contract",
    "contract_publication": "contractUpdate",
    "contract_performance": "implementationUpdate",
    "contract_change": "contractAmendment",
    "contract_termination": "contractTermination",
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
        help="Identifier given by the Central Digital Platform.",
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
        editable["prepared"] = {"notice_identifier", "date_published"}
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
            notice._hcc_transition(
                "action_prepare",
                {
                    "prepared_data": json.dumps(
                        notice._get_ocds_release(), indent=2, ensure_ascii=False
                    ),
                },
            )
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

    def _get_ocid(self):
        prefix = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(
                "hcc_contracts_procurement_act.ocds_ocid_prefix", DEFAULT_OCID_PREFIX
            )
        )
        return f"{prefix}-{self.contract_id.name}"

    def _get_ocds_release(self):
        """The notice as an OCDS 1.1 release, valid against the release schema
        with format checking: the fields it requires (ocid, id, date, tag,
        initiationType), the parties with their roles, the award and the
        contract. Dates are date-times at the start (or end) of the day in the
        United Kingdom. Performance ratings use the OCDS metrics extension."""
        self.ensure_one()
        buyer = self._get_ocds_buyer()
        supplier = self._get_ocds_supplier()
        release = {
            "ocid": self._get_ocid(),
            "id": f"{self._get_ocid()}-{self.notice_kind}-{self.id}",
            "date": fields.Datetime.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tag": self._get_ocds_tag(),
            "initiationType": "tender",
            "language": "en",
            "parties": [
                {**buyer, "roles": ["buyer"]},
                {**supplier, "roles": ["supplier"]},
            ],
            "buyer": {"id": buyer["id"], "name": buyer["name"]},
            "awards": [self._get_ocds_award(supplier)],
        }
        ocds_contract = self._get_ocds_contract()
        if ocds_contract:
            release["contracts"] = [ocds_contract]
        return release

    def _get_ocds_tag(self):
        return [OCDS_TAGS[self.notice_kind]]

    def _get_ocds_buyer(self):
        company = self.contract_id.company_id
        return {"id": f"GB-COUNCIL-{company.id}", "name": company.name}

    def _get_ocds_supplier(self):
        partner = self.contract_id.partner_id
        return {"id": f"GB-SUPPLIER-{partner.id}", "name": partner.name}

    def _get_ocds_value(self):
        contract = self.contract_id
        return {
            "amount": contract._hcc_contract_value(),
            "currency": contract.currency_id.name,
        }

    def _get_ocds_award(self, supplier):
        """The award; pending while the contract award notice announces the
        intention to enter into the contract (s.50), active afterwards."""
        contract = self.contract_id
        procurement = contract.sudo().procurement_id
        award = {
            "id": contract.name,
            "status": "pending" if self.notice_kind == "contract_award" else "active",
            "value": self._get_ocds_value(),
            "suppliers": [{"id": supplier["id"], "name": supplier["name"]}],
            "contractPeriod": self._get_ocds_period(),
        }
        if procurement.date_awarded:
            award["date"] = ocds_datetime(procurement.date_awarded)
        if self.notice_kind == "contract_award":
            award["title"] = contract.title
        return award

    def _get_ocds_period(self):
        contract = self.contract_id
        return {
            "startDate": ocds_datetime(contract.date_start),
            "endDate": ocds_datetime(
                contract.termination_date or contract.date_end, end_of_day=True
            ),
        }

    def _get_ocds_contract(self):
        """The contract block of the release; the award notice, published
        before the contract exists, has none (an empty dict)."""
        if self.notice_kind == "contract_award":
            return {}
        contract = self.contract_id
        signed = contract.sudo().procurement_id.date_countersigned
        ocds_contract = {
            "id": contract.name,
            "awardID": contract.name,
            "title": contract.title,
            "status": OCDS_CONTRACT_STATUS[contract.state],
            "value": self._get_ocds_value(),
            "period": self._get_ocds_period(),
        }
        if signed:
            ocds_contract["dateSigned"] = ocds_datetime(signed)
        if self.notice_kind == "contract_publication":
            ocds_contract["documents"] = [
                {
                    "id": f"{contract.name}-contract",
                    "documentType": "contractSigned",
                    "title": f"{contract.name} {contract.title}",
                    "language": "en",
                }
            ]
        metrics = self._get_ocds_metrics()
        if metrics and self.notice_kind == "contract_performance":
            ocds_contract["implementation"] = {"metrics": metrics}
        if self.revision_id:
            ocds_contract["amendments"] = [
                {
                    "id": self.revision_id.name,
                    "date": ocds_datetime(self.revision_id.date_effective),
                    "rationale": self.revision_id.title,
                }
            ]
        return ocds_contract

    def _get_ocds_metrics(self):
        """Each performance indicator with its target and, once measured, its
        latest rating (metrics extension: a non-financial observation carries
        a ``measure``, a number or a word)."""
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
            observations = [
                {
                    "id": f"{indicator.id}-target",
                    "measure": indicator.target,
                    "notes": "target",
                    **unit,
                }
            ]
            line = latest.get(indicator)
            if line:
                observations.append(
                    {
                        "id": f"{indicator.id}-{line.return_id.id}",
                        "measure": OCDS_RATINGS[line.rating],
                        "notes": f"measured {line.value:g} against a target of "
                        f"{indicator.target:g}",
                        "period": {
                            "startDate": ocds_datetime(line.return_id.date_from),
                            "endDate": ocds_datetime(
                                line.return_id.date_to, end_of_day=True
                            ),
                        },
                        **unit,
                    }
                )
            metrics.append(
                {
                    "id": str(indicator.id),
                    "title": indicator.name,
                    "observations": observations,
                }
            )
        return metrics
