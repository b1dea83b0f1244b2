from odoo import api, models


class HccContract(models.Model):
    _inherit = "hcc.contract"

    @api.model
    def _get_portal_domain(self, partner):
        """The contracts a contact of a provider may see in the portal: those of
        its commercial partner, once signed (drafts are internal)."""
        return [
            ("partner_id.commercial_partner_id", "=", partner.commercial_partner_id.id),
            ("state", "in", ("active", "expired", "terminated")),
        ]

    def _portal_submitted(self, record, summary):
        """Tell the lead officer that the provider submitted ``record``: one
        activity, never duplicated while it is open."""
        self.ensure_one()
        self.env["mail.activity"]._hcc_schedule(
            [
                {
                    "record": record,
                    "activity_type": self.env.ref(
                        "hcc_contracts_portal.mail_activity_type_provider_submission"
                    ),
                    "user": self.lead_officer_id,
                    "summary": summary,
                }
            ]
        )
