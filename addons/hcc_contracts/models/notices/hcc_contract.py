from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, is_html_empty

from .hcc_contract_revision_line import term_value
from .hcc_contract_termination import OPEN_STATES


class HccContract(models.Model):
    """Notices, revisions, the evidence trail and early termination of a
    contract (procedure 7.4, 9.1 to 9.5, 12.5). Early termination has one
    route, the termination case (``hcc.contract.termination``): the contract
    is terminated when Legal Services record that they carried it out;
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

    early_termination_case_ids = fields.One2many(
        "hcc.contract.termination",
        "contract_id",
        string="Early Termination Cases",
        help="The cases for early termination opened by the lead officer "
        "(procedure 9.2 to 9.4).",
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

    def _terms_as_at(self, day, names=None):
        """The signed terms of the contract in force at the end of ``day``
        (``{field name: value as write takes it}``). A revision's changes are
        in force from its effective date: one applied ahead of it (a fee
        review for 1 April) is not in force yet, one applied late with an
        earlier date is. Of the changes of a term in force on the day, the
        one applied last holds, as on the contract itself; before its first
        change, a term has the value it had before it. ``names`` limits the
        terms read to those."""
        self.ensure_one()
        day = fields.Date.to_date(day)
        names = names or self._get_hcc_signed_terms()
        terms = {name: term_value(self, name) for name in names}
        by_term = {}
        for line in self.variation_line_ids.sudo():
            if line.field_name in terms:
                by_term.setdefault(line.field_name, []).append(line)
        for name, lines in by_term.items():
            lines.sort(key=lambda line: line._applied_key())
            in_force = [line for line in lines if line._effective_date() <= day]
            if in_force:
                terms[name] = in_force[-1]._new_term_value()
            else:
                terms[name] = lines[0]._old_value()
        return terms

    def _hcc_provider_env(self):
        """The environment in the provider's language, the one its letters
        are printed in: for a text written to the provider (the wording of a
        variation), so that its dates read as the rest of the letter."""
        self.ensure_one()
        return self.with_context(lang=self.partner_id.lang or self.env.lang).env

    def _term_in_force(self, name, day):
        """The value of the signed term ``name`` in force on ``day``: the
        price of a service is the price in force on the day it was given."""
        self.ensure_one()
        if not day or not any(
            line.field_name == name for line in self.variation_line_ids.sudo()
        ):
            return term_value(self, name)
        return self._terms_as_at(day)[name]

    def _term_periods(self, name, start, end):
        """``[(first day, last day, value)]``: the days from ``start`` to
        ``end`` cut where a variation of the term ``name`` takes effect, each
        with the value in force over them (for a cost over a period that a
        fee review crosses)."""
        self.ensure_one()
        changes = sorted(
            {
                line._effective_date()
                for line in self.variation_line_ids.sudo()
                if line.field_name == name
            }
        )
        cuts = [start] + [day for day in changes if start < day <= end]
        periods = []
        for index, first in enumerate(cuts):
            last = cuts[index + 1] - timedelta(days=1) if index + 1 < len(cuts) else end
            periods.append((first, last, self._term_in_force(name, first)))
        return periods

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

    def action_view_variations(self):
        """The changes applied to the signed terms, revision by revision: the
        lines of ``variation_line_ids``, in a list of their own."""
        return self._action_view_records(
            "hcc_contracts.hcc_contract_variation_action",
            domain=[
                ("contract_id", "=", self.id),
                *self._fields["variation_line_ids"].domain,
            ],
            name=_("Changes Made: %(ref)s", ref=self.name),
        )

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

    def _unremedied_notices(self):
        """Notices that open the way to early termination: served and past
        their remedy date without remedy, or escalated (procedure 9.4)."""
        today = fields.Date.context_today(self)
        return self.notice_ids.filtered(
            lambda n: n.state == "escalated"
            or (n.state == "served" and n.date_remedy_due and n.date_remedy_due < today)
        )

    def action_view_termination_cases(self):
        """The contract's cases for early termination: the open one, or a
        new case for the lead officer to set out (9.2)."""
        self.ensure_one()
        cases = self.early_termination_case_ids
        action = self._action_view_records(
            "hcc_contracts.hcc_contract_termination_action",
            context={"search_default_open": 0},
            single=cases.filtered(lambda c: c.state in OPEN_STATES) or cases,
        )
        if not cases:
            action.update(view_mode="form", views=[(False, "form")])
        return action

    # ------------------------------------------------------------------
    # Early termination (9.2 to 9.5, 12.5)
    # ------------------------------------------------------------------
    def _get_early_termination_problems(self, facts):
        """What stands in the way of terminating the contract early: the
        gates of 12.5 and of 9.2 to 9.5, read by the termination case when
        the County Manager decides and when Legal Services carry it out. ``facts`` holds
        ``fundamental_breach``, ``reason``, ``cso`` (res.users),
        ``date_cso_consulted``, ``alternative_arrangements``,
        ``alternative_date``, ``service_users_affected``,
        ``date_provider_informed``, ``date_terminated`` and, when Legal
        Services' reference is required, ``legal_reference``."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        problems = []
        if not facts["fundamental_breach"] and not self._unremedied_notices():
            problems.append(
                _(
                    "No notice was served whose remedy period has passed without "
                    "remedy, and no fundamental breach is recorded: work through "
                    "the default/improvement process first (procedure 9.1, 12.5)."
                )
            )
        if "legal_reference" in facts and not (facts["legal_reference"] or "").strip():
            problems.append(_("Legal Services' reference is missing (procedure 9.4)."))
        if is_html_empty(facts["reason"]):
            problems.append(_("The case for early termination is not recorded."))
        if not facts["cso"] or not facts["date_cso_consulted"]:
            problems.append(
                _(
                    "Record which Contract Support Officer was consulted and when "
                    "(procedure 9.2)."
                )
            )
        if (
            is_html_empty(facts["alternative_arrangements"])
            or not facts["alternative_date"]
        ):
            problems.append(
                _(
                    "Describe the alternative arrangements for service users and "
                    "their timescale (procedure 9.3)."
                )
            )
        if facts["service_users_affected"] < 0:
            problems.append(_("The number of service users cannot be negative."))
        informed = facts["date_provider_informed"]
        if not informed:
            problems.append(_("Record when the provider was informed (procedure 9.5)."))
        elif informed > today:
            problems.append(_("The provider cannot have been informed in the future."))
        day = facts["date_terminated"]
        if not day:
            problems.append(_("The termination date is missing."))
        elif (self.date_start and day < self.date_start) or (
            self.date_end and day > self.date_end
        ):
            problems.append(
                _("The termination date must fall within the term of the contract.")
            )
        return problems

    def _terminate_early(self, facts, decided_by):
        """Record the early termination, once its gates were checked: the
        served notices not remedied are escalated (the provider was told on
        ``date_provider_informed``) and the open review of the contract's
        future is cancelled (it will not run to its end). A termination on
        today or an earlier day ends the contract now; one on a later day
        leaves it active, terminating on that day, when the daily
        lifecycle step ends it (``_hcc_end_terminating``): the service goes
        on, and is monitored, until then."""
        self.ensure_one()
        day = facts["date_terminated"]
        ends_now = day <= fields.Date.context_today(self)
        notices = self._unremedied_notices().filtered(lambda n: n.state == "served")
        notices._hcc_record_action(
            {
                "outcome_note": _("Escalated to early termination."),
                "date_provider_informed_closed": facts["date_provider_informed"],
            }
        )
        notices.action_escalate()
        self._hcc_record_action(
            {
                **({"state": "terminated"} if ends_now else {}),
                "termination_date": day,
                "termination_reason": facts["reason"],
                "termination_fundamental_breach": facts["fundamental_breach"],
                "termination_legal_reference": facts["legal_reference"],
                "termination_cso_consulted_id": facts["cso"].id,
                "termination_date_cso_consulted": facts["date_cso_consulted"],
                "termination_decided_by_id": decided_by.id,
                "termination_service_users_affected": facts["service_users_affected"],
                "termination_alternative_arrangements": facts[
                    "alternative_arrangements"
                ],
                "termination_alternative_date": facts["alternative_date"],
                "termination_provider_informed_date": facts["date_provider_informed"],
            }
        )
        self._close_on_expiry()
        values = {
            "date": format_date(self.env, day),
            "user": self.env.user.name,
            "ref": facts["legal_reference"],
            "count": facts["service_users_affected"],
            "informed": format_date(self.env, facts["date_provider_informed"]),
        }
        if ends_now:
            body = _(
                "Contract terminated early on %(date)s by %(user)s. Legal Services "
                "reference: %(ref)s. Service users affected: %(count)s. Provider "
                "informed on %(informed)s.",
                **values,
            )
        else:
            body = _(
                "Early termination recorded by %(user)s: the contract stays active "
                "and terminates on %(date)s. Legal Services reference: %(ref)s. "
                "Service users affected: %(count)s. Provider informed on "
                "%(informed)s.",
                **values,
            )
        self.message_post(body=body)
        if ends_now:
            self._hcc_refresh_rag_later()

    def _hcc_end_terminating(self):
        """The daily lifecycle step: the contracts whose early termination
        was recorded for a day now come end on it. They leave the step's
        domain (no longer active), so a second run changes nothing."""
        for contract in self:
            contract._hcc_record_action({"state": "terminated"})
            contract.message_post(
                body=_(
                    "Contract terminated early on %(date)s, as Legal Services "
                    "recorded (reference %(ref)s).",
                    date=format_date(self.env, contract.termination_date),
                    ref=contract.termination_legal_reference,
                )
            )
        self._hcc_refresh_rag_later()

    @api.model
    def _get_hcc_lifecycle_steps(self):
        """The contracts terminating early end on their termination date,
        before the expiry of the others (a contract both terminating and past
        its end date is terminated, not expired)."""
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        return [
            scheduler._step(
                self,
                [
                    ("state", "=", "active"),
                    ("termination_date", "!=", False),
                    ("termination_date", "<=", today),
                ],
                lambda batch: batch._hcc_end_terminating(),
            ),
            *super()._get_hcc_lifecycle_steps(),
        ]
