from odoo import api, fields, models


class HccContractRevision(models.Model):
    _inherit = "hcc.contract.revision"

    is_qualifying_modification = fields.Boolean(
        string="Qualifying Modification",
        tracking=True,
        help="A modification of a public contract that the Procurement Act 2023 "
        "(s.74) regulates, e.g. one that changes the term or raises the value by "
        "more than 10%: a contract change notice is published before it takes "
        "effect (s.75), unless the contract is light touch.",
    )

    @api.model
    def _get_hcc_first_step_fields(self):
        """Whether the Act regulates the variation is part of what the CSO
        is consulted on."""
        return super()._get_hcc_first_step_fields() | {"is_qualifying_modification"}
