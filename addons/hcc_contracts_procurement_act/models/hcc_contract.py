from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

# Procurement Act 2023, Schedule 1 (threshold amounts, VAT included), as amended
# by the Procurement Act 2023 (Threshold Amounts) (Amendment) Regulations 2025.
# Each row applies to procurements started on or after its date. Row 8 is a
# light touch contract (not a utilities or concession contract); row 12 is any
# other contract of a sub-central authority such as a county council.
PA2023_THRESHOLDS = [
    (date(2025, 2, 24), {"light_touch": 663540.0, "other": 214904.0}),
    (date(2026, 1, 1), {"light_touch": 663540.0, "other": 207720.0}),
]
# The Act came into force on 24 February 2025; contracts procured before then
# stay under the Public Contracts Regulations 2015 (transitional provisions).
PA2023_COMMENCEMENT = date(2025, 2, 24)
# s.52(1): key performance indicators are set for a public contract whose
# estimated value is more than £5 million (not for light touch contracts,
# s.52(4)(c)); only those KPIs call for yearly performance notices (s.71(2)).
PA2023_KPI_VALUE = 5_000_000.0
# s.71(4), s.80(2) and the Procurement Regulations 2024: within 30 days
PA2023_NOTICE_DAYS = 30
# s.53(1), (2): a contract details notice within the period of 30 days (120
# for a light touch contract) beginning with the day the contract is entered
# into; s.53(3): a copy of a contract worth more than £5 million within 90
# days. "Beginning with the day" counts that day as the first.
PA2023_DETAILS_DAYS = 30
PA2023_DETAILS_DAYS_LIGHT_TOUCH = 120
PA2023_PUBLICATION_DAYS = 90
PA2023_PUBLICATION_VALUE = 5_000_000.0
ENDED_STATES = ("expired", "terminated")


def pa2023_threshold(is_light_touch, on_date):
    """Threshold amount of the Act for a contract procured on ``on_date``."""
    amounts = PA2023_THRESHOLDS[0][1]
    for start, row in PA2023_THRESHOLDS:
        if on_date and on_date >= start:
            amounts = row
    return amounts["light_touch" if is_light_touch else "other"]


class HccContract(models.Model):
    """What the Procurement Act 2023 asks of the council once a contract is
    awarded: which notices fall due on the Central Digital Platform and when.

    Our reading, to confirm with Legal Services: a contract is a public
    contract under the Act when procured on or after 24 February 2025 and its
    estimated value (VAT included) reaches the Schedule 1 threshold.
    - s.71(2): a yearly contract performance notice (and one on termination)
      where KPIs were set under s.52, i.e. over £5m and not light touch;
    - s.71(4): a contract performance notice on a breach leading to termination,
      or on failure to improve after being given the chance (any public
      contract, light touch included);
    - s.75: a contract change notice before a qualifying modification
      (light touch contracts are exempt, s.75(5));
    - s.80: a contract termination notice within 30 days of any ending,
      expiry included;
    - s.50: a contract award notice before entering into a contract awarded
      through the app's procurement, due on the award date;
    - s.53(1), (2): a contract details notice within 30 days of entering into
      it (the countersignature), 120 days for a light touch contract;
    - s.53(3): a copy of the contract published within 90 days when its
      estimated value is more than £5 million (light touch included: the
      Act names no exception for it)."""

    _inherit = "hcc.contract"

    is_light_touch = fields.Boolean(
        string="Light Touch Contract",
        default=True,
        tracking=True,
        help="Most care services provided directly to individuals are light touch "
        "services (Procurement Act 2023, s.9; Procurement Regulations 2024, "
        "Schedule 1): higher threshold, no KPI duty, no contract change notices.",
    )
    pa_procured_under_act = fields.Boolean(
        string="Procured under the Procurement Act 2023",
        compute="_compute_pa_procured_under_act",
        store=True,
        readonly=False,
        tracking=True,
        help="Procured on or after 24 February 2025; earlier procurements stay "
        "under the Public Contracts Regulations 2015.",
    )
    pa_estimated_value = fields.Monetary(
        string="Estimated Value (incl. VAT)",
        compute="_compute_pa_estimated_value",
        store=True,
        readonly=False,
        tracking=True,
        currency_field="currency_id",
        help="Estimated value of the contract over its whole term, VAT included, "
        "compared with the thresholds of the Act. Defaults to the total value.",
    )
    pa_threshold = fields.Monetary(
        string="Threshold",
        compute="_compute_pa_threshold",
        currency_field="currency_id",
        help="Schedule 1 threshold for this kind of contract.",
    )
    pa_above_threshold = fields.Boolean(
        string="Public Contract (Act)",
        compute="_compute_pa_above_threshold",
        store=True,
        index=True,
        help="Procured under the Act with a value at or above its threshold: the "
        "Act's notices apply.",
    )
    kpis_set = fields.Boolean(
        string="KPIs Set",
        compute="_compute_kpis_set",
        store=True,
        help="The contract has performance indicators.",
    )
    pa_kpi_required = fields.Boolean(
        string="KPI Duty (s.52)",
        compute="_compute_pa_above_threshold",
        store=True,
        help="A public contract over £5 million that is not light touch must have "
        "at least three KPIs, assessed at least every 12 months (s.52, s.71).",
    )
    irrecoverable_vat = fields.Monetary(
        string="Irrecoverable VAT",
        currency_field="currency_id",
        help="VAT paid on the contract that the council cannot recover, published "
        "under the Local Government Transparency Code (most care services are "
        "exempt from VAT: nothing to recover).",
    )
    statutory_notice_ids = fields.One2many(
        "hcc.statutory.notice", "contract_id", string="Statutory Notices"
    )
    statutory_notice_count = fields.Integer(
        string="Number of Statutory Notices",
        compute="_compute_contract_counters",
        store=True,
        depends=["statutory_notice_ids"],
    )
    statutory_checked_date = fields.Date(
        readonly=True,
        copy=False,
        help="Last day the due statutory notices were worked out.",
    )
    statutory_done = fields.Boolean(
        readonly=True,
        copy=False,
        help="The contract has ended and its termination notice exists.",
    )
    fts_ocid = fields.Char(
        string="Find a Tender Identifier (OCID)",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="The identifier Find a Tender gave the procurement of this contract "
        "with its first published notice; every later notice carries it.",
    )

    @api.depends("date_start")
    def _compute_pa_procured_under_act(self):
        for contract in self:
            contract.pa_procured_under_act = bool(
                contract.date_start and contract.date_start >= PA2023_COMMENCEMENT
            )

    @api.depends("contract_value", "total_value")
    def _compute_pa_estimated_value(self):
        for contract in self:
            contract.pa_estimated_value = contract._hcc_contract_value()

    @api.depends("is_light_touch", "date_start")
    def _compute_pa_threshold(self):
        for contract in self:
            contract.pa_threshold = pa2023_threshold(
                contract.is_light_touch, contract.date_start
            )

    @api.depends(
        "is_light_touch", "date_start", "pa_estimated_value", "pa_procured_under_act"
    )
    def _compute_pa_above_threshold(self):
        for contract in self:
            above = contract.pa_procured_under_act and (
                contract.pa_estimated_value
                >= pa2023_threshold(contract.is_light_touch, contract.date_start)
            )
            contract.pa_above_threshold = above
            contract.pa_kpi_required = bool(
                above
                and not contract.is_light_touch
                and contract.pa_estimated_value > PA2023_KPI_VALUE
            )

    @api.depends("indicator_ids.active")
    def _compute_kpis_set(self):
        for contract in self:
            contract.kpis_set = bool(contract.indicator_ids)

    def _get_contract_counters(self):
        return super()._get_contract_counters() + [
            ("statutory_notice_count", "hcc.statutory.notice", []),
        ]

    def action_view_statutory_notices(self):
        return self._action_view_records(
            "hcc_contracts_procurement_act.hcc_statutory_notice_action"
        )

    @api.model
    def _get_hcc_first_step_fields(self):
        """How the Act applies to a contract is settled before it is live."""
        return super()._get_hcc_first_step_fields() | {
            "irrecoverable_vat",
            "is_light_touch",
            "pa_estimated_value",
            "pa_procured_under_act",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """The statutory notices of a live contract are its own records."""
        editable = super()._get_hcc_editable_fields()
        editable["active"] = editable.get("active", set()) | {"statutory_notice_ids"}
        return editable

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "statutory_checked_date",
            "statutory_done",
            "fts_ocid",
        }

    def _hcc_record_fts_ocid(self, ocid):
        """Keep the identifier Find a Tender gave the procurement, typed back by
        the officer who published its first notice (checked on the notice)."""
        self.ensure_one()
        self.sudo().fts_ocid = ocid

    def action_check_statutory_notices(self):
        """Work out the notices due now rather than waiting for the night's
        run; the notices are created as superuser, so check the right first."""
        self.check_access("write")
        self._sync_statutory_notices()
        return True

    # ------------------------------------------------------------------
    # Which notices are due
    # ------------------------------------------------------------------
    def _get_due_statutory_notices(self):
        """The notices due on this contract today, as values to create, each
        with a ``trigger_key`` that makes it unique on the contract."""
        self.ensure_one()
        if not self.pa_above_threshold:
            return []
        due = self._get_due_award_notices()
        if self.state not in ("active", *ENDED_STATES):
            return due
        today = fields.Date.context_today(self)
        ended = self.state in ENDED_STATES
        end = self.termination_date or self.date_end
        notice_days = relativedelta(days=PA2023_NOTICE_DAYS)

        def add(kind, key, date_due, reason, **extra):
            due.append(self._prepare_statutory_notice_vals(kind, key, date_due, reason))
            due[-1].update(extra)

        if self.pa_kpi_required and self.kpis_set and self.date_start:
            last = self._pa_last_anniversary(today, end)
            if last:
                add(
                    "contract_performance",
                    f"performance:{last}",
                    last,
                    _("Yearly assessment against the KPIs (s.71(2))."),
                )
            if ended and end:
                add(
                    "contract_performance",
                    "performance:end",
                    end + notice_days,
                    _("Assessment against the KPIs on the contract ending (s.71(2))."),
                )
        for notice in self.notice_ids.filtered(lambda n: n.state == "escalated"):
            add(
                "contract_performance",
                f"performance:breach:{notice.id}",
                (notice.date_closed or today) + notice_days,
                _(
                    "The provider failed to improve after notice %(ref)s (s.71(4)).",
                    ref=notice.name,
                ),
            )
        if self.state == "terminated" and self.termination_fundamental_breach:
            add(
                "contract_performance",
                "performance:breach:termination",
                (self.termination_date or today) + notice_days,
                _("The contract was terminated for breach (s.71(4))."),
            )
        if not self.is_light_touch:
            for revision in self.revision_ids.filtered(
                lambda r: r.is_qualifying_modification
                and r.state in ("approved", "applied")
            ):
                add(
                    "contract_change",
                    f"change:{revision.id}",
                    revision.date_effective or today,
                    _(
                        "Qualifying modification %(ref)s: publish before the change "
                        "takes effect (s.75).",
                        ref=revision.name,
                    ),
                    revision_id=revision.id,
                )
        if ended and end:
            add(
                "contract_termination",
                "termination",
                end + notice_days,
                _("The contract ended: publish within 30 days (s.80)."),
            )
        return due

    def _prepare_statutory_notice_vals(self, kind, key, date_due, reason):
        return {
            "contract_id": self.id,
            "notice_kind": kind,
            "trigger_key": key,
            "date_due": date_due,
            "reason": reason,
        }

    def _get_due_award_notices(self):
        """The notices that follow from the procurement that awarded the
        contract: the award notice once it is awarded, the details notice once
        it is countersigned (entered into); the copy of a contract worth more
        than £5 million (s.53(3)) is a document of the details notice, as Find
        a Tender takes it. A contract made outside the app's procurement has
        none here."""
        procurement = self.sudo().procurement_id
        if not (procurement and procurement.date_awarded):
            return []
        due = [
            self._prepare_statutory_notice_vals(
                "contract_award",
                "award",
                procurement.date_awarded,
                _(
                    "Procurement %(ref)s awarded the contract: publish before "
                    "entering into it (s.50).",
                    ref=procurement.name,
                ),
            )
        ]
        signed = procurement.date_countersigned
        if not signed:
            return due
        days = (
            PA2023_DETAILS_DAYS_LIGHT_TOUCH
            if self.is_light_touch
            else PA2023_DETAILS_DAYS
        )
        due.append(
            self._prepare_statutory_notice_vals(
                "contract_details",
                "details",
                signed + relativedelta(days=days - 1),
                _(
                    "The contract was entered into on %(date)s: publish within "
                    "%(days)s days (s.53).",
                    date=signed.strftime("%d/%m/%Y"),
                    days=days,
                ),
            )
        )
        return due

    def _pa_last_anniversary(self, today, end):
        """Latest 12-month anniversary of the start date reached by today (and
        not after the end), or False in the first year."""
        months = relativedelta(today, self.date_start)
        years = months.years
        if years < 1:
            return False
        anniversary = self.date_start + relativedelta(years=years)
        if end and anniversary > end:
            return False
        return anniversary

    def _sync_statutory_notices(self):
        """Create the notices that fell due and are missing, remind the support
        officer (or the lead officer) of each, and mark the contracts done for
        today. Safe to run again: existing notices are matched on their key."""
        Notice = self.env["hcc.statutory.notice"].sudo()
        existing = {
            (n.contract_id.id, n.trigger_key)
            for n in Notice.search([("contract_id", "in", self.ids)])
        }
        vals_list = []
        for contract in self:
            for vals in contract._get_due_statutory_notices():
                key = (vals["contract_id"], vals["trigger_key"])
                if key not in existing:
                    existing.add(key)
                    vals_list.append(vals)
        notices = Notice.create(vals_list)
        notices._fts_remind_officer()
        today = fields.Date.context_today(self)
        for contract in self.sudo():
            vals = {"statutory_checked_date": today}
            if contract.state in ENDED_STATES and "termination" in {
                key for cid, key in existing if cid == contract.id
            }:
                vals["statutory_done"] = True
            contract.write(vals)
        return notices

    @api.model
    def _cron_statutory_notices(self):
        """Daily: work out the Procurement Act notices that fell due. A contract
        is looked at once a day, and no more once it has ended and its
        termination notice exists, so a second run does nothing."""
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        domain = [
            ("pa_above_threshold", "=", True),
            "|",
            ("state", "in", ("active", *ENDED_STATES)),
            ("procurement_id", "!=", False),
            ("statutory_done", "=", False),
            "|",
            ("statutory_checked_date", "=", False),
            ("statutory_checked_date", "<", today),
        ]
        scheduler._run_steps(
            [
                scheduler._step(
                    self,
                    domain,
                    lambda batch: batch._sync_statutory_notices(),
                )
            ]
        )
