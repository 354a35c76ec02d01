# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The date a SEPA direct debit is requested for (public: other addons use it)."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

#: The debit day is a day every month has.
MAX_DEBIT_DAY = 28


def debit_date(invoice_date, debit_day, lead_days):
    """The first ``debit_day`` of a month at least ``lead_days`` after
    ``invoice_date``: the customer is told the amount and the date (the SEPA
    pre-notification) that long before the debit."""
    if not 1 <= debit_day <= MAX_DEBIT_DAY:
        raise ValueError(f"debit day {debit_day} is not between 1 and {MAX_DEBIT_DAY}")
    if lead_days < 0:
        raise ValueError(f"lead time {lead_days} is negative")
    earliest = invoice_date + timedelta(days=lead_days)
    candidate = earliest.replace(day=debit_day)
    if candidate < earliest:
        candidate += relativedelta(months=1)
    return candidate
