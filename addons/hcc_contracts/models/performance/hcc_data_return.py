import calendar
import math

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, format_date, plaintext2html
from odoo.tools.sql import create_index, index_exists

from ...tools.event_dates import EventDate, check_event_dates, post_stated_dates
from ...tools.roles import GROUP_SUPPORT_OFFICER, check_role
from ...tools.selection import selection_label
from ..hcc_workflow_mixin import Transition

# the reminder of a return not received by its due date
LATE_TYPE = "hcc_contracts.mail_activity_type_data_return_late"
RETURN_STATES = [
    ("expected", "Expected"),
    ("received", "Received"),
    ("queried", "Queried"),
    ("accepted", "Accepted"),
    ("cancelled", "Cancelled"),
]
# the counts of procedure 8.1 (and units delivered), none of which can be negative
RETURN_COUNTS = (
    "people_served",
    "statements_issued",
    "assessments_done",
    "reviews_done",
    "units_delivered",
    "age_range_min",
    "age_range_max",
)
# what an accepted return holds as evidence: not editable once accepted
# (``_get_hcc_editable_fields``), for every user but the superuser (a
# re-import of case-system data writes as superuser)
RETURN_FIGURES = (
    *RETURN_COUNTS,
    "nature_of_service",
    "date_from",
    "date_to",
)
RETURN_SOURCES = [
    ("provider", "Provider return"),
    ("case_system", "Case-management system"),
]
# the columns of the case-management system's export, as the import reads them
CASE_SYSTEM_COLUMNS = (
    "contract_reference",
    "date_from",
    "date_to",
    "units_delivered",
    "people_served",
    "nature_of_service",
    "age_range_min",
    "age_range_max",
    "statements_issued",
    "assessments_done",
    "reviews_done",
    "note",
)
# the largest figure a row of the export may hold: a month of a contract is
# far below it, and so is any column of the database (``Infinity``, ``NaN``
# and ``1e10`` are refused as row errors)
CASE_SYSTEM_MAX_FIGURE = 1_000_000
CASE_SYSTEM_INTEGERS = (
    "people_served",
    "age_range_min",
    "age_range_max",
    "statements_issued",
    "assessments_done",
    "reviews_done",
)
INDICATOR_RATINGS = [
    ("good", "Good"),
    ("approaching", "Approaching target"),
    ("requires_improvement", "Requires improvement"),
    ("inadequate", "Inadequate"),
]


def months_fraction(date_from, date_to):
    """Months covered by [date_from, date_to], whole months counting 1 and part
    months pro rata by days: 16-30 April is 0.5 of a month."""
    total = 0.0
    day = date_from.replace(day=1)
    while day <= date_to:
        last = day + relativedelta(months=1, days=-1)
        covered = (min(last, date_to) - max(day, date_from)).days + 1
        total += covered / calendar.monthrange(day.year, day.month)[1]
        day += relativedelta(months=1)
    return total


class HccDataReturn(models.Model):
    """A provider's data return for one period (procedure 8.1, 8.2): the minimum
    content of 8.1 plus the units of service delivered, which give the activity
    against target of 6.3 and 7.6."""

    _name = "hcc.data.return"
    _description = "Provider Data Return"
    _inherit = ["hcc.contract.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, index="trigram")
    period_name = fields.Char(
        string="Period", compute="_compute_period_name", store=True
    )
    contract_id = fields.Many2one(tracking=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    partner_id = fields.Many2one(store=True, index=True)
    locality_id = fields.Many2one(
        related="contract_id.locality_id", store=True, index=True
    )
    lead_officer_id = fields.Many2one(related="contract_id.lead_officer_id")
    payment_basis = fields.Selection(related="contract_id.payment_basis")
    volume_unit = fields.Selection(related="contract_id.volume_unit")
    date_from = fields.Date(string="Period Start", required=True, index=True)
    date_to = fields.Date(string="Period End", required=True)
    date_due = fields.Date(
        string="Due Date",
        required=True,
        index=True,
        tracking=True,
        compute="_compute_date_due",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_received = fields.Date(tracking=True, copy=False)
    source = fields.Selection(
        RETURN_SOURCES,
        default="provider",
        required=True,
        index=True,
        help="A return submitted by the provider, or activity data imported from "
        "the council's case-management system (procedure 8.1). Either counts "
        "once accepted; imported data is accepted as it arrives.",
    )
    state = fields.Selection(
        RETURN_STATES,
        default="expected",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        store=True,
        index=True,
        help="Still expected after its due date. Refreshed every day.",
    )
    received_late = fields.Boolean(
        compute="_compute_received_late",
        store=True,
        help="Received after its due date.",
    )

    # minimum content of a return (procedure 8.1)
    nature_of_service = fields.Text(help="The nature of the service being provided.")
    age_range_min = fields.Integer(string="Youngest Age")
    age_range_max = fields.Integer(string="Oldest Age")
    people_served = fields.Integer(help="Number of people the service is provided to.")
    statements_issued = fields.Integer(
        string="Statements of Service Issued",
        help="Recipients issued with a statement of the service being provided.",
    )
    assessments_done = fields.Integer(string="Assessments Carried Out")
    reviews_done = fields.Integer(string="Reviews Carried Out")
    units_delivered = fields.Float(
        help="Volume of service delivered in the period, in the contract's unit."
    )
    note = fields.Text()
    query_note = fields.Text(
        string="Query for the Provider",
        readonly=True,
        tracking=True,
        copy=False,
        help="The council's question when it queried the return: what the "
        "provider must correct or explain. Asked by the Query button, posted "
        "in the chatter and shown to the provider.",
    )
    query_answer = fields.Text(
        string="Provider's Answer",
        readonly=True,
        tracking=True,
        copy=False,
        help="The provider's answer to the query, given when it submitted the "
        "return again.",
    )
    indicator_value_ids = fields.One2many(
        "hcc.data.return.indicator.value", "return_id", string="Indicators"
    )

    # activity against target (procedure 6.3, 7.6)
    commissioned_units = fields.Float(
        string="Units Commissioned",
        compute="_compute_activity",
        store=True,
        help="The contract's commissioned volume per year, pro rata for the "
        "period: a twelfth per whole month, part months by days.",
    )
    value_commissioned = fields.Monetary(
        compute="_compute_activity",
        store=True,
        currency_field="currency_id",
        help="The contract's annual value, pro rata for the period.",
    )
    utilisation = fields.Float(
        string="Utilisation (%)",
        compute="_compute_activity",
        store=True,
        aggregator="avg",
        help="Units delivered as a percentage of the units commissioned.",
    )
    unit_cost_delivered = fields.Monetary(
        compute="_compute_activity",
        store=True,
        aggregator=False,
        currency_field="currency_id",
        help="Block contracts: the value of the period divided by the units "
        "actually delivered. Other contracts: the agreed unit price.",
    )
    underuse_value = fields.Monetary(
        string="Under-use Value",
        compute="_compute_activity",
        store=True,
        currency_field="currency_id",
        help="Block contracts only: the share of the period's value paid for "
        "service that was not delivered.",
    )

    # ------------------------------------------------------------------
    # Indexes
    # ------------------------------------------------------------------
    def init(self):
        res = super().init()
        # ``_cron_flag_late_returns`` looks for expected returns past their
        # due date: a few among hundreds of thousands of returns
        create_index(
            self.env.cr,
            "hcc_data_return_expected_date_due_index",
            self._table,
            ["date_due"],
            where="state = 'expected'",
        )
        # one live return per contract and period; a cancelled one (a provider
        # return no longer expected once the contract's data comes from the
        # case-management system) leaves the period to its replacement
        if not index_exists(self.env.cr, "hcc_data_return_contract_period_live_uniq"):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX %s ON %s (contract_id, date_from) "
                    "WHERE state != 'cancelled'",
                    SQL.identifier("hcc_data_return_contract_period_live_uniq"),
                    SQL.identifier(self._table),
                )
            )
        return res

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("date_from", "date_to")
    def _compute_period_name(self):
        for ret in self:
            if not (ret.date_from and ret.date_to):
                ret.period_name = False
                continue
            start = format_date(self.env, ret.date_from, date_format="MMMM y")
            end = format_date(self.env, ret.date_to, date_format="MMMM y")
            if ret.date_from.day != 1 or ret.date_to != ret.date_to + relativedelta(
                day=31
            ):
                ret.period_name = _(
                    "%(start)s to %(end)s",
                    start=format_date(self.env, ret.date_from, date_format="d MMMM y"),
                    end=format_date(self.env, ret.date_to, date_format="d MMMM y"),
                )
            else:
                ret.period_name = start if start == end else f"{start} – {end}"

    @api.depends("contract_id.name", "period_name")
    def _compute_name(self):
        for ret in self:
            ret.name = f"{ret.contract_id.name or ''} – {ret.period_name or ''}"

    @api.depends("date_to", "contract_id")
    def _compute_date_due(self):
        for ret in self:
            company = ret.contract_id.company_id or self.env.company
            ret.date_due = ret.date_to and ret.date_to + relativedelta(
                days=company.hcc_return_due_days
            )

    @api.depends("state", "date_due")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for ret in self:
            ret.is_late = bool(
                ret.state == "expected" and ret.date_due and ret.date_due < today
            )

    @api.depends("date_received", "date_due")
    def _compute_received_late(self):
        for ret in self:
            ret.received_late = bool(
                ret.date_received and ret.date_due and ret.date_received > ret.date_due
            )

    @api.depends(
        "date_from",
        "date_to",
        "units_delivered",
        "contract_id.commissioned_volume",
        "contract_id.annual_value",
        "contract_id.payment_basis",
        "contract_id.unit_price",
        "contract_id.revision_ids.state",
        "contract_id.revision_ids.date_effective",
    )
    def _compute_activity(self):
        """The figures of the period at the terms in force on its first day:
        a fee review effective from 1 April leaves March's return at the
        old price and values April's at the new one."""
        for ret in self:
            contract = ret.contract_id
            months = (
                months_fraction(ret.date_from, ret.date_to)
                if ret.date_from and ret.date_to and ret.date_from <= ret.date_to
                else 0.0
            )
            terms = ret._terms_in_force()
            commissioned = terms["commissioned_volume"] * months / 12.0
            value = terms["annual_value"] * months / 12.0
            figures = contract._activity_figures(
                commissioned, ret.units_delivered, value, terms["unit_price"]
            )
            ret.commissioned_units = commissioned
            ret.value_commissioned = value
            ret.utilisation = figures["utilisation"]
            ret.unit_cost_delivered = figures["unit_cost_delivered"]
            ret.underuse_value = figures["underuse_value"]

    def _terms_in_force(self):
        """The contract's volume, annual value and unit price in force on the
        first day of the return's period."""
        self.ensure_one()
        contract = self.contract_id
        names = ("commissioned_volume", "annual_value", "unit_price")
        if not contract or not self.date_from:
            return {name: contract[name] for name in names}
        return contract._origin._terms_as_at(self.date_from, names)

    def _unit_price_in_force(self):
        """The unit price the service of the return is paid at: the one in
        force on the first day of its period."""
        return self._terms_in_force()["unit_price"]

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(*RETURN_COUNTS)
    def _check_counts(self):
        for ret in self:
            for fname in RETURN_COUNTS:
                if ret[fname] < 0:
                    raise ValidationError(
                        _(
                            "Data return %(ret)s: “%(what)s” cannot be negative "
                            "(%(value)s).",
                            ret=ret.name,
                            what=self._fields[fname]._description_string(self.env),
                            value=ret[fname],
                        )
                    )
            if ret.age_range_max and ret.age_range_min > ret.age_range_max:
                raise ValidationError(
                    _(
                        "Data return %(ret)s: the youngest age (%(min)s) is above "
                        "the oldest age (%(max)s).",
                        ret=ret.name,
                        min=ret.age_range_min,
                        max=ret.age_range_max,
                    )
                )

    @api.constrains("date_received", "date_from")
    def _check_event_dates(self):
        """Received is a past event: not in the future, not before the
        period starts. Not bound to the record's creation: a return is also
        recorded as it arrives, created with its date received, and the
        case-system import receives its returns today (tools/event_dates.py)."""
        check_event_dates(
            self,
            [EventDate("date_received", after=("date_from",), since_created=False)],
        )

    @api.constrains("date_from", "date_to", "contract_id")
    def _check_period(self):
        for ret in self:
            contract = ret.contract_id
            if ret.date_to < ret.date_from:
                raise ValidationError(
                    _(
                        "Data return for contract %(ref)s: the period ends "
                        "(%(end)s) before it starts (%(start)s).",
                        ref=contract.name,
                        start=format_date(self.env, ret.date_from),
                        end=format_date(self.env, ret.date_to),
                    )
                )
            if (
                not contract.date_start
                or ret.date_from < contract.date_start
                or (contract.date_end and ret.date_to > contract.date_end)
            ):
                raise ValidationError(
                    _(
                        "Data return for contract %(ref)s: the period %(start)s to "
                        "%(end)s is outside the contract, which runs from "
                        "%(c_start)s to %(c_end)s.",
                        ref=contract.name,
                        start=format_date(self.env, ret.date_from),
                        end=format_date(self.env, ret.date_to),
                        c_start=format_date(self.env, contract.date_start) or "?",
                        c_end=format_date(self.env, contract.date_end) or "?",
                    )
                )
        self._check_no_overlap()

    def _check_no_overlap(self):
        live = self.filtered(lambda r: r.state != "cancelled")
        self._raise_if_overlap(
            [(ret.contract_id, ret.date_from, ret.date_to, ret.id) for ret in live]
        )

    @api.model
    def _raise_if_overlap(self, periods):
        """Raise when a period overlaps another return of its contract (not
        cancelled); ``periods`` is a list of ``(contract, date_from, date_to,
        id of the return or None)``, checked with one search. Called before
        the insert too, so that an import reports this message rather than
        the database's unique constraint."""
        if not periods:
            return
        others = self.search_fetch(
            [
                ("contract_id", "in", list({p[0].id for p in periods})),
                ("state", "!=", "cancelled"),
                ("date_from", "<=", max(p[2] for p in periods)),
                ("date_to", ">=", min(p[1] for p in periods)),
            ],
            ["contract_id", "date_from", "date_to", "period_name"],
        )
        by_contract = others.grouped("contract_id")
        for contract, date_from, date_to, own_id in periods:
            for clash in by_contract.get(contract, ()):
                if (
                    clash.id != own_id
                    and clash.date_from <= date_to
                    and clash.date_to >= date_from
                ):
                    raise ValidationError(
                        _(
                            "Contract %(ref)s already has a data return for "
                            "%(period)s: a return for %(start)s to %(end)s would "
                            "count that period twice.",
                            ref=contract.name,
                            period=clash.period_name,
                            start=format_date(self.env, date_from),
                            end=format_date(self.env, date_to),
                        )
                    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_first_step_fields(self):
        """The due date, computed from the period and moved while expected."""
        return super()._get_hcc_first_step_fields() | {
            "date_due",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """A return received or queried is corrected until it is accepted;
        accepted, its figures and its date count (8.x) and only its note
        changes."""
        checked = {*RETURN_FIGURES, "date_received", "note", "indicator_value_ids"}
        editable = super()._get_hcc_editable_fields()
        editable.update(
            received=checked, queried=checked, accepted={"note"}, cancelled={"note"}
        )
        return editable

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "is_late",
            "received_late",
            "source",
            "query_note",
            "query_answer",
        }

    @api.model
    def _get_hcc_immutable_fields(self):
        return super()._get_hcc_immutable_fields() | {"source"}

    @api.model_create_multi
    def create(self, vals_list):
        contracts = self.env["hcc.contract"].browse(
            {vals["contract_id"] for vals in vals_list if vals.get("contract_id")}
        )
        case_system = contracts.filtered(lambda c: c.activity_source == "case_system")
        for vals in vals_list:
            if (
                vals.get("contract_id") in case_system.ids
                and vals.get("source", "provider") == "provider"
            ):
                raise ValidationError(
                    _(
                        "Contract %(ref)s takes its activity data from the "
                        "case-management system: no provider return is expected "
                        "of it. Import the period's data instead.",
                        ref=case_system.browse(vals["contract_id"]).name,
                    )
                )
        self._raise_if_overlap(
            [
                (
                    self.env["hcc.contract"].browse(vals["contract_id"]),
                    fields.Date.to_date(vals["date_from"]),
                    fields.Date.to_date(vals["date_to"]),
                    None,
                )
                for vals in vals_list
                if vals.get("contract_id")
                and vals.get("date_from")
                and vals.get("date_to")
            ]
        )
        returns = super().create(vals_list)
        # a return imported or keyed in with its figures has been received
        received = returns.filtered(lambda r: r.date_received and r.state == "expected")
        if received:
            received.sudo().write({"state": "received"})
        returns._refresh_contract_rag()
        return returns

    def _hcc_step_refusal_message(self, state, names):
        """An accepted return's figures (``RETURN_FIGURES``) count."""
        changed = names & set(RETURN_FIGURES)
        if state == "accepted" and changed:
            return _(
                "Data return %(ret)s has been accepted: its figures count "
                "towards performance and cannot change (%(fields)s).",
                ret=self.name,
                fields=self._hcc_field_labels(changed),
            )
        return super()._hcc_step_refusal_message(state, names)

    def write(self, vals):
        res = super().write(vals)
        if {"state", "date_due", "units_delivered", "date_from", "date_to"} & set(vals):
            self._refresh_contract_rag()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_expected(self):
        done = self.filtered(lambda r: r.state != "expected" or r.date_received)
        if done:
            raise UserError(
                _(
                    "Data return %(ret)s has been received and cannot be deleted: "
                    "cancel it instead.",
                    ret=done[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_transitions(self):
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_receive=Transition(
                ("expected", "queried"),
                "received",
                _("mark the data return as received"),
            ),
            action_query=Transition(
                ("received",), "queried", _("query the data return")
            ),
            action_accept=Transition(
                ("received",), "accepted", _("accept the data return")
            ),
            action_cancel=Transition(
                ("expected", "queried"), "cancelled", _("cancel the data return")
            ),
            action_reset_expected=Transition(
                ("cancelled",), "expected", _("expect the data return again")
            ),
        )
        return transitions

    def action_receive(self):
        self._hcc_check_transition("action_receive")
        today = fields.Date.context_today(self)
        early = self.filtered(lambda r: r.date_to >= today)
        if early:
            raise UserError(
                _(
                    "The period of data return %(ret)s ends on %(end)s: the "
                    "return cannot be received before the period is over.",
                    ret=early[0].name,
                    end=format_date(self.env, early[0].date_to),
                )
            )
        for ret in self:
            stated = ret.date_received
            ret._hcc_transition(
                "action_receive", {"date_received": ret.date_received or today}
            )
            if stated:
                # a date the user typed, not today's set by the action
                post_stated_dates(ret, ["date_received"])
        self.activity_feedback([LATE_TYPE], feedback=_("Return received."))
        return True

    def action_open_query_wizard(self):
        """The Query button: ask the question before the return is queried."""
        self.ensure_one()
        self._hcc_check_transition("action_query")
        return {
            "type": "ir.actions.act_window",
            "name": _("Query the Data Return"),
            "res_model": "hcc.data.return.query.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_return_id": self.id},
        }

    def action_query(self, question=None):
        """Send the return back to the provider with ``question``: what it
        must correct or explain. A query without a question is refused; the
        question is posted in the chatter, to the provider's contacts
        ``_hcc_query_recipients`` names, and the previous answer is cleared."""
        self._hcc_check_transition("action_query")
        question = (question or "").strip()
        if not question:
            raise UserError(
                _(
                    "Write the question for the provider: what must be corrected "
                    "or explained in the return. A query without a question "
                    "cannot be answered."
                )
            )
        for ret in self:
            ret._hcc_transition(
                "action_query", {"query_note": question, "query_answer": False}
            )
            ret.message_post(
                body=plaintext2html(question),
                subject=_(
                    "Query on the data return for %(period)s", period=ret.period_name
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ret._hcc_query_recipients().ids,
            )
        return True

    def _hcc_query_recipients(self):
        """Who is sent the question of a query: nobody but the followers in
        the core app; the portal sends it to the contact who submitted."""
        self.ensure_one()
        return self.env["res.partner"]

    def action_accept(self):
        self._hcc_transition("action_accept")
        return True

    def action_cancel(self):
        self._hcc_transition("action_cancel")
        self.activity_unlink([LATE_TYPE])
        return True

    def action_reset_expected(self):
        self._hcc_transition("action_reset_expected")
        self._check_no_overlap()
        return True

    # ------------------------------------------------------------------
    # Import of the case-management system's activity data (8.1)
    # ------------------------------------------------------------------
    @api.model
    def import_case_system_activity(self, rows):
        """Record the activity data of the case-management system's export:
        one row per contract and period, matched on the contract reference.
        Called by the import of a CSV or XLSX file and by a scheduled feed
        over XML-RPC::

            models.execute_kw(db, uid, password, "hcc.data.return",
                "import_case_system_activity", [[{
                    "contract_reference": "SCC/2026/0001",
                    "date_from": "2026-04-01", "date_to": "2026-04-30",
                    "units_delivered": 1650, "people_served": 31}]])

        Columns: ``CASE_SYSTEM_COLUMNS``; the reference, the period and the
        units delivered are required. The period must be one of the
        contract's return periods, ended, of a contract whose data comes from
        the case-management system. A period already imported is replaced
        (the same record, new figures): importing a file again never makes
        duplicates. Each row is validated on its own: a refused row saves
        nothing and is reported with its reasons; the others are saved.

        Only a Contract Support Officer (or the County Manager) may import,
        and only for the contracts they may change.

        :return: ``{"imported": [return ids], "refused": [{"row": n (from 1),
            "contract_reference": str, "errors": [str, ...]}]}``
        """
        check_role(
            self.env,
            GROUP_SUPPORT_OFFICER,
            _("import activity data from the case-management system"),
        )
        if not isinstance(rows, (list, tuple)):
            raise UserError(_("The activity data must be a list of rows."))
        imported, refused, seen = [], [], {}
        for number, row in enumerate(rows, start=1):
            reference = str((row or {}).get("contract_reference") or "").strip()
            try:
                with self.env.cr.savepoint():
                    ret = self._import_case_system_row(row, seen, number)
            except (UserError, ValidationError, AccessError) as error:
                self.env.invalidate_all()
                refused.append(
                    {
                        "row": number,
                        "contract_reference": reference,
                        "errors": [error.args[0]],
                    }
                )
            else:
                imported.append(ret.id)
        return {"imported": imported, "refused": refused}

    @api.model
    def _import_case_system_row(self, row, seen, number):
        if not isinstance(row, dict):
            raise UserError(_("The row is not a set of named columns."))
        unknown = set(row) - set(CASE_SYSTEM_COLUMNS)
        if unknown:
            raise UserError(
                _(
                    "Unknown columns: %(columns)s.",
                    columns=", ".join(sorted(map(str, unknown))),
                )
            )
        vals = self._parse_case_system_row(row)
        reference = vals.pop("contract_reference")
        contract = self.env["hcc.contract"].search([("name", "=", reference)], limit=1)
        if not contract:
            raise UserError(
                _(
                    "No contract you may see has the reference “%(ref)s”.",
                    ref=reference,
                )
            )
        contract.check_access("write")
        if contract.activity_source != "case_system":
            raise UserError(
                _(
                    "Contract %(ref)s takes its activity data from provider "
                    "returns, not from the case-management system.",
                    ref=contract.name,
                )
            )
        if contract.state not in ("active", "expired", "terminated"):
            raise UserError(_("Contract %(ref)s is not signed yet.", ref=contract.name))
        period = (vals["date_from"], vals["date_to"])
        if period not in contract._get_return_periods(vals["date_to"]):
            raise UserError(
                _(
                    "%(start)s to %(end)s is not a period of contract %(ref)s "
                    "(%(frequency)s data from %(c_start)s).",
                    start=format_date(self.env, period[0]),
                    end=format_date(self.env, period[1]),
                    ref=contract.name,
                    frequency=selection_label(
                        contract,
                        "data_return_frequency",
                        contract.data_return_frequency,
                    ).lower(),
                    c_start=format_date(self.env, contract.date_start),
                )
            )
        today = fields.Date.context_today(self)
        if period[1] >= today:
            raise UserError(
                _(
                    "The period %(start)s to %(end)s has not ended yet.",
                    start=format_date(self.env, period[0]),
                    end=format_date(self.env, period[1]),
                )
            )
        key = (contract.id, period)
        if key in seen:
            raise UserError(
                _(
                    "Row %(row)s has data for the same contract and period: "
                    "each period is imported once.",
                    row=seen[key],
                )
            )
        existing = self.search(
            [
                ("contract_id", "=", contract.id),
                ("date_from", "<=", period[1]),
                ("date_to", ">=", period[0]),
                ("state", "!=", "cancelled"),
            ]
        )
        if existing and existing._hcc_is_billed():
            raise UserError(
                _(
                    "Contract %(ref)s: the data for %(period)s is already billed "
                    "and is not replaced. A correction goes through a credit note "
                    "or an adjustment on a later bill.",
                    ref=contract.name,
                    period=existing[0].period_name,
                )
            )
        if existing and (
            existing.source != "case_system"
            or (existing.date_from, existing.date_to) != period
        ):
            raise UserError(
                _(
                    "Contract %(ref)s already has a data return for %(period)s "
                    "that is not case-system data.",
                    ref=contract.name,
                    period=existing[0].period_name,
                )
            )
        # checked: the data is the council's own record of the service and
        # counts as accepted as it arrives; written as superuser, the role and
        # the access to the contract having been checked above
        values = {
            name: vals.get(name, False if name in ("nature_of_service", "note") else 0)
            for name in CASE_SYSTEM_COLUMNS
            if name not in ("contract_reference", "date_from", "date_to")
        }
        if existing:
            existing.sudo().write(values | {"date_received": today})
            existing.sudo().message_post(
                body=_("Activity data imported again from the case-management system.")
            )
            ret = existing
        else:
            ret = self.sudo().create(
                {
                    "contract_id": contract.id,
                    "source": "case_system",
                    "date_from": period[0],
                    "date_to": period[1],
                }
            )
            ret.write(values | {"date_received": today, "state": "accepted"})
        seen[key] = number
        return ret.with_env(self.env)

    def _hcc_is_billed(self):
        """Whether these returns are paid by a bill: their figures are then
        fixed, a correction being a credit note or an adjustment. Nothing is
        billed without the Invoicing bridge, which extends this."""
        return False

    @api.model
    def _parse_case_system_value(self, name, raw):
        """The value of one column; ``ValueError`` when it cannot be read, or
        is no finite number (``Infinity``, ``NaN``) where a figure is due."""
        if name in ("date_from", "date_to"):
            return fields.Date.to_date(raw)
        if name not in CASE_SYSTEM_INTEGERS and name != "units_delivered":
            return str(raw).strip()
        number = float(str(raw).strip().replace(",", ""))
        if not math.isfinite(number):
            raise ValueError(raw)
        if name in CASE_SYSTEM_INTEGERS:
            if number != int(number):
                raise ValueError(raw)
            return int(number)
        return number

    @api.model
    def _parse_case_system_row(self, row):
        """The values of a row, converted; every problem of the row at once."""
        problems, vals = [], {}

        def label(name):
            if name == "contract_reference":
                return _("Contract reference")
            return self._fields[name]._description_string(self.env)

        for name in ("contract_reference", "date_from", "date_to", "units_delivered"):
            raw = row.get(name)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                problems.append(_("“%(field)s” is required.", field=label(name)))
        for name in CASE_SYSTEM_COLUMNS:
            raw = row.get(name)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            try:
                vals[name] = self._parse_case_system_value(name, raw)
            except (ValueError, TypeError, OverflowError):
                problems.append(
                    _(
                        "“%(field)s” cannot be read: “%(value)s”.",
                        field=label(name),
                        value=raw,
                    )
                )
                continue
            if name in RETURN_COUNTS and vals[name] < 0:
                problems.append(_("“%(field)s” cannot be negative.", field=label(name)))
            elif name in RETURN_COUNTS and vals[name] > CASE_SYSTEM_MAX_FIGURE:
                # formatted outside the call: the term extractor reads the
                # call's arguments as literals
                most = f"{CASE_SYSTEM_MAX_FIGURE:,}"
                problems.append(
                    _(
                        "“%(field)s” is out of range: %(value)s (at most %(max)s).",
                        field=label(name),
                        value=raw,
                        max=most,
                    )
                )
        if problems:
            raise UserError(" ".join(problems))
        if vals["date_to"] < vals["date_from"]:
            raise UserError(_("The period ends before it starts."))
        return vals

    # ------------------------------------------------------------------
    # Scheduler
    # ------------------------------------------------------------------
    @api.model
    def _cron_flag_late_returns(self):
        """Daily: flag the returns whose due date has passed without them being
        received, remind the lead officer and refresh the RAG status. Returns
        already flagged are not selected again."""
        self.env["hcc.scheduler"]._run_steps([self._late_returns_step()])

    @api.model
    def _late_returns_step(self):
        domain = [
            ("state", "=", "expected"),
            ("is_late", "=", False),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        return self.env["hcc.scheduler"]._step(self, domain, self._flag_late)

    def _flag_late(self, returns):
        # the date made them late, no field did: recompute the flag and
        # what depends on it (the contracts' count of late returns)
        self.env.add_to_compute(self._fields["is_late"], returns)
        returns.modified(["is_late"])
        returns.flush_recordset(["is_late"])
        activity_type = self.env.ref(LATE_TYPE)
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": ret,
                    "activity_type": activity_type,
                    "user": ret.contract_id.lead_officer_id,
                    "summary": self.env._(
                        "Data return for %(period)s is late", period=ret.period_name
                    ),
                    "date_deadline": fields.Date.context_today(self),
                }
                for ret in returns
            ]
        )
        returns._refresh_contract_rag()


class HccDataReturnIndicatorValue(models.Model):
    """The value of one of the contract's performance indicators measured in a
    return, rated against its target."""

    _name = "hcc.data.return.indicator.value"
    _inherit = ["hcc.workflow.mixin"]
    _description = "Indicator Value in a Data Return"
    _hcc_state_path = "return_id.state"
    _order = "return_id, sequence, id"
    _check_company_auto = True

    return_id = fields.Many2one(
        "hcc.data.return", required=True, ondelete="cascade", index=True
    )
    contract_id = fields.Many2one(
        related="return_id.contract_id", store=True, index=True
    )
    company_id = fields.Many2one(related="return_id.company_id", store=True)
    indicator_id = fields.Many2one(
        "hcc.contract.indicator",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        domain="[('contract_id', '=', contract_id)]",
    )
    sequence = fields.Integer(related="indicator_id.sequence", store=True)
    target = fields.Float(related="indicator_id.target")
    unit = fields.Char(related="indicator_id.unit")
    direction = fields.Selection(related="indicator_id.direction")
    value = fields.Float()
    rating = fields.Selection(
        INDICATOR_RATINGS,
        compute="_compute_rating",
        store=True,
        help="Empty until the return is received.",
    )

    _sql_constraints = [
        (
            "return_indicator_uniq",
            "unique(return_id, indicator_id)",
            "An indicator is measured once per return.",
        ),
    ]

    @api.depends(
        "value",
        "indicator_id.target",
        "indicator_id.direction",
        "return_id.state",
        "company_id.hcc_indicator_tolerance",
    )
    def _compute_rating(self):
        for line in self:
            if line.return_id.state in ("expected", "cancelled"):
                line.rating = False
            else:
                line.rating = line.indicator_id._rate(line.value)

    @api.constrains("indicator_id", "return_id")
    def _check_indicator_contract(self):
        for line in self:
            if line.indicator_id.contract_id != line.return_id.contract_id:
                raise ValidationError(
                    _(
                        "Indicator %(indicator)s belongs to another contract than "
                        "data return %(ret)s.",
                        indicator=line.indicator_id.name,
                        ret=line.return_id.name,
                    )
                )

    @api.model
    def _get_hcc_editable_fields(self):
        """An indicator's value follows its return's figures."""
        editable = super()._get_hcc_editable_fields()
        editable.update(received={"value"}, queried={"value"})
        return editable

    @api.model
    def _get_hcc_immutable_fields(self):
        return super()._get_hcc_immutable_fields() | {"return_id", "indicator_id"}

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.return_id._refresh_contract_rag()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if "value" in vals:
            self.return_id._refresh_contract_rag()
        return res
