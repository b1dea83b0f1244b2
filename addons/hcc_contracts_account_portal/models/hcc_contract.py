from odoo import _, models

BILL_TYPES = ("in_invoice", "in_refund")


class HccContract(models.Model):
    _inherit = "hcc.contract"

    def _portal_payments_domain(self):
        """The council's posted bills and credit notes paying these
        contracts: what the provider is paid, as the portal shows it."""
        return [
            ("hcc_contract_id", "in", self.ids),
            ("state", "=", "posted"),
            ("move_type", "in", BILL_TYPES),
        ]

    def _portal_payments(self):
        """The payments of these contracts, newest first. The caller has
        checked that the user may see the contracts."""
        return (
            self.env["account.move"]
            .sudo()
            .search(
                self._portal_payments_domain(),
                order="invoice_date desc, id desc",
            )
        )

    def _portal_payment_status(self, bill):
        """The status of ``bill`` in plain words, for the provider."""
        if bill.move_type == "in_refund":
            return _("Credit note")
        return {
            "paid": _("Paid"),
            "in_payment": _("Payment on its way"),
            "partial": _("Part paid"),
            "reversed": _("Credited"),
            "blocked": _("Payment on hold"),
        }.get(bill.payment_state, _("Awaiting payment"))
