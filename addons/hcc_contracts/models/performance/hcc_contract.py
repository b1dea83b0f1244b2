from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.tools import SQL, format_date

from ...tools.selection import selection_label
from ..contract.hcc_contract import RETURN_FREQUENCY_MONTHS

# where a contract's activity data comes from (procedure 8.1): the council's
# case-management system for most contracts, provider returns for the rest
ACTIVITY_SOURCES = [
    ("case_system", "Case-management system"),
    ("provider_returns", "Provider returns"),
]


class HccContract(models.Model):
    """Provider performance on the contract: data returns, activity against
    target, indicators, satisfaction surveys, complaints and the RAG evidence
    they give (procedure 6.2, 6.3, 7.6, 8)."""

    _inherit = "hcc.contract"

    return_ids = fields.One2many("hcc.data.return", "contract_id", string="Returns")
    activity_source = fields.Selection(
        ACTIVITY_SOURCES,
        string="Activity Data From",
        default="case_system",
        required=True,
        tracking=True,
        help="Procedure 8.1: most activity data is collected from the council's "
        "case-management system, imported per period; provider returns are asked "
        "for only where that is not possible.",
    )
    case_data_next_check = fields.Date(
        string="Next Check of Case-System Data",
        index=True,
        copy=False,
        readonly=True,
        help="The day after the due date of the next period whose case-management "
        "data must have arrived: the support officer is alerted if it has not.",
    )
    indicator_ids = fields.One2many(
        "hcc.contract.indicator", "contract_id", string="Performance Indicators"
    )
    survey_ids = fields.One2many(
        "hcc.satisfaction.survey", "contract_id", string="Satisfaction Surveys"
    )
    complaint_ids = fields.One2many(
        "hcc.contract.complaint", "contract_id", string="Complaints and Compliments"
    )
    # ``_cron_data_returns`` and ``_cron_satisfaction_surveys`` select the
    # contracts whose next period or contract year has started: indexed
    return_next_date = fields.Date(
        index=True,
        copy=False,
        readonly=True,
        help="Start of the next period whose data return has not been created.",
    )
    survey_next_date = fields.Date(
        index=True,
        copy=False,
        readonly=True,
        help="Start of the next contract year whose survey has not been created.",
    )
    return_count = fields.Integer(
        string="Number of Data Returns",
        compute="_compute_contract_counters",
        store=True,
        depends=["return_ids"],
    )
    return_late_count = fields.Integer(
        string="Late Returns",
        compute="_compute_contract_counters",
        store=True,
        depends=["return_ids.is_late", "return_ids.state"],
    )
    survey_count = fields.Integer(
        string="Number of Surveys",
        compute="_compute_contract_counters",
        store=True,
        depends=["survey_ids"],
    )
    complaint_count = fields.Integer(
        string="Number of Complaints and Compliments",
        compute="_compute_contract_counters",
        store=True,
        depends=["complaint_ids.active"],
    )
    complaint_open_count = fields.Integer(
        string="Open Complaints",
        compute="_compute_contract_counters",
        store=True,
        depends=["complaint_ids.active", "complaint_ids.is_open"],
    )

    # activity against target over the accepted returns (6.3, 7.6): stored,
    # kept up to date as returns are accepted, so the form reads it for free
    activity_commissioned = fields.Float(
        string="Units Commissioned to Date",
        compute="_compute_activity_to_date",
        store=True,
        help="Commissioned volume for the periods of the accepted returns.",
    )
    activity_delivered = fields.Float(
        string="Units Delivered to Date",
        compute="_compute_activity_to_date",
        store=True,
        help="Units delivered according to the accepted returns.",
    )
    activity_value = fields.Monetary(
        string="Value of the Periods",
        compute="_compute_activity_to_date",
        store=True,
        currency_field="currency_id",
    )
    utilisation = fields.Float(
        string="Utilisation (%)",
        compute="_compute_activity_to_date",
        store=True,
        aggregator="avg",
    )
    unit_cost_delivered = fields.Monetary(
        compute="_compute_activity_to_date",
        store=True,
        aggregator=False,
        currency_field="currency_id",
    )
    underuse_value = fields.Monetary(
        string="Under-use Value",
        compute="_compute_activity_to_date",
        store=True,
        currency_field="currency_id",
    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        switched = (
            self.filtered(lambda c: c.activity_source != vals["activity_source"])
            if "activity_source" in vals
            else self.browse()
        )
        res = super().write(vals)
        if switched:
            switched._activity_source_switched()
        return res

    def _activity_source_switched(self):
        """A contract whose data now comes from the case-management system no
        longer expects provider returns: those not yet received are cancelled
        (kept, as every record with history). One back on provider returns
        has its expected returns generated again from its start."""
        to_case = self.filtered(lambda c: c.activity_source == "case_system")
        expected = self.env["hcc.data.return"].search(
            [
                ("contract_id", "in", to_case.ids),
                ("state", "=", "expected"),
                ("source", "=", "provider"),
            ]
        )
        if expected:
            expected.sudo().write({"state": "cancelled"})
            expected.sudo().activity_unlink(
                ["hcc_contracts.mail_activity_type_data_return_late"]
            )
        to_case.sudo().write({"case_data_next_check": False})
        (self - to_case).sudo().write({"return_next_date": False})

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _get_contract_counters(self):
        return super()._get_contract_counters() + [
            ("return_count", "hcc.data.return", []),
            (
                "return_late_count",
                "hcc.data.return",
                [("is_late", "=", True), ("state", "=", "expected")],
            ),
            ("survey_count", "hcc.satisfaction.survey", []),
            ("complaint_count", "hcc.contract.complaint", []),
            (
                "complaint_open_count",
                "hcc.contract.complaint",
                [("is_open", "=", True)],
            ),
        ]

    @api.depends(
        "payment_basis",
        "unit_price",
        "return_ids.state",
        "return_ids.commissioned_units",
        "return_ids.units_delivered",
        "return_ids.value_commissioned",
    )
    def _compute_activity_to_date(self):
        for contract in self:
            accepted = contract.return_ids.filtered(lambda r: r.state == "accepted")
            commissioned = sum(accepted.mapped("commissioned_units"))
            delivered = sum(accepted.mapped("units_delivered"))
            value = sum(accepted.mapped("value_commissioned"))
            # each return's units at the price in force in its period
            paid = sum(r.unit_cost_delivered * r.units_delivered for r in accepted)
            price = paid / delivered if delivered else contract.unit_price
            figures = contract._activity_figures(commissioned, delivered, value, price)
            contract.activity_commissioned = commissioned
            contract.activity_delivered = delivered
            contract.activity_value = value
            contract.utilisation = figures["utilisation"]
            contract.unit_cost_delivered = figures["unit_cost_delivered"]
            contract.underuse_value = figures["underuse_value"]

    def _activity_figures(self, commissioned, delivered, value, unit_price=None):
        """Utilisation, unit cost of the service delivered (for a spot
        contract, ``unit_price``: the price in force when it was delivered,
        by default today's) and, for a block contract, the value paid for
        service not delivered (procedure 6.3)."""
        self.ensure_one()
        block = self.payment_basis == "block"
        utilisation = delivered / commissioned * 100.0 if commissioned else 0.0
        if block:
            unit_cost = value / delivered if delivered else 0.0
            unused = max(commissioned - delivered, 0.0)
            underuse = value * unused / commissioned if commissioned else 0.0
        else:
            unit_cost = self.unit_price if unit_price is None else unit_price
            underuse = 0.0
        return {
            "utilisation": utilisation,
            "unit_cost_delivered": unit_cost,
            "underuse_value": underuse,
        }

    # ------------------------------------------------------------------
    # Data returns and surveys
    # ------------------------------------------------------------------
    def _get_return_periods(self, until):
        """The ``(date_from, date_to)`` periods of the contract's returns that
        start on or before ``until``. Periods follow the return frequency from
        the first of the start month; the first and last are cut to the
        contract's dates, so a contract starting mid-month has a short first
        period."""
        self.ensure_one()
        if not self.date_start:
            return []
        step = RETURN_FREQUENCY_MONTHS[self.data_return_frequency]
        periods = []
        anchor = self.date_start.replace(day=1)
        last = min(until, self.date_end) if self.date_end else until
        while True:
            date_from = max(anchor, self.date_start)
            if date_from > last:
                break
            date_to = anchor + relativedelta(months=step, days=-1)
            if self.date_end:
                date_to = min(date_to, self.date_end)
            periods.append((date_from, date_to))
            anchor += relativedelta(months=step)
        return periods

    def _get_delivered_units(self, date_from, date_to):
        """Value for money reads the units delivered from the accepted data
        returns whose period lies within the dates; one query for all."""
        result = super()._get_delivered_units(date_from, date_to)
        groups = self.env["hcc.data.return"]._read_group(
            [
                ("contract_id", "in", self.ids),
                ("state", "=", "accepted"),
                ("date_from", ">=", date_from),
                ("date_to", "<=", date_to),
            ],
            ["contract_id"],
            ["units_delivered:sum", "date_to:max"],
        )
        result.update(
            {contract.id: (units, through) for contract, units, through in groups}
        )
        return result

    def _generate_expected_returns(self, until):
        """Create the missing expected returns of every period starting on or
        before ``until``, each with a line per active indicator; periods
        overlapping an existing return (e.g. one imported) are skipped."""
        taken = self._hcc_return_periods_taken()
        vals_list = []
        for contract in self:
            periods = contract._get_return_periods(until)
            for date_from, date_to in periods:
                if any(f <= date_to and t >= date_from for f, t in taken[contract.id]):
                    continue
                vals_list.append(
                    {
                        "contract_id": contract.id,
                        "date_from": date_from,
                        "date_to": date_to,
                    }
                )
            next_date = (
                periods[-1][1] + relativedelta(days=1)
                if periods
                else contract.date_start
            )
            if contract.return_next_date != next_date:
                contract.return_next_date = next_date
        returns = self.env["hcc.data.return"].create(vals_list)
        # a line per active indicator of the contract, all in one creation
        self.env["hcc.data.return.indicator.value"].create(
            [
                {"return_id": ret.id, "indicator_id": indicator.id}
                for ret in returns
                for indicator in ret.contract_id.indicator_ids
            ]
        )
        return returns

    def _prepare_expected_return_vals(self, date_from, date_to):
        """The values of a return expected of the contract for a period, with
        a line per active indicator (the cron creates the lines of many
        returns at once instead)."""
        self.ensure_one()
        return {
            "contract_id": self.id,
            "date_from": date_from,
            "date_to": date_to,
            "indicator_value_ids": [
                Command.create({"indicator_id": indicator.id})
                for indicator in self.indicator_ids
            ],
        }

    def _hcc_return_periods_taken(self, domain=()):
        """``{contract id: [(date_from, date_to), ...]}``: the periods of the
        returns of these contracts (matching ``domain``), in one search."""
        taken = {contract_id: [] for contract_id in self.ids}
        for ret in self.env["hcc.data.return"].search_fetch(
            [("contract_id", "in", self.ids), *domain],
            ["contract_id", "date_from", "date_to"],
        ):
            taken[ret.contract_id.id].append((ret.date_from, ret.date_to))
        return taken

    def _generate_surveys(self, until):
        """Create the survey of every contract year started on or before
        ``until`` that has none, and remind the lead officer it is due."""
        Survey = self.env["hcc.satisfaction.survey"]
        existing = {
            (contract.id, year)
            for contract, year in Survey._read_group(
                [("contract_id", "in", self.ids)], ["contract_id", "survey_year"]
            )
        }
        vals_list = []
        for contract in self:
            if not contract.date_start:
                continue
            year = 1
            while True:
                start = contract.date_start + relativedelta(years=year - 1)
                if start > until or (contract.date_end and start > contract.date_end):
                    break
                if (contract.id, year) not in existing:
                    vals_list.append(Survey._prepare_survey_vals(contract, year))
                year += 1
            contract.survey_next_date = start
        surveys = Survey.create(vals_list)
        activity_type = self.env.ref("hcc_contracts.mail_activity_type_survey_due")
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": survey,
                    "activity_type": activity_type,
                    "user": survey.contract_id.lead_officer_id,
                    "summary": self.env._(
                        "User satisfaction survey due by %(date)s",
                        date=format_date(self.env, survey.date_due),
                    ),
                    "date_deadline": survey.date_due,
                }
                for survey in surveys
            ]
        )
        return surveys

    @api.model
    def _cron_data_returns(self):
        """Daily: create the expected returns of the periods that have started,
        then flag those not received by their due date. Contracts whose next
        period has not started yet are not selected."""
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        domain = [
            ("state", "=", "active"),
            ("activity_source", "=", "provider_returns"),
            "|",
            ("return_next_date", "=", False),
            ("return_next_date", "<=", today),
        ]
        case_domain = [
            ("state", "=", "active"),
            ("activity_source", "=", "case_system"),
            "|",
            ("case_data_next_check", "=", False),
            ("case_data_next_check", "<=", today),
        ]
        scheduler._run_steps(
            [
                scheduler._step(
                    self,
                    domain,
                    lambda batch: batch._generate_expected_returns(today),
                ),
                self.env["hcc.data.return"]._late_returns_step(),
                scheduler._step(
                    self,
                    case_domain,
                    lambda batch: batch._check_case_data_arrived(today),
                ),
            ]
        )

    def _check_case_data_arrived(self, today):
        """Appendix A 10 (data collection): alert the support officer (the lead
        officer when there is none) of a case-system contract whose data of a
        period past its due date has not been imported; then plan the next
        check for the day after the next period falls due. One open activity
        per contract, listing the missing periods."""
        periods_taken = self._hcc_return_periods_taken([("state", "!=", "cancelled")])
        activity_type = self.env.ref(
            "hcc_contracts.mail_activity_type_case_data_missing"
        )
        requests = []
        for contract in self:
            due_days = contract.company_id.hcc_return_due_days
            taken = periods_taken[contract.id]
            missing, next_check = [], False
            for date_from, date_to in contract._get_return_periods(today):
                due = date_to + relativedelta(days=due_days)
                if due >= today:
                    next_check = due + relativedelta(days=1)
                    break
                if not any(f <= date_to and t >= date_from for f, t in taken):
                    missing.append((date_from, date_to))
            if not next_check:
                # every period started so far is due: check after the next one
                last = contract._get_return_periods(today)
                anchor = last[-1][1] if last else contract.date_start
                step = RETURN_FREQUENCY_MONTHS[contract.data_return_frequency]
                next_check = anchor + relativedelta(months=step, days=due_days + 1)
            contract.case_data_next_check = next_check
            if missing:
                user = contract.support_officer_id or contract.lead_officer_id
                # in the recipient's language and date format
                env = self.with_context(lang=user.lang or self.env.lang).env
                periods = ", ".join(
                    f"{format_date(env, f)}–{format_date(env, t)}" for f, t in missing
                )
                requests.append(
                    {
                        "record": contract,
                        "activity_type": activity_type,
                        "user": user,
                        "summary": _(
                            "Activity data from the case-management system has "
                            "not arrived: %(periods)s",
                            periods=periods,
                        ),
                        "date_deadline": today,
                    }
                )
        self.env["mail.activity"]._hcc_schedule(requests)

    @api.model
    def _cron_satisfaction_surveys(self):
        """Daily: create the survey of each contract year as it starts, with a
        'survey due' activity for the lead officer, then flag late surveys."""
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        domain = [
            ("state", "=", "active"),
            ("requires_satisfaction_survey", "=", True),
            "|",
            ("survey_next_date", "=", False),
            ("survey_next_date", "<=", today),
        ]
        scheduler._run_steps(
            [
                scheduler._step(
                    self,
                    domain,
                    lambda batch: batch._generate_surveys(today),
                ),
                self.env["hcc.satisfaction.survey"]._late_surveys_step(),
            ]
        )

    # ------------------------------------------------------------------
    # RAG evidence
    # ------------------------------------------------------------------
    def _get_rag_evidence(self):
        evidence = super()._get_rag_evidence()
        if not self._rag_source_enabled("performance"):
            return evidence
        facts = self._performance_facts()
        for method in (
            self._rag_late_returns,
            self._rag_utilisation,
            self._rag_indicators,
            self._rag_surveys,
        ):
            for contract_id, items in method(facts).items():
                evidence.setdefault(contract_id, []).extend(items)
        return evidence

    def _get_rag_recheck_dates(self):
        """The day after the next return or survey falls due, and the day the
        oldest accepted return leaves the twelve months of utilisation."""
        dates = super()._get_rag_recheck_dates()
        if not self._rag_source_enabled("performance"):
            return dates
        today = fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT contract_id, min(date_due) + 1
                  FROM hcc_data_return
                 WHERE contract_id = ANY(%(ids)s) AND state = 'expected'
                   AND date_due >= %(today)s
                 GROUP BY contract_id
                UNION ALL
                SELECT contract_id,
                       (min(date_from) + interval '12 months')::date + 1
                  FROM hcc_data_return
                 WHERE contract_id = ANY(%(ids)s) AND state = 'accepted'
                   AND date_from >= %(since)s
                 GROUP BY contract_id
                UNION ALL
                SELECT contract_id, min(date_due) + 1
                  FROM hcc_satisfaction_survey
                 WHERE contract_id = ANY(%(ids)s) AND state = 'due'
                   AND date_due >= %(today)s
                 GROUP BY contract_id
                """,
                ids=list(self.ids),
                today=today,
                since=today - relativedelta(months=12),
            )
        )
        for contract_id, day in self.env.cr.fetchall():
            self._rag_recheck_before(dates, contract_id, day)
        return dates

    def _performance_facts(self):
        """Everything the RAG status needs from returns, indicators and surveys,
        for all contracts of ``self`` in one query (the RAG is refreshed on every
        change of a return, so it must stay cheap). Read without record rules:
        the status must not depend on who saved the return.

        :return: ``{kind: {contract id: [row, ...]}}``
        """
        self.env.flush_all()
        today = fields.Date.context_today(self)
        since = today - relativedelta(months=12)
        ids = list(self.ids)
        query = SQL(
            """
            SELECT 'late', contract_id, count(*), NULL::float,
                   array_agg(period_name ORDER BY date_from), NULL::int, NULL::date
              FROM hcc_data_return
             WHERE contract_id = ANY(%(ids)s) AND state = 'expected' AND is_late
             GROUP BY contract_id
            UNION ALL
            SELECT 'utilisation', contract_id, NULL, sum(coalesce(units_delivered, 0)),
                   NULL, NULL, NULL
              FROM hcc_data_return
             WHERE contract_id = ANY(%(ids)s) AND state = 'accepted'
               AND date_from >= %(since)s
             GROUP BY contract_id
            HAVING sum(coalesce(commissioned_units, 0)) > 0
            UNION ALL
            SELECT 'commissioned', contract_id, NULL,
                   sum(coalesce(commissioned_units, 0)), NULL, NULL, NULL
              FROM hcc_data_return
             WHERE contract_id = ANY(%(ids)s) AND state = 'accepted'
               AND date_from >= %(since)s
             GROUP BY contract_id
            UNION ALL
            (SELECT DISTINCT ON (line.indicator_id) 'indicator', line.contract_id,
                    NULL, line.value, ARRAY[line.rating, ret.period_name],
                    line.indicator_id, NULL
               FROM hcc_data_return_indicator_value line
               JOIN hcc_data_return ret ON ret.id = line.return_id
               JOIN hcc_contract_indicator ind ON ind.id = line.indicator_id
              WHERE line.contract_id = ANY(%(ids)s) AND ind.active
                AND ret.state = 'accepted'
                AND ret.date_from >= %(since)s
              ORDER BY line.indicator_id, ret.date_from DESC, line.id DESC)
            UNION ALL
            SELECT 'survey', contract_id, count(*), NULL, NULL, NULL, min(date_due)
              FROM hcc_satisfaction_survey
             WHERE contract_id = ANY(%(ids)s) AND state = 'due' AND is_late
             GROUP BY contract_id
            """,
            ids=ids,
            since=since,
        )
        self.env.cr.execute(query)
        facts = {}
        for kind, contract_id, *row in self.env.cr.fetchall():
            facts.setdefault(kind, {}).setdefault(contract_id, []).append(row)
        return facts

    def _rag_late_returns(self, facts):
        result = {}
        for contract_id, [(count, _n, periods, _i, _d)] in facts.get(
            "late", {}
        ).items():
            if count >= 2:
                reason = _(
                    "%(count)s data returns are late: %(periods)s.",
                    count=count,
                    periods=", ".join(periods),
                )
            else:
                reason = _("A data return is late: %(periods)s.", periods=periods[0])
            result[contract_id] = [("red" if count >= 2 else "amber", reason)]
        return result

    def _rag_utilisation(self, facts):
        """Utilisation over the accepted returns of the last twelve months."""
        commissioned_by_id = facts.get("commissioned", {})
        result = {}
        for contract_id, [(_c, delivered, _p, _i, _d)] in facts.get(
            "utilisation", {}
        ).items():
            commissioned = commissioned_by_id[contract_id][0][1]
            company = self.browse(contract_id).company_id
            rate = delivered / commissioned * 100.0
            if rate < company.hcc_utilisation_red:
                level, threshold = "red", company.hcc_utilisation_red
            elif rate < company.hcc_utilisation_amber:
                level, threshold = "amber", company.hcc_utilisation_amber
            else:
                continue
            result[contract_id] = [
                (
                    level,
                    _(
                        "Utilisation is %(rate)s%% of the commissioned volume over "
                        "the last 12 months (%(level)s below %(threshold)s%%).",
                        rate=round(rate, 1),
                        level=level,
                        threshold=threshold,
                    ),
                )
            ]
        return result

    def _rag_indicators(self, facts):
        """The latest rating of each active indicator, from the returns of the
        last twelve months that have been accepted: a return received but not
        yet checked leaves the status as it was."""
        levels = {"inadequate": "red", "requires_improvement": "amber"}
        values = self.env["hcc.data.return.indicator.value"]
        result = {}
        for contract_id, rows in facts.get("indicator", {}).items():
            for _c, value, (rating, period), indicator_id, _d in rows:
                if rating not in levels:
                    continue
                indicator = self.env["hcc.contract.indicator"].browse(indicator_id)
                unit = f" {indicator.unit}" if indicator.unit else ""
                result.setdefault(contract_id, []).append(
                    (
                        levels[rating],
                        _(
                            "Indicator “%(name)s” %(rating)s: %(value)s%(unit)s "
                            "against a target of %(target)s%(unit)s (%(period)s).",
                            name=indicator.name,
                            rating=selection_label(values, "rating", rating).lower(),
                            value=value,
                            target=indicator.target,
                            unit=unit,
                            period=period,
                        ),
                    )
                )
        return result

    def _rag_surveys(self, facts):
        return {
            contract_id: [
                (
                    "amber",
                    self.env._(
                        "The user satisfaction survey is overdue (due %(date)s).",
                        date=format_date(self.env, date_due),
                    ),
                )
            ]
            for contract_id, [(_c, _v, _p, _i, date_due)] in facts.get(
                "survey", {}
            ).items()
        }

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_generate_returns(self):
        """Create the expected returns and survey up to today at once, without
        waiting for the nightly scheduled action."""
        today = fields.Date.context_today(self)
        active = self.filtered(lambda c: c.state == "active")
        active.filtered(
            lambda c: c.activity_source == "provider_returns"
        )._generate_expected_returns(today)
        active.filtered("requires_satisfaction_survey")._generate_surveys(today)
        return True

    def action_view_returns(self):
        return self._action_view_records(
            "hcc_contracts.hcc_data_return_action", name=_("Data Returns")
        )

    def action_view_surveys(self):
        return self._action_view_records(
            "hcc_contracts.hcc_satisfaction_survey_action",
            name=_("Satisfaction Surveys"),
        )

    def action_view_complaints(self):
        return self._action_view_records(
            "hcc_contracts.hcc_contract_complaint_action",
            name=_("Complaints and Compliments"),
        )

    # ------------------------------------------------------------------
    # Services related to the national performance indicators (6.2)
    # ------------------------------------------------------------------
    def _get_activation_problems(self):
        """Activity information is crucial where the service relates to the
        government's performance indicators (PAF) (procedure 6.2): such a
        contract names the indicators the provider reports against before
        it starts."""
        problems = super()._get_activation_problems()
        if self.paf_related and not self.indicator_ids:
            problems.append(
                _(
                    "The service relates to national performance indicators: name "
                    "the indicators the provider reports against in its activity "
                    "information (procedure 6.2)."
                )
            )
        return problems
