from odoo import fields, models


class HccDataReturnQueryWizard(models.TransientModel):
    """Asks the question of a query before the return goes back to the
    provider: a query says what must be corrected or explained (8.2)."""

    _name = "hcc.data.return.query.wizard"
    _description = "Query a Data Return"

    return_id = fields.Many2one(
        "hcc.data.return", string="Data Return", required=True, readonly=True
    )
    question = fields.Text(
        string="Question for the Provider",
        help="What the provider must correct or explain. Posted in the return's "
        "chatter and shown to the provider, who answers it when submitting the "
        "return again.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.return_id.action_query(question=self.question)
        return {"type": "ir.actions.act_window_close"}
