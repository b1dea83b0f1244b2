from odoo import _, api, fields, models


class HccContract(models.Model):
    _inherit = "hcc.contract"

    hcc_under_watch = fields.Boolean(
        string="Under Watch",
        readonly=True,
        copy=False,
        index=True,
        help="Its provider failed (a declared provider failure names the "
        "contract): the contract is red until the failure is closed.",
    )

    @api.model
    def _get_hcc_action_fields(self):
        """Only declaring and closing a provider failure put a contract under
        watch and lift it."""
        return super()._get_hcc_action_fields() | {"hcc_under_watch"}

    def _hcc_set_under_watch(self, watch):
        contracts = self.filtered(lambda c: c.hcc_under_watch != watch)
        if contracts:
            contracts.sudo().write({"hcc_under_watch": watch})
            contracts._hcc_refresh_rag_later()

    def _get_rag_evidence(self):
        """A contract under watch (its provider failed) is red."""
        evidence = super()._get_rag_evidence()
        if not self._rag_source_enabled("provider_failure"):
            return evidence
        for contract in self.filtered("hcc_under_watch"):
            evidence.setdefault(contract.id, []).append(
                (
                    "red",
                    _(
                        "Under watch: the provider failed; follow the contingency "
                        "plan until the failure is closed."
                    ),
                )
            )
        return evidence
