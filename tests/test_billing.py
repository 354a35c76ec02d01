"""Billing periods and prorata."""

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softwhere_lib.billing import (
    invoice_period,
    months_covered,
    period_containing,
    period_format_from_cfast,
    periodicity_from_cfast,
    prorated_amount,
)
from softwhere_lib.cfast import CfastClient
from softwhere_sim.cfast import DEFAULT_TOKEN


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


# Prices are monthly (Cfast's articlePeriodicPrice, the catalogue): whole months
# of the period at the monthly price, the partial month by its own days.
Q1_2026 = period_containing(date(2026, 2, 10), "quarterly")


def test_a_quarterly_site_bills_whole_months_at_the_monthly_price():
    assert (Q1_2026.start, Q1_2026.end) == (date(2026, 1, 1), date(2026, 3, 31))
    # The whole quarter: three months.
    assert Q1_2026.amount("19.90", date(2025, 6, 1), None) == Decimal("59.70")
    # From 1 March: one month, not 19.90 x 31/90.
    assert Q1_2026.amount("19.90", date(2026, 3, 1), None) == Decimal("19.90")
    # From 15 February: 14 days of February's 28, and March.
    assert Q1_2026.amount("19.90", date(2026, 2, 15), None) == Decimal("29.85")
    assert Q1_2026.months(date(2026, 2, 15), None) == Decimal("1.5")
    # Ends on 10 January: 10 days of January's 31, rounded once, half up.
    assert Q1_2026.amount("19.90", date(2025, 1, 1), date(2026, 1, 10)) == Decimal(
        "6.42"
    )
    # Twice, from 15 February to 15 March.
    assert Q1_2026.amount(
        "19.90", date(2026, 2, 15), date(2026, 3, 15), quantity=2
    ) == Decimal("39.16")


def test_semiannual_and_annual_sites():
    second_half = period_containing(date(2026, 11, 23), "semiannual")
    assert second_half.amount(10, date(2026, 9, 1), None) == Decimal("40.00")
    year = period_containing(date(2026, 11, 23), "annual")
    assert year.amount(10, date(2026, 1, 1), None) == Decimal("120.00")
    # 16 to 30 November (15 days of 30) and December.
    assert year.amount(10, date(2026, 11, 16), None) == Decimal("15.00")
    assert year.prorata(date(2026, 7, 1), None) == Decimal("0.5")


def test_rounding_is_done_once_half_up():
    period = period_containing(date(2026, 4, 1), "quarterly")
    start, end = date(2026, 4, 21), date(2026, 6, 10)
    # April 21-30: 10/30, May: 1, June 1-10: 10/30 -> exactly 5/3 months.
    assert period.months(start, end) * 3 == 5
    # 0.10 x 5/3 = 0.1666... -> 0.17 (month by month: 0.03 + 0.10 + 0.03 = 0.16).
    assert period.amount("0.10", start, end) == Decimal("0.17")
    # 0.01 x 15/30 = 0.005 exactly: half up gives 0.01.
    assert period.amount("0.01", date(2026, 4, 1), date(2026, 4, 15)) == Decimal("0.01")


@pytest.mark.parametrize(
    ("cfast", "key"),
    [
        ("MONTHLY", "monthly"),
        ("QUARTERLY", "quarterly"),
        ("SEMIANNUAL", "semiannual"),
        ("HALF_YEARLY", "semiannual"),
        ("ANNUAL", "annual"),
        ("YEARLY", "annual"),
        ("monthly", "monthly"),
        (None, "monthly"),
        ("", "monthly"),
    ],
)
def test_cfast_periodicities_map_onto_ours(cfast, key):
    assert periodicity_from_cfast(cfast) == key


@pytest.mark.parametrize(
    ("cfast", "key"),
    [
        ("CURRENT_MONTH", "current"),
        ("CURRENT", "current"),
        ("PREVIOUS_MONTH", "previous"),
        ("PREVIOUS", "previous"),
        (None, "current"),
    ],
)
def test_cfast_period_formats_map_onto_ours(cfast, key):
    assert period_format_from_cfast(cfast) == key


def test_an_unknown_cfast_periodicity_is_an_error_naming_it():
    with pytest.raises(ValueError, match="WEEKLY.*monthly, quarterly"):
        periodicity_from_cfast("WEEKLY")
    with pytest.raises(ValueError, match="NEXT_MONTH"):
        period_format_from_cfast("NEXT_MONTH")


def test_a_billing_point_read_from_cfast_gives_its_invoice_period(cfast):
    """What the Cfast client exposes is what billing takes, for every record."""
    client = CfastClient(cfast.url, DEFAULT_TOKEN, timeout=2)
    points = list(client.iter_records("billing-points"))
    raw = {bp["billingPointId"]: bp for bp in cfast.app.park.billing_points}
    for bp in points:
        period = invoice_period(date(2026, 11, 23), bp.periodicity, bp.period_format)
        assert period.periodicity == bp.periodicity
        assert bp.periodicity == raw[bp.external_id]["periodicity"].lower()


DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@given(DAYS, DAYS, st.decimals("0.00", "500.00", places=2))
def test_prorated_amount_is_the_day_by_day_sum_rounded_once(start, end, price):
    """Each day is 1/days-of-its-month of a month; the total is rounded once."""
    months = Fraction(0)
    day = start
    while day <= end:
        months += Fraction(1, calendar.monthrange(day.year, day.month)[1])
        day += timedelta(days=1)
    assert months_covered(start, end) == months
    exact = Fraction(price) * months
    expected = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert prorated_amount(price, start, end) == expected


def test_prorated_amount_by_example():
    # 15 of November's 30 days, then December whole: 1.5 months.
    assert prorated_amount(19.90, date(2026, 11, 16), date(2026, 12, 31)) == Decimal(
        "29.85"
    )
    assert prorated_amount(19.90, date(2026, 12, 1), date(2026, 11, 30)) == 0
