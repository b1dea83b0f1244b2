from odoo import api, fields, models


class HccContractRecordMixin(models.AbstractModel):
    """A record that belongs to one contract: a meeting, an action, a return,
    a notice, a review... It takes the contract's company (for the
    multi-company rules, which follow the contract) and its provider, and
    refreshes the contract's RAG status when its evidence changes.

    A model may add attributes to these fields (``tracking=True``,
    ``readonly=True``, ``store=True`` on ``partner_id``...) by declaring them
    again with those attributes only."""

    _name = "hcc.contract.record.mixin"
    _inherit = ["hcc.workflow.mixin"]
    _description = "Record of a Social Care Contract"

    # no ``check_company``: the record's company is the contract's, so the
    # domain it would add (the contracts of the record's company, which a new
    # record has not got yet) offered no contract at all to a record started
    # from its menu; the contracts offered are those the user's record rules
    # (their companies and localities) let them see
    contract_id = fields.Many2one(
        "hcc.contract",
        required=True,
        ondelete="restrict",
        index=True,
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(related="contract_id.partner_id", string="Provider")

    @api.model
    def _get_hcc_immutable_fields(self):
        """A record stays with the contract it was recorded on: the record
        rules check a record before a write, not after, so a record moved to
        another contract would leave the reach of those who recorded it."""
        return super()._get_hcc_immutable_fields() | {"contract_id"}

    def _company_of_vals(self, vals):
        """The company of a record about to be created: its contract's."""
        contract = self.env["hcc.contract"].browse(vals.get("contract_id"))
        return contract.sudo().company_id or self.env.company

    def _refresh_contract_rag(self):
        """The evidence of the RAG status changed: the status of the contracts
        is refreshed once, at the end of the transaction or when it is read
        (``hcc.rag.mixin``), whatever the rights of who changed it."""
        self.contract_id._hcc_refresh_rag_later()
