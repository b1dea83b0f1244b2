from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date
from odoo.tools.sql import create_index

from ..hcc_workflow_mixin import Transition

ACTIVITY_TYPE = "hcc_contracts.mail_activity_type_corrective_action"
# when an action was raised, due and resolved: evidence once it is closed (7.6),
# when only its description stays editable (``_get_hcc_editable_fields``)
CLOSED_LOCKED_FIELDS = {"date_notified", "date_due", "date_done", "meeting_id"}


class HccContractAction(models.Model):
    _name = "hcc.contract.action"
    _description = "Corrective Action or Issue Raised with the Provider"
    _inherit = ["hcc.contract.record.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "state, date_due, id"
    _check_company_auto = True

    name = fields.Char(string="Issue", required=True, tracking=True)
    description = fields.Html()
    contract_id = fields.Many2one(tracking=True)
    meeting_id = fields.Many2one(
        "hcc.contract.meeting",
        string="Raised at Meeting",
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('contract_id', '=', contract_id)]",
        help="Empty for a day-to-day issue raised between meetings (7.6).",
    )
    responsible = fields.Selection(
        [("council", "Council"), ("provider", "Provider")],
        required=True,
        default="provider",
        tracking=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        required=True,
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
        default=lambda self: self.env.user,
        help="The council officer who follows the action up.",
    )
    date_notified = fields.Date(
        string="Notified to Provider On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Date the issue was brought to the provider's attention (7.6).",
    )
    date_due = fields.Date(string="Due Date", required=True, tracking=True, index=True)
    date_done = fields.Date(string="Resolved On", tracking=True, copy=False)
    state = fields.Selection(
        [("open", "Open"), ("done", "Resolved"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    origin = fields.Selection(
        [
            ("officer", "Raised by an officer"),
            ("low_utilisation", "Low utilisation (7.3)"),
        ],
        default="officer",
        required=True,
        readonly=True,
        copy=False,
        help="Low utilisation: opened for the lead officer when the service "
        "delivered fell well below the volume commissioned (7.3).",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        store=True,
        index=True,
        help="Open past its due date. Refreshed every day by a scheduled action.",
    )
    resolved_on_time = fields.Boolean(
        compute="_compute_resolved_on_time",
        store=True,
        help="Resolved on or before its due date: in the required time frame.",
    )

    def init(self):
        res = super().init()
        # ``_cron_flag_overdue`` looks for open actions past their due date
        create_index(
            self.env.cr,
            "hcc_contract_action_open_date_due_index",
            self._table,
            ["date_due"],
            where="state = 'open'",
        )
        return res

    @api.depends("state", "date_due")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = bool(
                action.state == "open" and action.date_due and action.date_due < today
            )

    @api.depends("state", "date_due", "date_done")
    def _compute_resolved_on_time(self):
        for action in self:
            action.resolved_on_time = bool(
                action.state == "done"
                and action.date_done
                and action.date_due
                and action.date_done <= action.date_due
            )

    @api.constrains("date_notified", "date_due", "date_done")
    def _check_dates(self):
        for action in self:
            if action.date_due < action.date_notified:
                raise ValidationError(
                    _(
                        "Action “%(name)s” cannot be due on %(due)s, before it was "
                        "raised on %(raised)s.",
                        name=action.name,
                        due=format_date(self.env, action.date_due),
                        raised=format_date(self.env, action.date_notified),
                    )
                )
            if action.date_done and action.date_done < action.date_notified:
                raise ValidationError(
                    _(
                        "Action “%(name)s” cannot be resolved on %(done)s, before it "
                        "was raised on %(raised)s.",
                        name=action.name,
                        done=format_date(self.env, action.date_done),
                        raised=format_date(self.env, action.date_notified),
                    )
                )

    @api.constrains("meeting_id", "contract_id")
    def _check_meeting_contract(self):
        for action in self.filtered("meeting_id"):
            if action.meeting_id.contract_id != action.contract_id:
                raise ValidationError(
                    _(
                        "Action “%(name)s” belongs to contract %(ref)s but was raised "
                        "at a meeting of another contract.",
                        name=action.name,
                        ref=action.contract_id.name,
                    )
                )

    @api.model
    def _get_hcc_first_step_fields(self):
        """What the action asks, of whom, by when, and when it was done."""
        return super()._get_hcc_first_step_fields() | {
            "date_done",
            "date_due",
            "date_notified",
            "meeting_id",
            "name",
            "responsible",
            "user_id",
        }

    @api.model
    def _get_hcc_editable_fields(self):
        """A closed action keeps its description of what was done."""
        editable = super()._get_hcc_editable_fields()
        editable.update(done={"description"}, cancelled={"description"})
        return editable

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {
            "state",
            "origin",
            "is_overdue",
            "resolved_on_time",
        }

    @api.model
    def _get_hcc_transitions(self):
        """An open action is resolved or cancelled; a closed one reopened."""
        transitions = super()._get_hcc_transitions()
        transitions.update(
            action_done=Transition(
                ("open",), "done", _("resolve the corrective action")
            ),
            action_cancel=Transition(
                ("open",), "cancelled", _("cancel the corrective action")
            ),
            action_reopen=Transition(
                ("done", "cancelled"), "open", _("reopen the corrective action")
            ),
        )
        return transitions

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            meeting_id = vals.get("meeting_id")
            if meeting_id and not vals.get("contract_id"):
                meeting = self.env["hcc.contract.meeting"].browse(meeting_id)
                vals["contract_id"] = meeting.contract_id.id
        actions = super().create(vals_list)
        actions._schedule_owner_activity()
        actions._refresh_contract_rag()
        return actions

    def _hcc_step_refusal_message(self, state, names):
        """A closed action's dates are evidence (``CLOSED_LOCKED_FIELDS``)."""
        dates = names & CLOSED_LOCKED_FIELDS
        if dates:
            return _(
                "Action “%(name)s” is closed: its dates are part of the evidence "
                "and cannot change (%(fields)s). Reopen it first.",
                name=self.name,
                fields=self._hcc_field_labels(dates),
            )
        return super()._hcc_step_refusal_message(state, names)

    def write(self, vals):
        res = super().write(vals)
        if "user_id" in vals:
            open_actions = self.filtered(lambda a: a.state == "open")
            open_actions.activity_unlink([ACTIVITY_TYPE])
            open_actions._schedule_owner_activity()
        if {"state", "date_due", "is_overdue"} & set(vals):
            self._refresh_contract_rag()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        if self:
            raise UserError(
                _(
                    "Action “%(name)s” is part of the contract's evidence trail and "
                    "cannot be deleted: cancel it instead.",
                    name=self[0].name,
                )
            )

    def action_done(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        today = fields.Date.context_today(self)
        for action in self:
            action._hcc_transition(
                "action_done", {"date_done": action.date_done or today}
            )
        self.activity_feedback([ACTIVITY_TYPE])
        return True

    def action_cancel(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        self._hcc_transition("action_cancel")
        self.activity_unlink([ACTIVITY_TYPE])
        return True

    def action_reopen(self):
        # the right to act first: a reader is told so, not what is missing
        self.check_access("write")
        self._hcc_transition("action_reopen", {"date_done": False})
        self._schedule_owner_activity()
        return True

    def _schedule_owner_activity(self):
        activity_type = self.env.ref(ACTIVITY_TYPE)
        requests = []
        for action in self.filtered(lambda a: a.state == "open"):
            summary = _("Follow up: %(name)s", name=action.name)
            requests.append(
                {
                    "record": action,
                    "activity_type": activity_type,
                    "user": action.user_id,
                    "summary": summary,
                    "date_deadline": action.date_due,
                }
            )
        return self.env["mail.activity"]._hcc_schedule(requests)

    @api.model
    def _cron_flag_overdue(self):
        """Daily: flag open actions that passed their due date and remind their
        owner. The domain excludes actions already flagged, so a second run in
        a row does nothing."""
        today = fields.Date.context_today(self)
        scheduler = self.env["hcc.scheduler"]
        domain = [
            ("state", "=", "open"),
            ("date_due", "<", today),
            ("is_overdue", "=", False),
        ]
        scheduler._run_steps([scheduler._step(self, domain, self._flag_overdue)])

    def _flag_overdue(self, actions):
        actions.write({"is_overdue": True})
        activity_type = self.env.ref(ACTIVITY_TYPE)
        today = fields.Date.context_today(self)
        # the owner's follow-up activity may have been marked done already:
        # a fresh one says that the action is now overdue
        requests = []
        for action in actions:
            summary = _("Overdue: %(name)s", name=action.name)
            requests.append(
                {
                    "record": action,
                    "activity_type": activity_type,
                    "user": action.user_id,
                    "summary": summary,
                    "date_deadline": today,
                }
            )
        self.env["mail.activity"]._hcc_schedule(requests)
