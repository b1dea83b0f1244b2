from odoo import _, api, models


class HccReferenceMixin(models.AbstractModel):
    """A record named by a reference taken from a sequence when it is created
    (a contract, a procurement, a notice, a revision), in the record's
    company, so that each council of a multi-company database numbers its own
    records. A name given on creation (an import of an existing register) is
    kept.

    The model sets ``_hcc_reference_sequence`` (the code of its
    ``ir.sequence``) and declares its ``name`` field with
    ``default=lambda self: self._default_name()``. A record of a contract
    takes the contract's company (``_company_of_vals`` of
    ``hcc.contract.record.mixin``, listed before this mixin)."""

    _name = "hcc.reference.mixin"
    _description = "Reference Numbered by a Sequence"

    # the code of the ir.sequence of the references
    _hcc_reference_sequence = None

    def _default_name(self):
        """The placeholder shown until the reference is given."""
        return _("New")

    def _company_of_vals(self, vals):
        """The company whose sequence numbers a record about to be created."""
        return self.env["res.company"].browse(
            vals.get("company_id") or self.env.company.id
        )

    @api.model_create_multi
    def create(self, vals_list):
        # an import sends an empty cell as False
        placeholder = self._default_name()
        Sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name") in (None, False, "", placeholder):
                vals["name"] = (
                    Sequence.with_company(self._company_of_vals(vals)).next_by_code(
                        self._hcc_reference_sequence
                    )
                    or placeholder
                )
        return super().create(vals_list)
