"""Billing periods and prorata, as a billing site's settings define them.

A site invoices every month, quarter, half-year or year, on calendar
boundaries. Its period format says which period an invoice run covers:
``current`` (the period the run date falls in: billed in advance, "mois
courant", the default) or ``previous`` (the period before it: billed in
arrears). A subscription that starts or ends inside the period is billed for
its days in the period, over the days of the period.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

MONTHS_BY_PERIODICITY = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}
PERIOD_FORMATS = ("current", "previous")

_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class BillingPeriod:
    start: date
    end: date
    periodicity: str

    @property
    def days(self):
        return (self.end - self.start).days + 1

    @property
    def label(self):
        """The period as French invoices name it."""
        year = self.start.year
        if self.periodicity == "monthly":
            return f"{_MONTHS_FR[self.start.month - 1]} {year}"
        if self.periodicity == "quarterly":
            quarter = (self.start.month - 1) // 3 + 1
            return f"{'1er' if quarter == 1 else f'{quarter}e'} trimestre {year}"
        if self.periodicity == "semiannual":
            return f"{'1er' if self.start.month == 1 else '2nd'} semestre {year}"
        return f"année {year}"

    def overlap_days(self, start, end):
        """Days of ``[start, end]`` (``end`` None: still running) in the period."""
        first = max(start, self.start)
        last = self.end if end is None else min(end, self.end)
        return max(0, (last - first).days + 1)

    def prorata(self, start, end):
        """Share of the period covered, exact (Decimal), 0 to 1."""
        return Decimal(self.overlap_days(start, end)) / Decimal(self.days)

    def amount(self, price, start, end, quantity=1):
        """What a periodic price comes to for ``[start, end]`` in the period.

        ``price`` is for one period; rounded to the cent, half up, once.
        """
        total = Decimal(str(price)) * Decimal(str(quantity)) * self.prorata(start, end)
        return total.quantize(_CENT, rounding=ROUND_HALF_UP)

    def next(self):
        return period_containing(self.end + timedelta(days=1), self.periodicity)


def _add_months(day, months):
    month_index = day.year * 12 + day.month - 1 + months
    return date(month_index // 12, month_index % 12 + 1, 1)


def period_containing(day, periodicity="monthly"):
    """The calendar period of this periodicity that contains ``day``."""
    try:
        months = MONTHS_BY_PERIODICITY[periodicity]
    except KeyError:
        raise ValueError(f"unknown periodicity {periodicity!r}") from None
    start = date(day.year, (day.month - 1) // months * months + 1, 1)
    return BillingPeriod(
        start, _add_months(start, months) - timedelta(days=1), periodicity
    )


def invoice_period(run_date, periodicity="monthly", period_format="current"):
    """The period an invoice run on ``run_date`` covers for a site."""
    if period_format not in PERIOD_FORMATS:
        raise ValueError(f"unknown period format {period_format!r}")
    period = period_containing(run_date, periodicity)
    if period_format == "previous":
        period = period_containing(period.start - timedelta(days=1), periodicity)
    return period
