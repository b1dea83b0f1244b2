from odoo import _, api, fields, models, tools
from odoo.tools import SQL

STANDARDS = ("std_12_1", "std_12_2", "std_12_3", "std_12_4", "std_12_5", "std_12_6")
STANDARD_COUNT = 7


class HccComplianceReport(models.Model):
    """Compliance of each contract with the performance standards 12.1-12.7 of
    the procedure, one row per contract that is or was live (draft and archived
    contracts are left out: the standards apply from the start of the contract).

    A read-only SQL view evaluated at the time it is read (``now()``):

    - 12.1 / 12.2: a lead officer / a representative is appointed; when the
      representative is the lead officer's nominee, 12.2 also asks for the
      supervision sessions of 5.1: in the twelve months up to the end of the
      window, one for every full supervision interval (Settings) the
      contract had run;
    - 12.3: the specification requires activity information and annual
      satisfaction surveys;
    - 12.4: meetings fully documented (minutes circulated, the minimum agenda
      dealt with) in the twelve months up to today (or up to the end of a
      contract that has ended): at least two, or one for every full six
      months the contract had run in that window, as
      ``hcc.contract._standard_12_4_joins`` defines it for the form too;
    - 12.5: a terminated contract had a notice served on or before its
      termination date, or a fundamental breach recorded; a contract not
      terminated complies;
    - 12.6: a budget line exists for the financial year of today (or of the
      end date of a contract that has ended) and its actual spend is within
      it. A contract without a budget line for that year does NOT comply:
      12.6 asks the lead officer to manage the budget, and there is none;
    - 12.7: the review was done on or before the review due date; a contract
      whose review is not due yet complies."""

    _name = "hcc.compliance.report"
    _description = "Compliance with the Performance Standards"
    _auto = False
    _order = "locality_id, contract_id"
    _rec_name = "contract_id"
    _depends = {
        "hcc.contract": [
            "company_id",
            "active",
            "state",
            "partner_id",
            "locality_id",
            "care_group_id",
            "lead_officer_id",
            "representative_id",
            "requires_satisfaction_survey",
            "requires_activity_information",
            "date_start",
            "date_end",
            "review_due_date",
            "termination_date",
            "termination_fundamental_breach",
        ],
        "hcc.contract.supervision": ["contract_id", "date"],
        "res.company": ["hcc_supervision_interval_months"],
        "hcc.contract.meeting": ["contract_id", "fully_documented", "date"],
        "hcc.contract.notice": ["contract_id", "state", "date_served"],
        "hcc.contract.budget": [
            "contract_id",
            "active",
            "date_from",
            "date_to",
            "budgeted_amount",
            "actual_amount",
        ],
        "hcc.contract.review": ["contract_id", "state", "date_done"],
    }

    contract_id = fields.Many2one("hcc.contract", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Provider", readonly=True)
    locality_id = fields.Many2one("hcc.locality", readonly=True)
    care_group_id = fields.Many2one("hcc.care.group", readonly=True)
    lead_officer_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(
        [
            ("active", "Active"),
            ("expired", "Expired"),
            ("terminated", "Terminated early"),
        ],
        string="Contract Status",
        readonly=True,
    )
    date_end = fields.Date(string="End Date", readonly=True)
    std_12_1 = fields.Boolean(string="12.1 Lead Officer", readonly=True)
    std_12_2 = fields.Boolean(string="12.2 Representative", readonly=True)
    std_12_3 = fields.Boolean(string="12.3 Surveys and Activity", readonly=True)
    std_12_4 = fields.Boolean(string="12.4 Meetings Documented", readonly=True)
    std_12_5 = fields.Boolean(string="12.5 Default Process", readonly=True)
    std_12_6 = fields.Boolean(string="12.6 Within Budget", readonly=True)
    std_12_7 = fields.Boolean(string="12.7 Review in Time", readonly=True)
    supervision_sessions = fields.Integer(
        string="Supervision Sessions (12 Months)",
        readonly=True,
        help="Supervision sessions recorded in the twelve months assessed (5.1).",
    )
    supervision_expected = fields.Integer(
        string="Supervision Sessions Expected (12 Months)",
        readonly=True,
        help="When the representative is the lead officer's nominee: one for "
        "every full supervision interval the contract had run in the twelve "
        "months assessed; none otherwise.",
    )
    meetings_documented = fields.Integer(
        string="Meetings Documented (12 Months)", readonly=True
    )
    meetings_expected = fields.Integer(
        string="Meetings Expected (12 Months)", readonly=True
    )
    budget_assessed = fields.Boolean(
        help="A budget line exists for the financial year assessed.", readonly=True
    )
    standards_met = fields.Integer(readonly=True, aggregator="sum")
    standards_count = fields.Integer(
        string="Standards Assessed", readonly=True, aggregator="sum"
    )
    compliance_rate = fields.Float(
        string="Compliance (%)",
        readonly=True,
        aggregator="avg",
        help="Standards met out of seven, as a percentage.",
    )
    contract_count = fields.Integer(string="Contracts", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )

    def _query(self):
        met = SQL(" + ").join(SQL("%s::int", SQL.identifier(s)) for s in STANDARDS)
        return SQL(
            """
            SELECT s.*,
                   %(met)s + s.std_12_7::int AS standards_met,
                   %(count)s AS standards_count,
                   round((%(met)s + s.std_12_7::int) * 100.0 / %(count)s, 1)
                       AS compliance_rate
              FROM (%(rows)s) AS s
            """,
            met=met,
            count=STANDARD_COUNT,
            rows=self._rows_query(),
        )

    def _rows_query(self):
        """One row per contract with each standard as a boolean."""
        return SQL(
            """
            SELECT c.id AS id,
                   c.id AS contract_id,
                   c.company_id,
                   c.partner_id,
                   c.locality_id,
                   c.care_group_id,
                   c.lead_officer_id,
                   c.state,
                   c.date_end,
                   1 AS contract_count,
                   c.lead_officer_id IS NOT NULL AS std_12_1,
                   (c.representative_id IS NOT NULL
                    AND coalesce(sv.sessions, 0) >= sx.expected) AS std_12_2,
                   coalesce(sv.sessions, 0)::int AS supervision_sessions,
                   sx.expected::int AS supervision_expected,
                   (coalesce(c.requires_satisfaction_survey, false)
                    AND coalesce(c.requires_activity_information, false)) AS std_12_3,
                   coalesce(m.documented, 0) >= w.expected AS std_12_4,
                   coalesce(m.documented, 0)::int AS meetings_documented,
                   w.expected::int AS meetings_expected,
                   (c.state != 'terminated'
                    OR coalesce(c.termination_fundamental_breach, false)
                    OR EXISTS (
                        SELECT 1 FROM hcc_contract_notice n
                         WHERE n.contract_id = c.id
                           AND n.state IN ('served', 'remedied', 'escalated')
                           AND n.date_served <= coalesce(c.termination_date,
                                                         c.date_end)
                    )) AS std_12_5,
                   b.id IS NOT NULL AS budget_assessed,
                   (b.id IS NOT NULL
                    AND coalesce(b.actual_amount, 0)
                        <= coalesce(b.budgeted_amount, 0)) AS std_12_6,
                   (c.review_due_date IS NULL
                    OR c.review_due_date >= w.today
                    OR EXISTS (
                        SELECT 1 FROM hcc_contract_review r
                         WHERE r.contract_id = c.id
                           AND r.state = 'done'
                           AND r.date_done <= c.review_due_date
                    )) AS std_12_7
              FROM hcc_contract c
              -- standard 12.4 as the contract form reads it: the assessed
              -- window (the twelve months up to today, or up to the end of a
              -- contract that has ended) and its fully documented meetings
              %(std_12_4)s
              -- 5.1: a nominee representative's supervision sessions
              JOIN res_company co ON co.id = c.company_id
              LEFT JOIN LATERAL (
                  SELECT count(*) AS sessions
                    FROM hcc_contract_supervision s
                   WHERE s.contract_id = c.id
                     AND s.date > w.window_end - interval '12 months'
                     AND s.date <= w.window_end
              ) AS sv ON true
              CROSS JOIN LATERAL (
                  SELECT CASE
                      WHEN c.representative_id IS NULL
                        OR c.representative_id = c.lead_officer_id
                        OR c.lead_officer_id IS NULL THEN 0
                      ELSE coalesce(GREATEST(0, floor(
                          LEAST(12,
                                extract(year FROM age(w.window_end, c.date_start)) * 12
                                + extract(month FROM age(w.window_end, c.date_start)))
                          / GREATEST(coalesce(co.hcc_supervision_interval_months, 1), 1)
                      )), 0)
                  END AS expected
              ) AS sx
              LEFT JOIN hcc_contract_budget b
                     ON b.contract_id = c.id
                    AND b.active
                    AND b.date_from <= w.window_end
                    AND b.date_to >= w.window_end
             WHERE c.active
               AND c.state IN ('active', 'expired', 'terminated')
            """,
            std_12_4=self.env["hcc.contract"]._standard_12_4_joins(SQL("now()::date")),
        )

    # ------------------------------------------------------------------
    # The County Manager's dashboard
    # ------------------------------------------------------------------
    def _dashboard_standards(self):
        """Each standard of the procedure (12) with what it asks and its
        target: every standard is a duty on every contract, so the target is
        all of them."""
        return [
            ("std_12_1", "12.1", _("A lead officer appointed for each contract")),
            (
                "std_12_2",
                "12.2",
                _("A representative appointed to act with the provider"),
            ),
            (
                "std_12_3",
                "12.3",
                _(
                    "The specification asks for activity information and annual "
                    "satisfaction surveys"
                ),
            ),
            (
                "std_12_4",
                "12.4",
                _("Monitoring meetings twice a year, fully documented"),
            ),
            (
                "std_12_5",
                "12.5",
                _(
                    "The default or improvement process worked through before "
                    "early termination"
                ),
            ),
            (
                "std_12_6",
                "12.6",
                _("The budget managed: a budget line, spend within it"),
            ),
            (
                "std_12_7",
                "12.7",
                _("Reviewed at least twelve months before the end date"),
            ),
        ]

    @api.model
    def get_dashboard_data(self):
        """The figures of the compliance dashboard, for the contracts the
        current user may read (record rules apply): live contracts by locality
        and RAG status, and each standard with its target and how many live
        contracts meet it."""
        self.check_access("read")
        contracts = self.env["hcc.contract"]
        rag = contracts._read_group(
            [("state", "=", "active")], ["locality_id", "rag_status"], ["__count"]
        )
        rates = self._read_group(
            [("state", "=", "active")], ["locality_id"], ["compliance_rate:avg"]
        )
        rate_by_locality = {locality.id: rate for locality, rate in rates}
        localities = {}
        for locality, status, count in rag:
            row = localities.setdefault(
                locality.id,
                {
                    "id": locality.id,
                    "name": locality.display_name or _("No locality"),
                    "green": 0,
                    "amber": 0,
                    "red": 0,
                    "total": 0,
                    "compliance": round(rate_by_locality.get(locality.id) or 0.0),
                },
            )
            row[status] += count
            row["total"] += count
        live = self.search([("state", "=", "active")])
        standards = []
        for field, code, label in self._dashboard_standards():
            met = len(live.filtered(field))
            standards.append(
                {
                    "field": field,
                    "code": code,
                    "label": label,
                    "target": _("Target: every live contract (100%)"),
                    "met": met,
                    "total": len(live),
                    "rate": round(met * 100 / len(live)) if live else 100,
                }
            )
        providers = {"red": 0, "amber": 0, "green": 0}
        Risk = self.env["hcc.provider.risk"]
        if Risk.has_access("read"):
            for level, count in Risk._read_group(
                [("live_contract_count", ">", 0)], ["level"], ["__count"]
            ):
                providers[level] = count
        return {
            "localities": sorted(localities.values(), key=lambda r: r["name"]),
            "standards": standards,
            "providers": providers,
            "trends": self.env["hcc.oversight.snapshot"]._get_trends(),
        }
