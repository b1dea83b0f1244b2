import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

NOTICE_KINDS = [
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


class HccStatutoryNotice(models.Model):
    """A notice the Procurement Act 2023 requires the council to publish on the
    Central Digital Platform about a contract it manages (contract performance,
    s.71; contract change, s.75; contract termination, s.80). The scheduler
    creates it when it falls due; the support officer prepares it from the
    contract's own data, publishes it on the platform and records the notice
    identifier here."""

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
        labels = dict(self._fields["notice_kind"]._description_selection(self.env))
        for notice in self:
            notice.name = _(
                "%(kind)s – %(ref)s",
                kind=labels.get(notice.notice_kind, ""),
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
            notice._check_state("due", "prepared")
            notice._hcc_record_action(
                {
                    "prepared_data": json.dumps(
                        notice._get_ocds_release(), indent=2, ensure_ascii=False
                    ),
                    "state": "prepared",
                }
            )
        return True

    def action_mark_published(self):
        for notice in self:
            notice._check_state("prepared")
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
        self._hcc_record_action({"state": "published"})
        self._close_due_activities(_("Notice published."))
        return True

    def action_mark_not_required(self):
        for notice in self:
            notice._check_state("due", "prepared")
            if not notice.not_required_reason:
                raise UserError(
                    _(
                        "Notice %(name)s: say why the notice is not required before "
                        "closing it.",
                        name=notice.name,
                    )
                )
        self._hcc_record_action({"state": "not_required"})
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
    def _check_state(self, *states):
        self.ensure_one()
        if self.state not in states:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                _(
                    "Notice %(name)s is %(state)s: this step is not possible now.",
                    name=self.name,
                    state=labels[self.state].lower(),
                )
            )

    def _close_due_activities(self, feedback):
        """Mark the reminders done, whoever they were for, keeping them in the
        chatter as evidence."""
        activity_type = self.env.ref(
            "hcc_contracts_procurement_act.mail_activity_type_statutory_notice_due"
        )
        self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).sudo().action_feedback(feedback=feedback)

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
        """The notice as an OCDS 1.1 release: the fields the release schema
        requires (ocid, id, date, tag, initiationType), the parties with their
        roles, the award and the contract with its implementation. Performance
        ratings use the shape of the OCDS metrics extension."""
        self.ensure_one()
        contract = self.contract_id
        company = contract.company_id
        buyer_id = f"GB-COUNCIL-{company.id}"
        supplier_id = f"GB-SUPPLIER-{contract.partner_id.id}"
        tag = {
            "contract_performance": ["implementationUpdate"],
            "contract_change": ["contractAmendment"],
            "contract_termination": ["contractTermination"],
        }[self.notice_kind]
        value = {"amount": contract.total_value, "currency": contract.currency_id.name}
        ocds_contract = {
            "id": contract.name,
            "awardID": contract.name,
            "title": contract.title,
            "status": OCDS_CONTRACT_STATUS[contract.state],
            "value": value,
            "period": {
                "startDate": fields.Date.to_string(contract.date_start) or None,
                "endDate": fields.Date.to_string(
                    contract.termination_date or contract.date_end
                )
                or None,
            },
            "implementation": {"metrics": self._get_ocds_metrics()},
        }
        if self.revision_id:
            ocds_contract["amendments"] = [
                {
                    "id": self.revision_id.name,
                    "date": fields.Date.to_string(self.revision_id.date_effective),
                    "rationale": self.revision_id.title,
                }
            ]
        return {
            "ocid": self._get_ocid(),
            "id": f"{self._get_ocid()}-{self.notice_kind}-{self.id}",
            "date": fields.Datetime.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "tag": tag,
            "initiationType": "tender",
            "language": "en",
            "parties": [
                {"id": buyer_id, "name": company.name, "roles": ["buyer"]},
                {
                    "id": supplier_id,
                    "name": contract.partner_id.name,
                    "roles": ["supplier"],
                },
            ],
            "buyer": {"id": buyer_id, "name": company.name},
            "awards": [
                {
                    "id": contract.name,
                    "status": "active",
                    "value": value,
                    "suppliers": [
                        {"id": supplier_id, "name": contract.partner_id.name}
                    ],
                }
            ],
            "contracts": [ocds_contract],
        }

    def _get_ocds_metrics(self):
        """Each performance indicator with its latest rated measurement."""
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
            line = latest.get(indicator)
            observation = {
                "id": f"{indicator.id}-target",
                "measure": "target",
                "value": {"amount": indicator.target},
                "unit": {"name": indicator.unit or ""},
            }
            metric = {
                "id": str(indicator.id),
                "title": indicator.name,
                "observations": [observation],
            }
            if line:
                metric["observations"].append(
                    {
                        "id": f"{indicator.id}-{line.return_id.id}",
                        "measure": OCDS_RATINGS[line.rating],
                        "value": {"amount": line.value},
                        "period": {
                            "startDate": fields.Date.to_string(
                                line.return_id.date_from
                            ),
                            "endDate": fields.Date.to_string(line.return_id.date_to),
                        },
                    }
                )
            metrics.append(metric)
        return metrics
