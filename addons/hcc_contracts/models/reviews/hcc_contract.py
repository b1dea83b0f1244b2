from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from .hcc_contract_review import OPEN_STATES

# amber when the review is due within this many months and not started
REVIEW_AMBER_MONTHS = 3


class HccContract(models.Model):
    _inherit = "hcc.contract"

    review_ids = fields.One2many("hcc.contract.review", "contract_id")
    review_count = fields.Integer(
        string="Number of Reviews",
        compute="_compute_contract_counters",
        store=True,
        depends=["review_ids"],
    )
    current_review_id = fields.Many2one(
        "hcc.contract.review",
        compute="_compute_current_review",
        store=True,
        index="btree_not_null",
        help="The review due on the contract's review due date, if created.",
    )
    review_state = fields.Selection(
        [
            ("none", "Not Created"),
            ("planned", "Planned"),
            ("in_progress", "In Progress"),
            ("late", "Late"),
            ("done", "Done"),
        ],
        string="Review Status",
        compute="_compute_current_review",
        store=True,
        index=True,
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    def _get_contract_counters(self):
        return super()._get_contract_counters() + [
            ("review_count", "hcc.contract.review", []),
        ]

    @api.depends(
        "review_due_date",
        "review_ids.state",
        "review_ids.date_due",
        "review_ids.is_late",
    )
    def _compute_current_review(self):
        for contract in self:
            current = contract.review_ids.filtered(
                lambda r, c=contract: r.state != "cancelled"
                and r.date_due == c.review_due_date
            )[:1]
            contract.current_review_id = current
            if not current:
                contract.review_state = "none"
            elif current.is_late:
                contract.review_state = "late"
            else:
                contract.review_state = current.state

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_reviews(self):
        return self._action_view_records(
            "hcc_contracts.hcc_contract_review_action", single=self.review_ids
        )

    def action_start_review(self):
        """Start the contract's review now rather than waiting for the daily
        cron to create it some months before it is due (10.1): the review and
        its reminders are those the cron would create."""
        self.ensure_one()
        # the right to act first: a reader is told so, not what is missing
        self.env["hcc.contract.review"].check_access("create")
        self.check_access("write")
        if self.termination_date:
            raise UserError(
                _(
                    "Contract %(ref)s terminates early on %(date)s: it will not "
                    "run to the end its review prepares for.",
                    ref=self.name,
                    date=format_date(self.env, self.termination_date),
                )
            )
        if self.state != "active" or not self.review_due_date or self.current_review_id:
            raise UserError(
                _(
                    "The review of contract %(ref)s cannot be started now: only "
                    "an active contract with a review due date and no review "
                    "for that date yet can start one.",
                    ref=self.name,
                )
            )
        self.sudo()._hcc_create_reviews()
        return self.action_view_reviews()

    # ------------------------------------------------------------------
    # RAG evidence
    # ------------------------------------------------------------------
    def _get_rag_evidence(self):
        evidence = super()._get_rag_evidence()
        if not self._rag_source_enabled("reviews"):
            return evidence
        today = fields.Date.context_today(self)
        amber_limit = today + relativedelta(months=REVIEW_AMBER_MONTHS)
        for contract in self:
            due = contract.review_due_date
            state = contract.review_state
            if not due or state == "done" or contract.termination_date:
                continue
            if due < today:
                evidence[contract.id].append(
                    (
                        "red",
                        _(
                            "The contract review was due on %(date)s and is not "
                            "done (10.1, 12.7).",
                            date=format_date(self.env, due),
                        ),
                    )
                )
            elif due <= amber_limit and state in ("none", "planned"):
                evidence[contract.id].append(
                    (
                        "amber",
                        _(
                            "The contract review is due on %(date)s and has not "
                            "started.",
                            date=format_date(self.env, due),
                        ),
                    )
                )
        return evidence

    def _get_rag_recheck_dates(self):
        """The day the review comes within three months of its due date (amber
        if not started) and the day after it is due (red if not done)."""
        dates = super()._get_rag_recheck_dates()
        if not self._rag_source_enabled("reviews"):
            return dates
        for contract in self:
            due = contract.review_due_date
            if not due or contract.review_state == "done" or contract.termination_date:
                continue
            self._rag_recheck_before(
                dates, contract.id, due - relativedelta(months=REVIEW_AMBER_MONTHS)
            )
            self._rag_recheck_before(dates, contract.id, due + timedelta(days=1))
        return dates

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------
    def _close_on_expiry(self):
        res = super()._close_on_expiry()
        open_reviews = self.review_ids.filtered(lambda r: r.state in OPEN_STATES)
        if open_reviews:
            # the contract has ended: the system closes what it leaves open
            open_reviews.sudo().write({"state": "cancelled"})
            open_reviews.activity_ids.unlink()
        return res

    # ------------------------------------------------------------------
    # Scheduled action: reviews
    # ------------------------------------------------------------------
    @api.model
    def _cron_contract_reviews(self):
        """Daily: create the review of each active contract some months
        (company setting) before its review due date, with an activity for the
        lead officer and a renewal alert for the Contract Support Officer
        (Appendix A 2); then escalate late reviews, to the Contract Support
        Officer on the due date and to the County Manager thirty days later.
        Each step's domain excludes what was already done."""
        scheduler = self.env["hcc.scheduler"]
        Review = self.env["hcc.contract.review"]
        today = fields.Date.context_today(self)
        newly_late = [
            ("state", "in", OPEN_STATES),
            ("is_late", "=", False),
            ("date_due", "<", today),
        ]
        scheduler._run_steps(
            [
                scheduler._step(
                    self,
                    self._get_review_creation_domain(),
                    lambda batch: batch._hcc_create_reviews(),
                ),
                scheduler._step(
                    Review,
                    newly_late,
                    lambda batch: batch.write({"is_late": True}),
                ),
                scheduler._step(
                    Review,
                    Review._get_escalation_domain(today),
                    lambda batch: batch._hcc_escalate(today),
                ),
            ]
        )

    @api.model
    def _get_review_creation_domain(self):
        today = fields.Date.context_today(self)
        by_company = []
        # one clause per lead time in use, for the companies that set it (a
        # handful of rows: no contract is read to find them)
        lead_times = self.env["res.company"]._read_group(
            [], ["hcc_review_lead_months"], ["id:array_agg"]
        )
        for months, company_ids in lead_times:
            # due on or before the day that is N months after today
            horizon = (
                today
                + timedelta(days=1)
                + relativedelta(months=months)
                - timedelta(days=1)
            )
            by_company.append(
                [("company_id", "in", company_ids), ("review_due_date", "<=", horizon)]
            )
        company_domain = (
            ["|"] * (len(by_company) - 1)
            + [t for dom in by_company for t in ["&", *dom]]
            if by_company
            else [(0, "=", 1)]
        )
        return [
            ("state", "=", "active"),
            # a contract terminating early does not run to the end its
            # review prepares for
            ("termination_date", "=", False),
            ("current_review_id", "=", False),
            ("review_due_date", "!=", False),
            *company_domain,
        ]

    def _prepare_review_vals(self):
        self.ensure_one()
        return {"contract_id": self.id}

    def _hcc_create_reviews(self):
        reviews = self.env["hcc.contract.review"].create(
            [contract._prepare_review_vals() for contract in self]
        )
        review_type = self.env.ref("hcc_contracts.mail_activity_type_contract_review")
        alert_type = self.env.ref("hcc_contracts.mail_activity_type_renewal_alert")
        today = fields.Date.context_today(self)
        requests = []
        for review in reviews:
            contract = review.contract_id
            lead, cso, county_manager = contract._hcc_escalation_users()
            values = {
                "ref": contract.name,
                "due": format_date(self.env, review.date_due),
                "end": format_date(self.env, contract.date_end),
            }
            requests.append(
                {
                    "record": review,
                    "activity_type": review_type,
                    "user": lead or cso or county_manager,
                    "summary": _("Complete the contract review"),
                    "note": _(
                        "Contract %(ref)s ends on %(end)s: its review must be "
                        "completed by %(due)s (procedure 10.1).",
                        **values,
                    ),
                    "date_deadline": review.date_due,
                }
            )
            requests.append(
                {
                    "record": review,
                    "activity_type": alert_type,
                    "user": cso,
                    "summary": _("Alert the lead officer of the renewal date"),
                    "note": _(
                        "Contract %(ref)s ends on %(end)s; its review is due by "
                        "%(due)s (Appendix A 2).",
                        **values,
                    ),
                    "date_deadline": max(
                        today, min(review.date_due, today + timedelta(days=7))
                    ),
                }
            )
        self.env["mail.activity"]._hcc_schedule(requests)
