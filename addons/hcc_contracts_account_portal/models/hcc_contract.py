from odoo import _, models

BILL_TYPES = ("in_invoice", "in_refund")


class HccContract(models.Model):
    _inherit = "hcc.contract"

    def _portal_payments(self):
        """The council's posted bills and credit notes paying the contract,
        newest first: what the provider is paid, as the portal shows it. The
        caller has checked that the user may see the contract."""
        self.ensure_one()
        return (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("hcc_contract_id", "=", self.id),
                    ("state", "=", "posted"),
                    ("move_type", "in", BILL_TYPES),
                ],
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
