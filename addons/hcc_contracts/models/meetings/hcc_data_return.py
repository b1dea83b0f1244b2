from odoo import models


class HccDataReturn(models.Model):
    _inherit = "hcc.data.return"

    def write(self, vals):
        res = super().write(vals)
        # the performance step: an accepted return changes the utilisation of
        # its contract, which may call for a corrective action (7.3)
        if vals.get("state") == "accepted":
            self.contract_id._open_low_utilisation_actions()
        return res
