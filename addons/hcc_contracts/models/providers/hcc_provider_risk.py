from odoo import Command, api, fields, models

from ...tools.roles import GROUP_SUPPORT_OFFICER, check_role
from ...tools.selection import selection_label
from ..safeguarding.hcc_safeguarding_concern import OPEN_STATES as CONCERN_OPEN
from .hcc_provider_risk_rule import RISK_LEVELS, RISK_RANK

# the states of an early termination case still open
TERMINATION_OPEN = ("proposed", "discussed", "referred")
RISK_ACTIVITY = "hcc_contracts.mail_activity_type_provider_risk_rose"


class HccProviderRisk(models.Model):
    """The risk rating of a provider across all its contracts of a company
    (Care Act 2014, s.5 market shaping): the highest level of the council's
    rules (``hcc.provider.risk.rule``) its signals meet, with the reasons.

    Nobody writes it: the daily assessment and the "Assess Now" action work
    it out (as the RAG status of a contract is), keep every change of level
    in its history and, when it rises, tell the lead officers of the
    provider's live contracts and the County Manager."""

    _name = "hcc.provider.risk"
    _description = "Provider Risk Rating"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "level_rank desc, partner_id"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Provider", required=True, readonly=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    level = fields.Selection(
        RISK_LEVELS,
        string="Risk",
        required=True,
        default="green",
        readonly=True,
        tracking=True,
        group_expand=True,
    )
    level_rank = fields.Integer(
        compute="_compute_level_rank", store=True, help="For ordering by risk."
    )
    reasons = fields.Text(readonly=True, help="The rules the provider's signals meet.")
    date_assessed = fields.Date(string="Assessed On", readonly=True, index=True)
    live_contract_count = fields.Integer(string="Live Contracts", readonly=True)
    locality_ids = fields.Many2many(
        "hcc.locality",
        string="Localities",
        readonly=True,
        help="The localities of the provider's live contracts: their Service "
        "Managers see the rating.",
    )
    officer_ids = fields.Many2many(
        "res.users",
        string="Officers",
        readonly=True,
        help="The lead officers, representatives and support officers of the "
        "provider's live contracts: they see the rating.",
    )
    change_ids = fields.One2many(
        "hcc.provider.risk.change", "risk_id", string="History", readonly=True
    )

    _sql_constraints = [
        (
            "one_per_provider",
            "UNIQUE(partner_id, company_id)",
            "A provider has one risk rating per company.",
        ),
    ]

    @api.depends("level")
    def _compute_level_rank(self):
        for risk in self:
            risk.level_rank = RISK_RANK.get(risk.level, 0)

    # ------------------------------------------------------------------
    # Signals
    # ------------------------------------------------------------------
    def _live_contracts(self):
        return (
            self.env["hcc.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "active"),
                ]
            )
        )

    def _count_by_risk(self, contracts, model, domain):
        """{risk id: count} of the records of ``model`` matching ``domain``
        on the given contracts, one grouped query."""
        groups = (
            self.env[model]
            .sudo()
            ._read_group(
                [("contract_id", "in", contracts.ids), *domain],
                ["contract_id"],
                ["__count"],
            )
        )
        return self._sum_by_risk(
            contracts, {contract.id: count for contract, count in groups}
        )

    def _sum_by_risk(self, contracts, per_contract):
        """Add figures per contract up per risk (provider and company)."""
        key = {(risk.partner_id.id, risk.company_id.id): risk.id for risk in self}
        totals = {}
        for contract in contracts:
            risk_id = key.get((contract.partner_id.id, contract.company_id.id))
            if risk_id and per_contract.get(contract.id):
                totals[risk_id] = totals.get(risk_id, 0) + per_contract[contract.id]
        return totals

    def _get_signal_counts(self):
        """{risk id: {signal: count}} across each provider's live contracts
        of the risk's company. A feature adding a signal calls super() and
        adds its counts (and the signal to ``hcc.provider.risk.rule``)."""
        contracts = self._live_contracts()
        today = fields.Date.context_today(self)
        by_rag = {
            level: {c.id: 1 for c in contracts if c.rag_status == level}
            for level in ("red", "amber")
        }
        signals = {
            "red_contracts": self._sum_by_risk(contracts, by_rag["red"]),
            "amber_contracts": self._sum_by_risk(contracts, by_rag["amber"]),
            "late_returns": self._count_by_risk(
                contracts, "hcc.data.return", [("is_late", "=", True)]
            ),
            "overdue_actions": self._count_by_risk(
                contracts,
                "hcc.contract.action",
                [("state", "=", "open"), ("date_due", "<", today)],
            ),
            "open_complaints": self._count_by_risk(
                contracts, "hcc.contract.complaint", [("is_open", "=", True)]
            ),
            "improvement_notices": self._count_by_risk(
                contracts,
                "hcc.contract.notice",
                [("notice_type", "=", "improvement"), ("state", "=", "served")],
            ),
            "default_notices": self._count_by_risk(
                contracts,
                "hcc.contract.notice",
                [("notice_type", "=", "default"), ("state", "=", "served")],
            ),
            "termination_cases": self._count_by_risk(
                contracts,
                "hcc.contract.termination",
                [("state", "in", TERMINATION_OPEN)],
            ),
            "safeguarding_concerns": self._count_by_risk(
                contracts, "hcc.safeguarding.concern", [("state", "in", CONCERN_OPEN)]
            ),
        }
        counts = {risk.id: {} for risk in self}
        for signal, per_risk in signals.items():
            for risk_id, count in per_risk.items():
                counts[risk_id][signal] = count
        live = self._sum_by_risk(contracts, {c.id: 1 for c in contracts})
        for risk in self:
            counts[risk.id]["_live"] = live.get(risk.id, 0)
        return counts

    # ------------------------------------------------------------------
    # Assessment
    # ------------------------------------------------------------------
    def _assess(self):
        """Work the rating out again from the signals and the company's
        rules; keep a change in the history and tell the people concerned
        when the rating rises."""
        today = fields.Date.context_today(self)
        counts = self._get_signal_counts()
        contracts = self._live_contracts()
        rules = (
            self.env["hcc.provider.risk.rule"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids)])
        )
        risen = self.browse()
        for risk in self.sudo():
            signals = counts.get(risk.id, {})
            level, reasons = "green", []
            for rule in rules.filtered(
                lambda r, risk=risk: r.company_id == risk.company_id
            ):
                count = signals.get(rule.signal, 0)
                if count < rule.threshold:
                    continue
                reasons.append(risk._reason(rule, count))
                if RISK_RANK[rule.level] > RISK_RANK[level]:
                    level = rule.level
            text = "\n".join(reasons)
            if level != risk.level or not risk.date_assessed:
                self.env["hcc.provider.risk.change"].sudo().create(
                    {
                        "risk_id": risk.id,
                        "date": today,
                        "level_from": risk.level if risk.date_assessed else False,
                        "level_to": level,
                        "reasons": text,
                    }
                )
                if RISK_RANK[level] > RISK_RANK[risk.level]:
                    risen |= risk
            mine = contracts.filtered(
                lambda c, risk=risk: c.partner_id == risk.partner_id
                and c.company_id == risk.company_id
            )
            risk.write(
                {
                    "locality_ids": [Command.set(mine.locality_id.ids)],
                    "officer_ids": [
                        Command.set(
                            (
                                mine.lead_officer_id
                                | mine.representative_id
                                | mine.support_officer_id
                            ).ids
                        )
                    ],
                    "level": level,
                    "reasons": text,
                    "date_assessed": today,
                    "live_contract_count": signals.get("_live", 0),
                }
            )
        risen._notify_risen()
        return True

    def _reason(self, rule, count):
        return self.env._(
            "%(signal)s: %(count)s (%(threshold)s or more: %(level)s).",
            signal=selection_label(rule, "signal", rule.signal),
            count=count,
            threshold=rule.threshold,
            level=selection_label(rule, "level", rule.level),
        )

    def _notify_risen(self):
        """An activity for each lead officer of the provider's live contracts
        and for the County Manager (Contracts), on the rating."""
        if not self:
            return
        activity_type = self.env.ref(RISK_ACTIVITY)
        contracts = self._live_contracts()
        today = fields.Date.context_today(self)
        requests = []
        for risk in self:
            users = (
                contracts.filtered(
                    lambda c, risk=risk: c.partner_id == risk.partner_id
                    and c.company_id == risk.company_id
                ).lead_officer_id
                | risk.company_id.hcc_county_manager_id
            )
            summary = self.env._(
                "Risk of %(provider)s rose to %(level)s",
                provider=risk.partner_id.display_name,
                level=selection_label(risk, "level", risk.level),
            )
            for user in users:
                requests.append(
                    {
                        "record": risk,
                        "activity_type": activity_type,
                        "user": user,
                        "summary": summary,
                        "note": risk.reasons,
                        "date_deadline": today,
                    }
                )
        self.env["mail.activity"]._hcc_schedule(requests)

    @api.model
    def _ensure_for(self, pairs):
        """The ratings of the (provider id, company id) ``pairs``, made for
        the pairs without one."""
        pairs = set(pairs)
        risks = (
            self.sudo()
            .search([("partner_id", "in", list({partner for partner, _c in pairs}))])
            .filtered(lambda risk: (risk.partner_id.id, risk.company_id.id) in pairs)
        )
        missing = pairs - {(risk.partner_id.id, risk.company_id.id) for risk in risks}
        return risks | self.sudo().create(
            [
                {"partner_id": partner, "company_id": company}
                for partner, company in sorted(missing)
            ]
        )

    @api.model
    def _ensure_for_live_providers(self):
        """A rating for each provider with a live contract, in its company."""
        groups = (
            self.env["hcc.contract"]
            .sudo()
            ._read_group([("state", "=", "active")], ["partner_id", "company_id"])
        )
        return self._ensure_for((partner.id, company.id) for partner, company in groups)

    @api.model
    def _assess_providers_of(self, contracts):
        """Assess now the ratings of the providers of ``contracts``, just made
        live: a provider's first live contract gives it a rating that day,
        and the Service Managers and officers of a new contract read the
        rating (and the provider's documents) at once, not after the night's
        assessment."""
        risks = self._ensure_for(
            {(contract.partner_id.id, contract.company_id.id) for contract in contracts}
        )
        return risks._assess()

    @api.model
    def _assess_live_providers(self):
        """Assess now every provider with a live contract, whenever it was
        last assessed (the demo data, once its records are loaded)."""
        return self._ensure_for_live_providers()._assess()

    @api.model
    def _cron_assess_provider_risk(self):
        """Daily: each provider with a live contract (or a rating already)
        assessed once a day, a batch a call; a second run does nothing."""
        self._ensure_for_live_providers()
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        return scheduler._run_steps(
            [
                scheduler._step(
                    self.sudo(),
                    ["|", ("date_assessed", "=", False), ("date_assessed", "<", today)],
                    lambda risks: risks._assess(),
                )
            ]
        )

    def action_assess(self):
        """Assess the ratings now (a Contract Support Officer or above)."""
        check_role(
            self.env, GROUP_SUPPORT_OFFICER, self.env._("assess a provider's risk")
        )
        self.check_access("read")
        self.sudo()._assess()
        return True


class HccProviderRiskChange(models.Model):
    """A change of a provider's risk rating, kept as its history."""

    _name = "hcc.provider.risk.change"
    _description = "Provider Risk Rating Change"
    _order = "date desc, id desc"

    risk_id = fields.Many2one(
        "hcc.provider.risk",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(related="risk_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="risk_id.company_id", store=True, index=True)
    date = fields.Date(required=True, readonly=True)
    level_from = fields.Selection(RISK_LEVELS, string="From", readonly=True)
    level_to = fields.Selection(RISK_LEVELS, string="To", required=True, readonly=True)
    reasons = fields.Text(readonly=True)
