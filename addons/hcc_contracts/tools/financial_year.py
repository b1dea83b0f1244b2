"""UK financial years (1 April to 31 March) and value-for-money arithmetic.

Pure Python on purpose: no Odoo import, so the rules that finance teams check
by hand (which year a date falls in, how many days of a contract term a year
holds, what a block contract paid for but did not receive) are tested on
worked examples without a database.
"""

import re
from datetime import date, timedelta

FY_LABEL_RE = re.compile(r"^(\d{4})/(\d{2})$")


def fy_start_year(day):
    """Calendar year in which the financial year holding ``day`` starts."""
    return day.year if day.month >= 4 else day.year - 1


def fy_label(start_year):
    """``2026`` -> ``'2026/27'``."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def fy_bounds(start_year):
    """First and last day of the financial year starting in ``start_year``."""
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def fy_of(day):
    """Return ``(start, end, label)`` of the financial year holding ``day``:
    31 March 2027 is in 2026/27, 1 April 2027 in 2027/28."""
    start_year = fy_start_year(day)
    start, end = fy_bounds(start_year)
    return start, end, fy_label(start_year)


def fy_parse(label):
    """``'2026/27'`` -> ``(start, end)``, or ``None`` when the label is not a
    financial year written as four digits, a slash and the next year's last
    two digits."""
    match = FY_LABEL_RE.match((label or "").strip())
    if not match:
        return None
    start_year = int(match.group(1))
    if (start_year + 1) % 100 != int(match.group(2)):
        return None
    return fy_bounds(start_year)


def fy_days(start_year):
    """Days in a financial year: 366 when it holds a 29 February."""
    start, end = fy_bounds(start_year)
    return (end - start).days + 1


def overlap_days(term_start, term_end, period_start, period_end):
    """Inclusive number of days that the term and the period have in common
    (0 when they do not meet). A missing term end means open-ended."""
    if not term_start:
        return 0
    first = max(term_start, period_start)
    last = min(term_end, period_end) if term_end else period_end
    return max((last - first).days + 1, 0)


def pro_rata_amount(annual_value, term_start, term_end, start_year):
    """Part of an annual value that falls in one financial year: inclusive
    days of the term within the year divided by the days of that year. A
    contract starting on 1 October 2026 runs 182 days of 2026/27 (365 days):
    182/365 of its annual value."""
    start, end = fy_bounds(start_year)
    days = overlap_days(term_start, term_end, start, end)
    return annual_value * days / fy_days(start_year)


def financial_years_between(first_day, last_day):
    """Start years of every financial year touched by the two dates."""
    return list(range(fy_start_year(first_day), fy_start_year(last_day) + 1))


def months_of(start, end):
    """First day of each month from ``start`` to ``end`` (inclusive)."""
    month = start.replace(day=1)
    result = []
    while month <= end:
        result.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return result


def value_for_money(period_cost, expected_units, delivered_units, is_block):
    """Value-for-money figures of one period (procedure 6.3).

    :param period_cost: what the council pays for the period
    :param expected_units: units commissioned for the period
    :param delivered_units: units delivered, or ``None`` when no delivery data
        has been received yet
    :param is_block: a block contract pays for the commissioned volume whether
        or not it is delivered
    :return: dict with ``unit_cost_commissioned``, ``unit_cost_delivered``,
        ``undelivered_units``, ``undelivered_share`` (0 to 1) and
        ``undelivered_value``; a figure that cannot be worked out is ``None``
    """
    result = {
        "unit_cost_commissioned": (
            period_cost / expected_units if expected_units else None
        ),
        "unit_cost_delivered": (
            period_cost / delivered_units if delivered_units else None
        ),
        "undelivered_units": None,
        "undelivered_share": None,
        "undelivered_value": None,
    }
    if is_block and delivered_units is not None and expected_units:
        undelivered = max(expected_units - delivered_units, 0.0)
        share = undelivered / expected_units
        result.update(
            undelivered_units=undelivered,
            undelivered_share=share,
            undelivered_value=period_cost * share,
        )
    return result
