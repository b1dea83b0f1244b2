from odoo import api, fields, models


class HccProcurement(models.Model):
    """The procurement steps raise the Procurement Act notices that follow from
    them at once: the contract award notice on the award, the contract details
    notice (and the publication of a contract over £5 million) on the
    countersignature. The nightly run catches any missed."""

    _inherit = "hcc.procurement"

    is_light_touch = fields.Boolean(
        string="Light Touch Contract",
        default=True,
        tracking=True,
        help="Most care services provided directly to individuals are light touch "
        "services: higher threshold, 120 days for the contract details notice. "
        "The awarded contract inherits it.",
    )

    estimated_value = fields.Monetary(
        string="Estimated Value (incl. VAT)",
        currency_field="currency_id",
        tracking=True,
        help="Estimated value of the contract over its whole term, published "
        "with the invitation to tender (Local Government Transparency Code).",
    )

    fts_ocid = fields.Char(
        related="awarded_contract_id.fts_ocid",
        string="Find a Tender Identifier (OCID)",
        help="The identifier Find a Tender gave this procurement with its first "
        "published notice, as the officer recorded it on that notice.",
    )

    @api.model
    def _get_hcc_editable_fields(self):
        """The regime and the estimate follow the service being shaped."""
        editable = super()._get_hcc_editable_fields()
        for step in ("option", "authorisation", "tender", "negotiation"):
            editable[step] = editable.get(step, set()) | {
                "is_light_touch",
                "estimated_value",
            }
        return editable

    def _get_contract_copied_fields(self):
        return [*super()._get_contract_copied_fields(), "is_light_touch"]

    def action_award(self):
        result = super().action_award()
        self.awarded_contract_id._sync_statutory_notices()
        return result

    def action_confirm_signature(self):
        result = super().action_confirm_signature()
        self.awarded_contract_id._sync_statutory_notices()
        return result
