"""Billing periods and prorata, as a billing site's settings define them.

A site invoices every month, quarter, half-year or year (``monthly``,
``quarterly``, ``semiannual``, ``annual``), on calendar boundaries. Its period
format says which period an invoice run covers: ``current`` (the period the run
date falls in: billed in advance, "mois courant", the default) or ``previous``
(the period before it: billed in arrears).

Prices are monthly (Cfast's ``articlePeriodicPrice``, the catalogue's sale
price), whatever the site's periodicity: a period bills each of its months
covered whole at the monthly price, and a month covered in part by its own
days (15 of February's 28 days: 15/28 of the monthly price).

These keys are the one vocabulary of billing settings: the Cfast client maps
Cfast's codes onto them (``periodicity_from_cfast``, ``period_format_from_cfast``),
and the Odoo selection fields use them (``PERIODICITIES.selection()``).
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .vocabulary import Vocabulary

MONTHS_BY_PERIODICITY = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}

#: Billing point ``periodicity``: Périodicité de facturation, monthly by default.
PERIODICITIES = Vocabulary(
    "periodicity",
    (
        ("monthly", "Mensuelle"),
        ("quarterly", "Trimestrielle"),
        ("semiannual", "Semestrielle"),
        ("annual", "Annuelle"),
    ),
    {
        "MONTHLY": "monthly",
        "QUARTERLY": "quarterly",
        "SEMIANNUAL": "semiannual",
        "HALF_YEARLY": "semiannual",
        "ANNUAL": "annual",
        "YEARLY": "annual",
    },
    default="monthly",
)
#: Billing point ``periodFormat``: Format de période facture, current by default.
PERIOD_FORMAT_VOCABULARY = Vocabulary(
    "periodFormat",
    (
        ("current", "Période en cours (mois courant, à échoir)"),
        ("previous", "Période précédente (terme échu)"),
    ),
    {
        "CURRENT_MONTH": "current",
        "CURRENT": "current",
        "CURRENT_PERIOD": "current",
        "PREVIOUS_MONTH": "previous",
        "PREVIOUS": "previous",
        "PREVIOUS_PERIOD": "previous",
    },
    default="current",
)
PERIOD_FORMATS = PERIOD_FORMAT_VOCABULARY.keys


def periodicity_from_cfast(value):
    """Cfast's periodicity (``MONTHLY``…) as ours (``monthly``…).

    Missing or empty: ``monthly`` (the spec's default); unknown: ``ValueError``
    (``vocabulary.UnknownValueError``) naming the value and the keys.
    """
    return PERIODICITIES.from_cfast(value)


def period_format_from_cfast(value):
    """Cfast's period format (``CURRENT_MONTH``…) as ours (``current``…)."""
    return PERIOD_FORMAT_VOCABULARY.from_cfast(value)


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
        return _overlap_days(self.start, self.end, start, end)

    def months(self, start, end):
        """Months of the period ``[start, end]`` covers, exact (``Fraction``).

        A month covered whole counts 1, a month covered in part its days in
        it over its own days.
        """
        first = max(start, self.start)
        last = self.end if end is None else min(end, self.end)
        return months_covered(first, last)

    def prorata(self, start, end):
        """Share of the period covered, in months (exact ``Fraction``, 0 to 1)."""
        return self.months(start, end) / MONTHS_BY_PERIODICITY[self.periodicity]

    def amount(self, monthly_price, start, end, quantity=1):
        """What a monthly price comes to for ``[start, end]`` in the period.

        ``monthly_price`` is a price for one month (Cfast's
        ``articlePeriodicPrice``, the catalogue's price), whatever the
        periodicity: whole months at that price, a partial month prorated by
        its own days. Computed exactly, rounded once to the cent, half up
        (``Decimal``).
        """
        total = (
            Fraction(Decimal(str(monthly_price)))
            * Fraction(Decimal(str(quantity)))
            * self.months(start, end)
        )
        return _round_cents(total)

    def next(self):
        return period_containing(self.end + timedelta(days=1), self.periodicity)


def months_covered(start, end):
    """Months of ``[start, end]`` (both days included), exact (``Fraction``).

    Each calendar month covered whole counts 1, a month covered in part its
    days over its own days; an empty span (``end`` before ``start``) is 0.
    """
    if end < start:
        return Fraction(0)
    first_month = _add_months(start, 0)
    last_month = _add_months(end, 0)
    if first_month == last_month:
        return Fraction((end - start).days + 1, _month_days(start))
    whole = (
        (last_month.year - first_month.year) * 12
        + (last_month.month - first_month.month)
        - 1
    )
    head = Fraction(_month_days(start) - start.day + 1, _month_days(start))
    tail = Fraction(end.day, _month_days(end))
    return head + whole + tail


def prorated_amount(monthly_price, start, end):
    """A monthly price over ``[start, end]``, rounded once to the cent.

    The billing invariant's rule: whole months at the monthly price, a month
    covered in part by its own days, computed exactly then rounded half up
    (``Decimal``). An empty span is 0.
    """
    return _round_cents(
        Fraction(Decimal(str(monthly_price))) * months_covered(start, end)
    )


def _month_days(day):
    return (_add_months(day, 1) - timedelta(days=1)).day


def _overlap_days(first_day, last_day, start, end):
    first = max(start, first_day)
    last = last_day if end is None else min(end, last_day)
    return max(0, (last - first).days + 1)


def _round_cents(value):
    """A ``Fraction`` to the cent, half away from zero (``ROUND_HALF_UP``)."""
    cents = math.floor(abs(value) * 100 + Fraction(1, 2))
    return (Decimal(cents) / 100 * (1 if value >= 0 else -1)).quantize(_CENT)


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
