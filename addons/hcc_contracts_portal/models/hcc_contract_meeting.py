from odoo import _, api, models


class HccContractMeeting(models.Model):
    _inherit = "hcc.contract.meeting"

    @api.model
    def _get_portal_domain(self, partner):
        """Minutes a provider's contact may read: meetings of its contracts
        whose minutes were circulated to that contact (7.2). Specific cases
        live apart from the minutes and are never shown."""
        contract_domain = self.env["hcc.contract"]._get_portal_domain(partner)
        return [("contract_id." + leaf[0], *leaf[1:]) for leaf in contract_domain] + [
            ("state", "=", "minutes_circulated"),
            ("minutes_recipient_ids", "in", partner.ids),
        ]

    def _get_report_base_filename(self):
        """The file name of the minutes a provider downloads."""
        self.ensure_one()
        return _("Minutes %(name)s", name=self.name)
