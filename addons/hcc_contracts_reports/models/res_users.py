from odoo import api, models

from odoo.addons.hcc_contracts.tools.roles import GROUP_COUNTY_MANAGER


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _hcc_home_actions(self):
        """The County Manager (and the Administrator, who is one) opens on the
        compliance dashboard."""
        return [
            (group, "hcc_contracts_reports.hcc_compliance_dashboard_action")
            if group == GROUP_COUNTY_MANAGER
            else (group, xmlid)
            for group, xmlid in super()._hcc_home_actions()
        ]

    @api.model
    def _hcc_former_home_actions(self):
        """The core's screen for the County Manager, and the compliance
        analysis that was her home before the dashboard."""
        return super()._hcc_former_home_actions() + [
            "hcc_contracts.hcc_contract_action_home_county",
            "hcc_contracts_reports.hcc_compliance_report_action",
        ]
