from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

# the lead officer is reminded this many days before a meeting is due
MEETING_REMINDER_DAYS = 14
# a meeting this many days late goes to the County Manager (Contracts)
MEETING_ESCALATION_DAYS = 30
# an action overdue by more than this many days makes the contract red
ACTION_RED_DAYS = 30
MEETING_REMINDER_STATES = [
    ("none", "Not reminded"),
    ("reminded", "Lead officer reminded"),
    ("late", "Late: support officer told"),
    ("escalated", "Escalated to the County Manager"),
]

# the first monitoring meeting after the start is due within this many months
FIRST_MEETING_MONTHS = 3
# low utilisation (7.3): the lead officer's corrective action is due in this
# many days, and no new one is opened while one is open or was raised within
LOW_UTILISATION_ACTION_DAYS = 30
LOW_UTILISATION_QUIET_DAYS = 90


class HccContract(models.Model):
    _inherit = "hcc.contract"

    meeting_ids = fields.One2many("hcc.contract.meeting", "contract_id")
    action_ids = fields.One2many("hcc.contract.action", "contract_id")
    meeting_count = fields.Integer(
        string="Number of Meetings",
        compute="_compute_contract_counters",
        store=True,
        depends=["meeting_ids"],
    )
    open_action_count = fields.Integer(
        string="Open Actions",
        compute="_compute_contract_counters",
        store=True,
        depends=["action_ids.state"],
    )
    last_documented_meeting_date = fields.Date(
        compute="_compute_meeting_dates",
        store=True,
        help="Date of the last monitoring meeting whose minutes were circulated.",
    )
    next_meeting_due_date = fields.Date(
        compute="_compute_meeting_dates",
        store=True,
        index=True,
        help="The last scheduled meeting fully documented (minutes circulated, "
        "the minimum agenda dealt with) plus the meeting interval of the "
        "specification. Before any meeting, the first one is due within three "
        "months of the start (or the interval, if shorter): meetings are held "
        "more often at the start of a contract (7.1, 7.5).",
    )
    meeting_reminder_state = fields.Selection(
        MEETING_REMINDER_STATES,
        compute="_compute_meeting_reminder_state",
        store=True,
        readonly=False,
        copy=False,
        index=True,
        help="How far the scheduler went in reminding about the next meeting due; "
        "back to “Not reminded” whenever the due date moves.",
    )
    standard_12_4_met = fields.Boolean(
        string="Standard 12.4 Met",
        compute="_compute_standard_12_4_met",
        search="_search_standard_12_4_met",
        help="Monitoring meetings fully documented (minutes circulated, every "
        "item of the minimum agenda discussed or not applicable with a reason) "
        "in the last twelve months, or the twelve months up to the end of a "
        "contract that has ended: at least two, or one for every full six "
        "months the contract had run (standard 12.4).",
    )
    meetings_documented_12m = fields.Integer(
        string="Meetings Documented (12 Months)",
        compute="_compute_standard_12_4_met",
    )
    meetings_expected_12m = fields.Integer(
        string="Meetings Expected (12 Months)",
        compute="_compute_standard_12_4_met",
    )

    def _get_contract_counters(self):
        return super()._get_contract_counters() + [
            ("meeting_count", "hcc.contract.meeting", []),
            ("open_action_count", "hcc.contract.action", [("state", "=", "open")]),
        ]

    @api.depends(
        "date_start",
        "meeting_interval_months",
        "meeting_ids.state",
        "meeting_ids.date",
        "meeting_ids.meeting_type",
        "meeting_ids.fully_documented",
    )
    def _compute_meeting_dates(self):
        for contract in self:
            documented = contract.meeting_ids.filtered("fully_documented")
            contract.last_documented_meeting_date = (
                max(documented.mapped("date")).date() if documented else False
            )
            # only the scheduled meetings set the schedule: an ad hoc meeting
            # (7.7) is held on top of it and leaves the next one where it was;
            # and only a fully documented meeting counts (7.6, 12.4): one held
            # whose minutes are not circulated is still owed, and reminded
            scheduled = documented.filtered(lambda m: m.meeting_type != "ad_hoc")
            if scheduled:
                contract.next_meeting_due_date = max(
                    scheduled.mapped("date")
                ).date() + relativedelta(months=contract.meeting_interval_months)
            elif contract.date_start:
                contract.next_meeting_due_date = contract.date_start + relativedelta(
                    months=min(contract.meeting_interval_months, FIRST_MEETING_MONTHS)
                )
            else:
                contract.next_meeting_due_date = False

    @api.model
    def _get_hcc_action_fields(self):
        """What the meeting reminders did is the cron's record."""
        return super()._get_hcc_action_fields() | {"meeting_reminder_state"}

    @api.depends("next_meeting_due_date")
    def _compute_meeting_reminder_state(self):
        for contract in self:
            contract.meeting_reminder_state = "none"

    # Not stored: the answer depends on today's date as much as on the
    # meetings, and a stored flag would be stale between cron runs. One
    # query per batch of contracts keeps it cheap.
    @api.depends(
        "date_start",
        "date_end",
        "termination_date",
        "meeting_ids.fully_documented",
        "meeting_ids.date",
    )
    def _compute_standard_12_4_met(self):
        figures = self._standard_12_4_figures(self._origin.ids)
        for contract in self:
            documented, expected = figures.get(contract._origin.id, (0, 0))
            contract.meetings_documented_12m = documented
            contract.meetings_expected_12m = expected
            contract.standard_12_4_met = documented >= expected

    @api.model
    def _standard_12_4_joins(self, today):
        """Standard 12.4 as SQL, the one definition the contract form, its
        search and the compliance report share: joined to ``hcc_contract c``,
        it gives ``w.window_end`` (``today``, or the end of a contract that has
        ended), ``w.expected`` (two, or one for every full six months the
        contract had run by then) and ``m.documented`` (the fully documented
        meetings of the twelve months up to the end of the window)."""
        return SQL(
            """
              CROSS JOIN LATERAL (
                  SELECT today, window_end,
                         coalesce(LEAST(2, GREATEST(0, floor(
                             (extract(year FROM age(window_end, c.date_start)) * 12
                              + extract(month FROM age(window_end, c.date_start)))
                             / 6))), 0) AS expected
                    FROM (
                        SELECT %(today)s AS today,
                               LEAST(%(today)s, coalesce(c.termination_date,
                                                         c.date_end,
                                                         %(today)s)) AS window_end
                    ) AS d
              ) AS w
              LEFT JOIN LATERAL (
                  SELECT count(*) AS documented
                    FROM hcc_contract_meeting mt
                   WHERE mt.contract_id = c.id
                     AND mt.fully_documented
                     AND mt.date::date > w.window_end - interval '12 months'
                     AND mt.date::date <= w.window_end
              ) AS m ON true
            """,
            today=today,
        )

    @api.model
    def _standard_12_4_figures(self, ids=None):
        """{contract id: (meetings documented, meetings expected)} for the
        contracts ``ids`` (all of them when None), whoever can see them."""
        if ids is not None and not ids:
            return {}
        self.env["hcc.contract"].flush_model(
            ["date_start", "date_end", "termination_date"]
        )
        self.env["hcc.contract.meeting"].flush_model(
            ["contract_id", "date", "fully_documented"]
        )
        today = SQL("%s::date", fields.Date.context_today(self))
        where = SQL("c.id = ANY(%s)", list(ids)) if ids is not None else SQL("true")
        self.env.cr.execute(
            SQL(
                """SELECT c.id, coalesce(m.documented, 0)::int, w.expected::int
                     FROM hcc_contract c %s
                    WHERE %s""",
                self._standard_12_4_joins(today),
                where,
            )
        )
        return {
            cid: (documented, expected)
            for cid, documented, expected in self.env.cr.fetchall()
        }

    def _search_standard_12_4_met(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on “Standard 12.4 Met”."))
        ids = [
            cid
            for cid, (documented, expected) in self._standard_12_4_figures().items()
            if documented >= expected
        ]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_meetings(self):
        return self._action_view_records("hcc_contracts.hcc_contract_meeting_action")

    def action_view_actions(self):
        return self._action_view_records(
            "hcc_contracts.hcc_contract_action_action",
            context={"search_default_open": 1},
        )

    # ------------------------------------------------------------------
    # RAG evidence
    # ------------------------------------------------------------------
    def _get_rag_evidence(self):
        evidence = super()._get_rag_evidence()
        if not self._rag_source_enabled("meetings"):
            return evidence
        today = fields.Date.context_today(self)
        overdue = (
            self.env["hcc.contract.action"]
            .sudo()
            ._read_group(
                [
                    ("contract_id", "in", self.ids),
                    ("state", "=", "open"),
                    ("date_due", "<", today),
                ],
                ["contract_id"],
                ["__count", "date_due:min"],
            )
        )
        for contract, count, oldest_due in overdue:
            late_days = (today - oldest_due).days
            level = "red" if late_days > ACTION_RED_DAYS else "amber"
            evidence.setdefault(contract.id, []).append(
                (
                    level,
                    _(
                        "%(count)s corrective action(s) overdue, the oldest due "
                        "on %(date)s.",
                        count=count,
                        date=format_date(self.env, oldest_due),
                    ),
                )
            )
        for contract in self:
            due = contract.next_meeting_due_date
            if due and due < today:
                evidence.setdefault(contract.id, []).append(
                    (
                        "amber",
                        _(
                            "A monitoring meeting was due on %(date)s.",
                            date=format_date(self.env, due),
                        ),
                    )
                )
        return evidence

    def _hcc_rag_check(self):
        res = super()._hcc_rag_check()
        self._open_low_utilisation_actions()
        return res

    def _open_low_utilisation_actions(self):
        """7.3: where the service delivered by a live contract falls well below
        the volume commissioned (the utilisation the RAG status reads), open
        one corrective action for the lead officer: none while an earlier one
        is open or was raised in the last ``LOW_UTILISATION_QUIET_DAYS`` days.
        Checked when a return is accepted (``hcc_data_return.py`` of this
        feature) and daily with the RAG status (``_hcc_rag_check``), never
        from inside the refresh of the status. Whoever accepted the return,
        the action is the council's record."""
        live = self.filtered(lambda c: c.state == "active")
        if not live or not live._rag_source_enabled("performance"):
            return self.env["hcc.contract.action"]
        low = live._rag_utilisation(live._performance_facts())
        if not low:
            return self.env["hcc.contract.action"]
        today = fields.Date.context_today(self)
        Action = self.env["hcc.contract.action"].sudo()
        raised = Action.search(
            [
                ("contract_id", "in", list(low)),
                ("origin", "=", "low_utilisation"),
                "|",
                ("state", "=", "open"),
                (
                    "date_notified",
                    ">",
                    today - timedelta(days=LOW_UTILISATION_QUIET_DAYS),
                ),
            ]
        ).contract_id
        vals_list = []
        for contract in self.browse(list(low)).sudo() - raised:
            if not contract.lead_officer_id:
                continue
            reasons = "; ".join(reason for _level, reason in low[contract.id])
            vals_list.append(
                {
                    "contract_id": contract.id,
                    "name": _(
                        "Utilisation well below the commissioned volume: agree "
                        "corrective action with the provider (7.3)"
                    ),
                    "description": reasons,
                    "responsible": "council",
                    "origin": "low_utilisation",
                    "user_id": contract.lead_officer_id.id,
                    "date_notified": today,
                    "date_due": today + timedelta(days=LOW_UTILISATION_ACTION_DAYS),
                }
            )
        if not vals_list:
            return Action.browse()
        # as superuser: ``origin`` is the rule's, not a field an officer sets
        return Action.create(vals_list)

    def _get_rag_recheck_dates(self):
        """The day after the next meeting or open action falls due, and the
        day an overdue action turns the contract red."""
        dates = super()._get_rag_recheck_dates()
        if not self._rag_source_enabled("meetings"):
            return dates
        today = fields.Date.context_today(self)
        day = timedelta(days=1)
        for contract in self:
            if contract.next_meeting_due_date:
                self._rag_recheck_before(
                    dates, contract.id, contract.next_meeting_due_date + day
                )
        Action = self.env["hcc.contract.action"].sudo()
        domain = [("contract_id", "in", self.ids), ("state", "=", "open")]
        for contract, oldest_due in Action._read_group(
            domain, ["contract_id"], ["date_due:min"]
        ):
            red_from = oldest_due + timedelta(days=ACTION_RED_DAYS) + day
            self._rag_recheck_before(dates, contract.id, red_from)
        for contract, next_due in Action._read_group(
            [*domain, ("date_due", ">=", today)], ["contract_id"], ["date_due:min"]
        ):
            self._rag_recheck_before(dates, contract.id, next_due + day)
        return dates

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_meetings_due(self):
        """Daily: remind the lead officer before the next monitoring meeting is
        due, tell the support officer once it is late and the County Manager
        when it is a month late. ``meeting_reminder_state`` records what was
        done, so the domain skips contracts already handled at their stage.
        Contracts with a meeting already planned need no reminder."""
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        domain = [
            ("state", "=", "active"),
            ("next_meeting_due_date", "!=", False),
            ("meeting_ids", "not any", [("state", "=", "planned")]),
            "|",
            "|",
            "&",
            ("meeting_reminder_state", "=", "none"),
            (
                "next_meeting_due_date",
                "<=",
                today + timedelta(days=MEETING_REMINDER_DAYS),
            ),
            "&",
            ("meeting_reminder_state", "in", ("none", "reminded")),
            ("next_meeting_due_date", "<", today),
            "&",
            ("meeting_reminder_state", "!=", "escalated"),
            (
                "next_meeting_due_date",
                "<",
                today - timedelta(days=MEETING_ESCALATION_DAYS),
            ),
        ]
        scheduler._run_steps([scheduler._step(self, domain, self._remind_meetings_due)])

    def _close_meeting_due_reminders(self):
        """Mark done the "monitoring meeting due" reminders of the contracts
        whose next meeting is no longer due (the minutes of a scheduled
        meeting were circulated, which moved the date on)."""
        today = fields.Date.context_today(self)
        self.filtered(
            lambda c: not c.next_meeting_due_date or c.next_meeting_due_date > today
        ).activity_feedback(
            ["hcc_contracts.mail_activity_type_meeting_due"],
            feedback=_("The meeting was held and its minutes circulated."),
        )

    def _remind_meetings_due(self, contracts):
        today = fields.Date.context_today(self)
        activity_type = self.env.ref("hcc_contracts.mail_activity_type_meeting_due")
        requests, by_stage = [], {}
        for contract in contracts:
            due = contract.next_meeting_due_date
            if due < today - timedelta(days=MEETING_ESCALATION_DAYS):
                stage, count = "escalated", 3
            elif due < today:
                stage, count = "late", 2
            else:
                stage, count = "reminded", 1
            summary = _(
                "Monitoring meeting due on %(date)s for %(ref)s",
                date=format_date(self.env, due),
                ref=contract.name,
            )
            for user in contract._hcc_escalation_users()[:count]:
                requests.append(
                    {
                        "record": contract,
                        "activity_type": activity_type,
                        "user": user,
                        "summary": summary,
                        "date_deadline": due,
                    }
                )
            by_stage.setdefault(stage, self.browse())
            by_stage[stage] |= contract
        self.env["mail.activity"]._hcc_schedule(requests)
        for stage, stage_contracts in by_stage.items():
            stage_contracts.write({"meeting_reminder_state": stage})
