from odoo import _, api, models

from ..tools.sequence import assign_references


class HccReferenceMixin(models.AbstractModel):
    """A record named by a reference taken from a sequence when it is created
    (a contract, a procurement...), in the record's company, so that each
    council of a multi-company database numbers its own records. A name
    given on creation (an import of an existing register) is kept.

    The model sets ``_hcc_reference_sequence`` (the code of its
    ``ir.sequence``), declares its ``name`` field with
    ``default=lambda self: self._default_name()`` and overrides
    ``_hcc_reference_company`` when its company is not in its values (a record
    of a contract takes the contract's)."""

    _name = "hcc.reference.mixin"
    _description = "Reference Numbered by a Sequence"

    # the code of the ir.sequence of the references
    _hcc_reference_sequence = None

    def _default_name(self):
        """The placeholder shown until the reference is given."""
        return _("New")

    def _hcc_reference_company(self, vals):
        """The company whose sequence numbers a record about to be created."""
        return self.env["res.company"].browse(
            vals.get("company_id") or self.env.company.id
        )

    @api.model_create_multi
    def create(self, vals_list):
        assign_references(
            self, vals_list, self._hcc_reference_sequence, self._hcc_reference_company
        )
        return super().create(vals_list)
