from odoo import fields, models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    hcc_document_type = fields.Selection(
        selection_add=[("provider_compliance", "Provider compliance document")],
        ondelete={"provider_compliance": "set null"},
    )
