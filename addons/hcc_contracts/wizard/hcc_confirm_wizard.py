from odoo import _, api, fields, models
from odoo.exceptions import UserError


class HccConfirmWizard(models.TransientModel):
    """The question a step of the procedure asks before it is taken, once
    every check of the step has passed (``hcc.workflow.mixin``'s
    ``_hcc_confirmation``): a button's ``confirm=`` asks before the server has
    checked anything, so an officer would confirm, then read what is
    missing. Confirming calls the step again, which checks again: the dialog
    grants nothing the step's own method does not."""

    _name = "hcc.confirm.wizard"
    _description = "Confirm a Step of the Procedure"

    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_ids = fields.Json(string="Records", required=True, readonly=True)
    action = fields.Char(string="Step", required=True, readonly=True)
    message = fields.Text(string="Question", readonly=True)

    @api.model
    def _action_for(self, records, action, message):
        """The dialog asking to confirm ``action`` (a step of the transition
        table of ``records``) with ``message``."""
        wizard = self.create(
            {
                "res_model": records._name,
                "res_ids": records.ids,
                "action": action,
                "message": message,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Please Confirm"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def action_confirm(self):
        self.ensure_one()
        records = self.env[self.res_model].browse(self.res_ids or [])
        transitions = getattr(records, "_get_hcc_transitions", dict)()
        if self.action not in transitions:
            raise UserError(
                _(
                    "%(action)s is not a step that asks to be confirmed.",
                    action=self.action,
                )
            )
        result = getattr(
            records.with_context(hcc_ask_confirmation=False), self.action
        )()
        if isinstance(result, dict):
            return result
        return {"type": "ir.actions.act_window_close"}
