from odoo import _, models

from .hcc_safeguarding_concern import HIGHEST_LEVEL, OPEN_STATES


class HccContract(models.Model):
    _inherit = "hcc.contract"

    def _get_rag_evidence(self):
        """An open safeguarding concern turns the contract amber, red when its
        level is the highest. The reason is read by every reader of the
        contract: it counts the concerns and says nothing else of them."""
        evidence = super()._get_rag_evidence()
        if not self._rag_source_enabled("safeguarding"):
            return evidence
        groups = (
            self.env["hcc.safeguarding.concern"]
            .sudo()
            ._read_group(
                [("contract_id", "in", self.ids), ("state", "in", OPEN_STATES)],
                ["contract_id", "level"],
                ["__count"],
            )
        )
        counts = {}
        for contract, level, count in groups:
            total, red = counts.get(contract.id, (0, False))
            counts[contract.id] = (total + count, red or level == HIGHEST_LEVEL)
        for contract_id, (count, red) in counts.items():
            evidence.setdefault(contract_id, []).append(
                (
                    "red" if red else "amber",
                    _("%(count)s open safeguarding concern(s).", count=count),
                )
            )
        return evidence
