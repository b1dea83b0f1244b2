from odoo import models

# a change of the annual value beyond this share of it is more than the
# Procurement Act 2023 lets a contract be modified without a contract change
# notice (the revision's "Qualifying Modification")
QUALIFYING_CHANGE = 0.10


class HccFeeReviewLine(models.Model):
    _inherit = "hcc.fee.review.line"

    def _prepare_revision_vals(self):
        """A fee review's revision is a qualifying modification, as the CSO
        would mark a revision raised by hand, when it changes the annual value
        of a contract let under the Act by more than 10 %: its contract change
        notice (UK10) then falls due before the new prices take effect."""
        vals = super()._prepare_revision_vals()
        vals["is_qualifying_modification"] = self._is_qualifying_change()
        return vals

    def _is_qualifying_change(self):
        self.ensure_one()
        contract = self.contract_id
        old = self.old_annual_value
        if not contract.pa_procured_under_act or not old:
            return False
        return abs(self.new_annual_value - old) > old * QUALIFYING_CHANGE
