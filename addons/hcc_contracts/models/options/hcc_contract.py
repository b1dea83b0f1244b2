from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import format_date

from .hcc_contract_option import PENDING_STATES


class HccContract(models.Model):
    """What extension options add to the contract: its options, its maximum
    term, and the options left for the renewals forecast and the review
    (10.1)."""

    _inherit = "hcc.contract"

    option_ids = fields.One2many(
        "hcc.contract.option", "contract_id", string="Extension Options"
    )
    date_end_max = fields.Date(
        string="Maximum Term Ends",
        tracking=True,
        help="The latest end date the contract allows with all its extension "
        "options: no option takes it further. A signed term: once the contract "
        "is active it changes only by a revision.",
    )
    option_left_count = fields.Integer(
        string="Options Left",
        compute="_compute_options_left",
        store=True,
        help="Extension options not decided yet.",
    )
    option_next_decide_date = fields.Date(
        string="Next Option Decide By",
        compute="_compute_options_left",
        store=True,
        index=True,
        help="The decide-by date of the next option still to decide.",
    )
    option_left_months = fields.Integer(
        string="Months of Options Left",
        compute="_compute_options_left",
        store=True,
    )
    options_summary = fields.Char(
        string="Extension Options Left",
        compute="_compute_options_summary",
        help="The options still to decide, their lengths and the next decide-by date.",
    )

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends(
        "option_ids.state", "option_ids.date_decide", "option_ids.length_months"
    )
    def _compute_options_left(self):
        for contract in self:
            left = contract.option_ids.filtered(lambda o: o.state in PENDING_STATES)
            contract.option_left_count = len(left)
            contract.option_left_months = sum(left.mapped("length_months"))
            contract.option_next_decide_date = left[:1].date_decide

    @api.depends_context("lang")
    @api.depends("option_left_count", "option_next_decide_date", "date_end_max")
    def _compute_options_summary(self):
        for contract in self:
            if not contract.option_left_count:
                contract.options_summary = _("None") if contract.option_ids else ""
                continue
            left = contract.option_ids.filtered(lambda o: o.state in PENDING_STATES)
            contract.options_summary = _(
                "%(count)s left (%(lengths)s months), next to decide by %(date)s",
                count=contract.option_left_count,
                lengths=" + ".join(str(m) for m in left.mapped("length_months")),
                date=format_date(self.env, contract.option_next_decide_date),
            )

    @api.constrains("date_end", "date_end_max")
    def _check_date_end_max(self):
        for contract in self:
            if (
                contract.date_end_max
                and contract.date_end
                and contract.date_end_max < contract.date_end
            ):
                raise ValidationError(
                    _(
                        "Contract %(ref)s: its maximum term (%(max)s) cannot end "
                        "before its end date (%(end)s).",
                        ref=contract.name,
                        max=format_date(self.env, contract.date_end_max),
                        end=format_date(self.env, contract.date_end),
                    )
                )

    # ------------------------------------------------------------------
    # The guard (hcc.workflow.mixin) and the signed terms (7.4)
    # ------------------------------------------------------------------
    @api.model
    def _get_hcc_signed_terms(self):
        return super()._get_hcc_signed_terms() | {"date_end_max"}

    @api.model
    def _get_hcc_editable_fields(self):
        """Options are recorded on a live contract too, each guarded by its
        own model."""
        editable = super()._get_hcc_editable_fields()
        if "active" in editable:
            editable["active"] = editable["active"] | {"option_ids"}
        return editable

    def _close_on_expiry(self):
        """An option not decided when the contract ends is missed."""
        res = super()._close_on_expiry()
        self.option_ids.filtered(lambda o: o.state == "open").sudo()._hcc_mark_missed()
        return res

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_contract_options(self):
        """Daily: remind the lead officer of each option some months before
        its decide-by date, then mark missed the options whose date passed
        undecided and tell the County Manager (Contracts). Each step's domain
        excludes what was done (the reminder's marker, the option's state),
        so a rerun does nothing."""
        scheduler = self.env["hcc.scheduler"]
        Option = self.env["hcc.contract.option"]
        today = fields.Date.context_today(self)
        scheduler._run_steps(
            [
                scheduler._step(
                    Option,
                    Option._get_reminder_domain(today),
                    lambda batch: batch._hcc_remind(),
                ),
                scheduler._step(
                    Option,
                    Option._get_missed_domain(today),
                    lambda batch: batch._hcc_mark_missed(),
                ),
            ]
        )
