"""Billing periods and prorata."""

from datetime import date
from decimal import Decimal

import pytest

from softwhere_lib.billing import invoice_period, period_containing


@pytest.mark.parametrize(
    ("periodicity", "fmt", "start", "end", "label"),
    [
        ("monthly", "current", date(2026, 11, 1), date(2026, 11, 30), "novembre 2026"),
        ("monthly", "previous", date(2026, 10, 1), date(2026, 10, 31), "octobre 2026"),
        (
            "quarterly",
            "current",
            date(2026, 10, 1),
            date(2026, 12, 31),
            "4e trimestre 2026",
        ),
        (
            "quarterly",
            "previous",
            date(2026, 7, 1),
            date(2026, 9, 30),
            "3e trimestre 2026",
        ),
        (
            "semiannual",
            "current",
            date(2026, 7, 1),
            date(2026, 12, 31),
            "2nd semestre 2026",
        ),
        ("annual", "previous", date(2025, 1, 1), date(2025, 12, 31), "année 2025"),
    ],
)
def test_period_of_a_run_on_23_november_2026(periodicity, fmt, start, end, label):
    period = invoice_period(date(2026, 11, 23), periodicity, fmt)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_january_previous_month_is_december_of_the_year_before():
    period = invoice_period(date(2026, 1, 5), "monthly", "previous")
    assert (period.start, period.end) == (date(2025, 12, 1), date(2025, 12, 31))
    assert invoice_period(date(2026, 1, 5), "quarterly").label == "1er trimestre 2026"


def test_prorata_by_days_of_the_period():
    november = period_containing(date(2026, 11, 23))
    assert november.days == 30
    # Starts on the 16th: 15 days of 30.
    assert november.prorata(date(2026, 11, 16), None) == Decimal("0.5")
    assert november.amount("19.90", date(2026, 11, 16), None) == Decimal("9.95")
    # Ends on the 10th: 10 days.
    assert november.amount(19.90, date(2025, 1, 1), date(2026, 11, 10)) == Decimal(
        "6.63"
    )
    # Whole period, twice.
    assert november.amount(19.90, date(2026, 1, 1), None, quantity=2) == Decimal(
        "39.80"
    )
    # Outside the period.
    assert november.amount(19.90, date(2026, 12, 1), None) == Decimal("0.00")
    assert november.amount(19.90, date(2026, 1, 1), date(2026, 10, 31)) == Decimal(
        "0.00"
    )


def test_february_and_leap_years():
    february = period_containing(date(2028, 2, 10))
    assert february.days == 29
    assert february.amount(29.0, date(2028, 2, 15), None) == Decimal("15.00")


def test_periods_follow_each_other():
    period = period_containing(date(2026, 12, 15), "quarterly")
    following = period.next()
    assert (following.start, following.end) == (date(2027, 1, 1), date(2027, 3, 31))


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError, match="periodicity"):
        invoice_period(date(2026, 1, 1), "weekly")
    with pytest.raises(ValueError, match="period format"):
        invoice_period(date(2026, 1, 1), "monthly", "next")
