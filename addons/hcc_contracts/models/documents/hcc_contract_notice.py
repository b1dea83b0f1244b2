from odoo import api, fields, models


class HccContractNotice(models.Model):
    """The letter as served: the PDF the serve action filed, linked to the
    notice, so that a later upload under the same name is never taken for
    it."""

    _inherit = "hcc.contract.notice"

    letter_attachment_id = fields.Many2one(
        "ir.attachment",
        string="Letter as Served",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The notice letter filed when the notice was served: what the "
        "provider received.",
    )

    @api.model
    def _get_hcc_action_fields(self):
        return super()._get_hcc_action_fields() | {"letter_attachment_id"}

    def _hcc_link_served_letter(self, attachment):
        """Record ``attachment`` (filed on this notice) as its letter as
        served: done once, by the serve action."""
        self.ensure_one()
        self._hcc_record_action({"letter_attachment_id": attachment.id})
