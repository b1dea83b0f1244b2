from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .hcc_contract_revision_line import term_value


class HccContract(models.Model):
    """Notices, revisions, the evidence trail and early termination of a
    contract (procedure 7.4, 9.1 to 9.5, 12.5). Early termination is recorded
    by the County Manager (Contracts) through ``hcc.contract.terminate.wizard``;
    expiry at the end of the term is a distinct outcome."""

    _inherit = "hcc.contract"

    notice_ids = fields.One2many("hcc.contract.notice", "contract_id", string="Notices")
    notice_count = fields.Integer(
        string="Number of Notices",
        compute="_compute_contract_counters",
        store=True,
        depends=["notice_ids"],
    )
    revision_ids = fields.One2many(
        "hcc.contract.revision", "contract_id", string="Revisions"
    )
    revision_count = fields.Integer(
        string="Number of Revisions",
        compute="_compute_contract_counters",
        store=True,
        depends=["revision_ids"],
    )
    variation_line_ids = fields.One2many(
        "hcc.contract.revision.line",
        "contract_id",
        string="Variations",
        domain=[("revision_state", "=", "applied")],
        help="The changes of the signed terms, revision by revision (7.4).",
    )

    termination_date = fields.Date(readonly=True, copy=False, tracking=True)
    termination_reason = fields.Html(readonly=True, copy=False)
    termination_fundamental_breach = fields.Boolean(
        string="Fundamental Breach", readonly=True, copy=False, tracking=True
    )
    termination_legal_reference = fields.Char(
        string="Legal Services Reference", readonly=True, copy=False, tracking=True
    )
    termination_cso_consulted_id = fields.Many2one(
        "res.users", string="CSO Consulted", readonly=True, copy=False
    )
    termination_date_cso_consulted = fields.Date(
        string="CSO Consulted On", readonly=True, copy=False
    )
    termination_decided_by_id = fields.Many2one(
        "res.users",
        string="Decided By",
        readonly=True,
        copy=False,
        help="The County Manager (Contracts) who confirmed the early termination.",
    )
    termination_service_users_affected = fields.Integer(
        string="Service Users Affected", readonly=True, copy=False
    )
    termination_alternative_arrangements = fields.Html(
        string="Alternative Arrangements", readonly=True, copy=False
    )
    termination_alternative_date = fields.Date(
        string="Alternative Arrangements By", readonly=True, copy=False
    )
    termination_provider_informed_date = fields.Date(
        string="Provider Informed On", readonly=True, copy=False, tracking=True
    )

    # ------------------------------------------------------------------
    # Variations (7.4): the signed terms change only through a revision
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_signed_terms(self):
        """The documented terms of a contract: once it is no longer a draft,
        they change only by applying an approved revision. Features add their
        own (call super())."""
        return {
            "partner_id",
            "payment_basis",
            "annual_value",
            "contract_value",
            "date_start",
            "date_end",
            "commissioned_volume",
            "volume_unit",
            "unit_price",
            "currency_id",
            "spec_scope",
            "spec_standards",
        }

    def write(self, vals):
        if not self.env.su:
            signed = self.filtered(lambda c: c.state != "draft")
            terms = signed._hcc_changed_fields(
                {
                    name: vals[name]
                    for name in self._get_hcc_signed_terms() & vals.keys()
                }
            )
            if terms:
                raise UserError(
                    _(
                        "Contract %(ref)s is signed: its terms (%(fields)s) change "
                        "only by applying an approved revision (procedure 7.4). "
                        "Raise a revision from the contract.",
                        ref=signed[0].name,
                        fields=self._hcc_field_labels(terms),
                    )
                )
        return super().write(vals)

    def _terms_as_at(self, day):
        """The signed terms of the contract as they stood at the end of
        ``day``: today's, with the variations applied after that day undone,
        latest first. ``{field name: value as write takes it}``."""
        self.ensure_one()
        day = fields.Date.to_date(day)
        lines = self.variation_line_ids.sudo()
        terms = {name: term_value(self, name) for name in self._get_hcc_signed_terms()}
        later = lines.filtered(lambda line: line.revision_id.date_applied > day)
        for line in later.sorted(
            lambda line: (line.revision_id.date_applied, line.revision_id.id),
            reverse=True,
        ):
            terms[line.field_name] = line._old_value()
        return terms

    @api.model
    def _get_hcc_action_fields(self):
        """The early termination is recorded by its wizard, after the County
        Manager's role and the notices were checked (9.2 to 9.5)."""
        return super()._get_hcc_action_fields() | {
            name for name in self._fields if name.startswith("termination_")
        }

    def _get_contract_counters(self):
        # the evidence trail is not counted: its view unites a dozen sources
        # and its button opens it without a figure
        return super()._get_contract_counters() + [
            ("notice_count", "hcc.contract.notice", []),
            ("revision_count", "hcc.contract.revision", []),
        ]

    def action_view_notices(self):
        return self._action_view_records("hcc_contracts.hcc_contract_notice_action")

    def action_view_revisions(self):
        return self._action_view_records("hcc_contracts.hcc_contract_revision_action")

    def action_view_evidence(self):
        return self._action_view_records(
            "hcc_contracts.hcc_contract_evidence_action",
            name=_("Evidence Trail: %(ref)s", ref=self.name),
        )

    def _get_rag_evidence(self):
        """A served notice is amber; a notice escalated or whose remedy date
        has passed is red."""
        evidence = super()._get_rag_evidence()
        if not self._rag_source_enabled("notices"):
            return evidence
        today = fields.Date.context_today(self)
        notices = (
            self.env["hcc.contract.notice"]
            .sudo()
            .search(
                [
                    ("contract_id", "in", self.ids),
                    ("state", "in", ("served", "escalated")),
                ]
            )
        )
        for notice in notices:
            due = notice._format_date(notice.date_remedy_due)
            if notice.state == "escalated":
                item = ("red", _("Notice %(ref)s was escalated.", ref=notice.name))
            elif notice.date_remedy_due and notice.date_remedy_due < today:
                item = (
                    "red",
                    _(
                        "The remedy period of notice %(ref)s ended on %(date)s.",
                        ref=notice.name,
                        date=due,
                    ),
                )
            else:
                item = (
                    "amber",
                    _(
                        "Notice %(ref)s is served; remedy due by %(date)s.",
                        ref=notice.name,
                        date=due,
                    ),
                )
            evidence.setdefault(notice.contract_id.id, []).append(item)
        return evidence

    def _get_rag_recheck_dates(self):
        """The day after the remedy period of a served notice ends."""
        dates = super()._get_rag_recheck_dates()
        if not self._rag_source_enabled("notices"):
            return dates
        served = (
            self.env["hcc.contract.notice"]
            .sudo()
            ._read_group(
                [
                    ("contract_id", "in", self.ids),
                    ("state", "=", "served"),
                    ("date_remedy_due", ">=", fields.Date.context_today(self)),
                ],
                ["contract_id"],
                ["date_remedy_due:min"],
            )
        )
        for contract, remedy_due in served:
            self._rag_recheck_before(
                dates, contract.id, fields.Date.add(remedy_due, days=1)
            )
        return dates

    def _state_label(self):
        self.ensure_one()
        states = dict(self._fields["state"]._description_selection(self.env))
        return states[self.state].lower()

    def action_open_terminate_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Early Termination"),
            "res_model": "hcc.contract.terminate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_id": self.id},
        }

    def _unremedied_notices(self):
        """Notices that open the way to early termination: served and past
        their remedy date without remedy, or escalated (procedure 9.4)."""
        today = fields.Date.context_today(self)
        return self.notice_ids.filtered(
            lambda n: n.state == "escalated"
            or (n.state == "served" and n.date_remedy_due and n.date_remedy_due < today)
        )
