from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools.misc import format_date

from odoo.addons.hcc_contracts.tools.financial_year import fy_of

# how many months of snapshots the dashboard shows
TREND_MONTHS = 12


class HccOversightSnapshot(models.Model):
    """The figures the County Manager reports to members, taken on the
    first day of each month and kept as they were: RAG by locality and care
    group, 12.1–12.7 compliance, providers by risk, spend against budget of
    the financial year. The dashboard reads the last twelve as trends; the
    committee pack prints one.

    Nobody writes a snapshot: the monthly cron takes it, once per company
    and month (a unique month), for the whole council."""

    _name = "hcc.oversight.snapshot"
    _description = "Monthly Oversight Snapshot"
    _order = "month desc, id desc"
    _rec_name = "month_label"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    month = fields.Date(
        string="First Day of the Month", required=True, readonly=True, index=True
    )
    month_label = fields.Char(string="Month", compute="_compute_month_label")
    date_taken = fields.Datetime(string="Taken On", readonly=True)
    live_contract_count = fields.Integer(string="Live Contracts", readonly=True)
    red_count = fields.Integer(string="Red", readonly=True)
    amber_count = fields.Integer(string="Amber", readonly=True)
    green_count = fields.Integer(string="Green", readonly=True)
    compliance_rate = fields.Float(
        string="Compliance (%)",
        readonly=True,
        aggregator="avg",
        help="The average of the standards 12.1 to 12.7 over live contracts.",
    )
    providers_red = fields.Integer(string="Providers at Red", readonly=True)
    providers_amber = fields.Integer(string="Providers at Amber", readonly=True)
    financial_year = fields.Char(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    budgeted_amount = fields.Monetary(string="Budget", readonly=True)
    actual_amount = fields.Monetary(string="Spent", readonly=True)
    figures = fields.Json(
        readonly=True,
        help="The figures by locality, care group, standard and provider, as "
        "they were on the day.",
    )

    _sql_constraints = [
        (
            "one_per_month",
            "UNIQUE(company_id, month)",
            "A company has one oversight snapshot a month.",
        ),
    ]

    @api.depends("month")
    def _compute_month_label(self):
        for snapshot in self:
            snapshot.month_label = (
                format_date(self.env, snapshot.month, date_format="MMMM y")
                if snapshot.month
                else ""
            )

    # ------------------------------------------------------------------
    # Taking one
    # ------------------------------------------------------------------
    @api.model
    def _cron_take_snapshots(self):
        """Monthly: this month's snapshot of each company that has none yet,
        one company a call; a second run does nothing."""
        month = fields.Date.context_today(self).replace(day=1)
        Company = self.env["res.company"].sudo()
        taken = self.sudo().search([("month", "=", month)]).company_id
        companies = Company.search([("id", "not in", taken.ids)], order="id")
        if companies:
            self._take(companies[:1], month)
        remaining = len(companies) - 1 if companies else 0
        self.env["ir.cron"]._notify_progress(
            done=1 if companies else 0, remaining=remaining
        )
        return bool(companies)

    @api.model
    def _take(self, company, month):
        """The snapshot of one company for ``month``, read as superuser (the
        whole council's figures)."""
        env = self.sudo().with_company(company).env
        Contract = env["hcc.contract"].with_context(allowed_company_ids=company.ids)
        live_domain = [("state", "=", "active"), ("company_id", "=", company.id)]
        by_locality = self._rag_rows(Contract, live_domain, "locality_id")
        by_care_group = self._rag_rows(Contract, live_domain, "care_group_id")
        totals = {"green": 0, "amber": 0, "red": 0}
        for row in by_locality:
            for level in totals:
                totals[level] += row[level]
        Report = env["hcc.compliance.report"]
        live = Report.search(
            [("state", "=", "active"), ("company_id", "=", company.id)]
        )
        standards = []
        for field, code, label in Report._dashboard_standards():
            met = len(live.filtered(field))
            standards.append(
                {
                    "code": code,
                    "label": label,
                    "met": met,
                    "total": len(live),
                    "rate": round(met * 100 / len(live)) if live else 100,
                }
            )
        risks = env["hcc.provider.risk"].search(
            [("company_id", "=", company.id), ("level", "in", ("amber", "red"))]
        )
        providers = [
            {
                "name": risk.partner_id.display_name,
                "level": risk.level,
                "reasons": risk.reasons or "",
            }
            for risk in risks
        ]
        year = fy_of(month)[2]
        budgets = env["hcc.contract.budget"].search(
            [("financial_year", "=", year), ("contract_id.company_id", "=", company.id)]
        )
        budgeted = sum(budgets.mapped("budgeted_amount"))
        actual = sum(budgets.mapped("actual_amount"))
        return self.sudo().create(
            {
                "company_id": company.id,
                "month": month,
                "date_taken": fields.Datetime.now(),
                "live_contract_count": sum(totals.values()),
                "red_count": totals["red"],
                "amber_count": totals["amber"],
                "green_count": totals["green"],
                "compliance_rate": (
                    sum(s["rate"] for s in standards) / len(standards)
                    if standards
                    else 100.0
                ),
                "providers_red": len(risks.filtered(lambda r: r.level == "red")),
                "providers_amber": len(risks.filtered(lambda r: r.level == "amber")),
                "financial_year": year,
                "budgeted_amount": budgeted,
                "actual_amount": actual,
                "figures": {
                    "by_locality": by_locality,
                    "by_care_group": by_care_group,
                    "standards": standards,
                    "providers": providers,
                },
            }
        )

    @api.model
    def _rag_rows(self, Contract, domain, field):
        groups = Contract._read_group(domain, [field, "rag_status"], ["__count"])
        rows = {}
        for group, status, count in groups:
            row = rows.setdefault(
                group.id,
                {
                    "name": group.display_name or self.env._("None"),
                    "green": 0,
                    "amber": 0,
                    "red": 0,
                },
            )
            if status in row:
                row[status] += count
        return sorted(rows.values(), key=lambda r: r["name"])

    # ------------------------------------------------------------------
    # Reading them
    # ------------------------------------------------------------------
    @api.model
    def _get_trends(self):
        """The last twelve months' snapshots of the current company, oldest
        first, as the dashboard shows them (empty for a reader without the
        right to read snapshots)."""
        if not self.has_access("read"):
            return []
        first = fields.Date.context_today(self).replace(day=1) - relativedelta(
            months=TREND_MONTHS - 1
        )
        snapshots = self.search(
            [("company_id", "=", self.env.company.id), ("month", ">=", first)],
            order="month asc",
        )
        return [
            {
                "id": snapshot.id,
                "month": snapshot.month_label,
                "live": snapshot.live_contract_count,
                "red": snapshot.red_count,
                "amber": snapshot.amber_count,
                "green": snapshot.green_count,
                "compliance": round(snapshot.compliance_rate),
                "providers_red": snapshot.providers_red,
                "providers_amber": snapshot.providers_amber,
            }
            for snapshot in snapshots
        ]

    def action_print_committee_pack(self):
        self.ensure_one()
        return self.env.ref(
            "hcc_contracts_reports.action_report_committee_pack"
        ).report_action(self)

    def _previous(self, months=TREND_MONTHS):
        """The snapshots of the twelve months up to this one, oldest first."""
        self.ensure_one()
        return self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("month", "<=", self.month),
                ("month", ">", self.month - relativedelta(months=months)),
            ],
            order="month asc",
        )
