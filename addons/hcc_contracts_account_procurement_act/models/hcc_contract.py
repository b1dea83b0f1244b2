from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

from odoo.addons.hcc_contracts_procurement_act.models.hcc_contract import (
    PA2023_COMMENCEMENT,
)

# s.70(1): payments of more than £30,000 made under a public contract
PA2023_PAYMENT_THRESHOLD = 30_000.0
# s.69, s.70 and the Procurement Regulations 2024: published before the end of
# the period of 30 days beginning with the last day of the quarter (s.70) or
# reporting period (s.69); "beginning with" counts that day as the first
PA2023_PAYMENT_NOTICE_DAYS = 30
# s.69: an invoice counts as paid on time when paid within 30 days
PA2023_PAYMENT_DAYS = 30


def quarter_of(day):
    """First and last day of the calendar quarter holding ``day``."""
    start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return start, start + relativedelta(months=3, days=-1)


def reporting_period_of(day):
    """The s.69 reporting period holding ``day``: 1 April to 30 September, or
    1 October to 31 March."""
    if 4 <= day.month <= 9:
        return date(day.year, 4, 1), date(day.year, 9, 30)
    year = day.year if day.month >= 10 else day.year - 1
    return date(year, 10, 1), date(year + 1, 3, 31)


def notice_due(period_end):
    return period_end + relativedelta(days=PA2023_PAYMENT_NOTICE_DAYS - 1)


class HccContract(models.Model):
    """Payments under the contracts paid through Odoo Invoicing, as the
    Procurement Act 2023 reports them: each payment of more than £30,000 in a
    quarter (the contract payments notice, s.70) and the share of invoices
    paid within 30 days in each six-month period (s.69)."""

    _inherit = "hcc.contract"

    # ------------------------------------------------------------------
    # Payments made under the contracts
    # ------------------------------------------------------------------
    def _pa_payments(self):
        """The payments made against the posted vendor bills of these
        contracts: ``{contract id: [{"id", "date", "amount"}]}``, one entry per
        payment (a payment paying several bills of the contract counts once,
        in full), in one query, amounts in the contract's currency."""
        partials = (
            self.env["account.partial.reconcile"]
            .sudo()
            .search(
                [
                    ("credit_move_id.move_id.hcc_contract_id", "in", self.ids),
                    ("credit_move_id.move_id.move_type", "=", "in_invoice"),
                    ("credit_move_id.parent_state", "=", "posted"),
                    ("debit_move_id.move_id.move_type", "=", "entry"),
                ]
            )
        )
        totals = defaultdict(float)
        dates = {}
        for partial in partials:
            bill_line = partial.credit_move_id
            contract = bill_line.move_id.hcc_contract_id
            payment = partial.debit_move_id.move_id
            # in the contract's currency (the £30,000 of s.70 are pounds):
            # what was paid of a bill in it, else the company's amount
            # converted at the payment's date
            if bill_line.currency_id == contract.currency_id:
                amount = partial.credit_amount_currency
            else:
                amount = contract._hcc_in_currency(
                    partial.amount, bill_line.company_id.currency_id, payment.date
                )
            totals[contract.id, payment.id] += amount
            dates[payment.id] = payment.date
        result = defaultdict(list)
        for (contract_id, payment_id), amount in sorted(totals.items()):
            result[contract_id].append(
                {"id": payment_id, "date": dates[payment_id], "amount": amount}
            )
        return result

    def _pa_payments_over_threshold(self, date_from, date_to):
        """This contract's payments of more than £30,000 made between two
        dates (s.70)."""
        self.ensure_one()
        return [
            payment
            for payment in self._pa_payments().get(self.id, [])
            if date_from <= payment["date"] <= date_to
            and payment["amount"] > PA2023_PAYMENT_THRESHOLD
        ]

    def _get_due_statutory_notices(self):
        """Add a contract payments notice (s.70) for each ended quarter in
        which a payment of more than £30,000 was made under the contract."""
        due = super()._get_due_statutory_notices()
        if not self.pa_above_threshold or self.state == "draft":
            return due
        today = fields.Date.context_today(self)
        current_quarter = quarter_of(today)[0]
        quarters = set()
        for payment in self._pa_payments().get(self.id, []):
            start, end = quarter_of(payment["date"])
            if (
                payment["amount"] > PA2023_PAYMENT_THRESHOLD
                and start < current_quarter
                and payment["date"] >= PA2023_COMMENCEMENT
            ):
                quarters.add((start, end))
        for start, end in sorted(quarters):
            vals = self._prepare_statutory_notice_vals(
                "contract_payments",
                f"payments:{start.isoformat()}",
                notice_due(end),
                _(
                    "Payments of more than £30,000 made from %(start)s to %(end)s "
                    "(s.70): publish within 30 days of the end of the quarter.",
                    start=start.strftime("%d/%m/%Y"),
                    end=end.strftime("%d/%m/%Y"),
                ),
            )
            vals.update(payment_period_start=start, payment_period_end=end)
            due.append(vals)
        return due

    # ------------------------------------------------------------------
    # Payments compliance (s.69)
    # ------------------------------------------------------------------
    @api.model
    def _pa_payments_compliance(self, company, day):
        """The figures of the payments compliance notice (s.69) of the
        reporting period holding ``day``: the vendor bills of the company's
        public contracts (those under the Act) paid in full in the period,
        how many were paid within 30 days of the bill date (the date the
        invoice was received), their share and the average days to pay."""
        date_from, date_to = reporting_period_of(day)
        bills = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("move_type", "=", "in_invoice"),
                    ("state", "=", "posted"),
                    ("hcc_contract_id.pa_above_threshold", "=", True),
                    ("payment_state", "in", ("paid", "in_payment")),
                ]
            )
        )
        days = []
        for bill in bills:
            paid_on = max(
                (
                    partial.debit_move_id.date
                    for partial in bill.line_ids.matched_debit_ids
                ),
                default=False,
            )
            if paid_on and date_from <= paid_on <= date_to:
                days.append((paid_on - bill.invoice_date).days)
        on_time = sum(1 for count in days if count <= PA2023_PAYMENT_DAYS)
        return {
            "date_from": date_from,
            "date_to": date_to,
            "date_due": notice_due(date_to),
            "invoices": len(days),
            "paid_within_30_days": on_time,
            "share_within_30_days": on_time / len(days) * 100 if days else 0.0,
            "average_days": sum(days) / len(days) if days else 0.0,
        }
