"""Issue 13 conventions: App J month ends, Directive (EU) 2023/2225 counting, independence.

Sources: 12 CFR 1026 Appendix J (b)(3)(iv) ("If payments (or advances) are scheduled for
the 29th or 30th of each month, the last day of February shall be used when applicable",
as quoted by two independent public implementations; the eCFR page itself could not be
read here); Directive (EU) 2023/2225 Annex III remark (c) in the wording of Commission
Directive 2011/90/EU's annex; finance_facts.md §8 items 23-24; PBoC 2021 No. 3.
"""

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from literacy.finance.instalment import payment_for_term
from literacy.finance.money import RateAboveRangeError, round_rate_percent
from literacy.finance.months import add_months, months_back, scheduled_day
from literacy.finance.rates.apr import (
    AprResult,
    AprUnavailable,
    CashFlow,
    apr_by_convention,
    apr_from_cashflows,
    expand_series,
)
from literacy.finance.rates.eu_aprc import eu_interval_years
from literacy.finance.rates.solver import MAX_PERIODIC_RATE, periodic_irr

ADVANCE_29 = [CashFlow(dt.date(2025, 12, 29), D(3000))]


def pct2(rate):
    return round_rate_percent(rate).quantize(D("0.01"))


@pytest.mark.parametrize("convention", ["us", "cn"])
def test_app_j_b3iv_series_on_the_29th_is_whole_months(convention):
    """App. J (b)(3)(iv), finance_facts §8 item 23: ¥3,000 on 2025-12-29, 2 × ¥1,533.83 from
    2026-01-29 (the second falls on 2026-02-28) → monthly IRR 1.5 % × 12 = 17.998 % (18.00 %),
    not the 17.60 % of counting 2026-02-28 as 2 months and 2 days."""
    pays = expand_series(dt.date(2026, 1, 29), D("1533.83"), 2, "month")
    assert pays[1].date == dt.date(2026, 2, 28)
    r = apr_from_cashflows(ADVANCE_29, pays, convention)
    assert r.unit_period == "month"
    assert round_rate_percent(r.apr).quantize(D("0.001")) == D("17.998")
    assert pct2(r.apr) == D("18.00")


def test_app_j_b3iv_three_payments_on_the_29th_are_monthly_not_four_weekly():
    """App. J (b)(3)(iv): 2026-01-29, 2026-02-28, 2026-03-29 are two whole-month gaps, so
    the unit period is the month (12 a year), never "4weeks"."""
    pays = expand_series(dt.date(2026, 1, 29), D("1040.26"), 3, "month")
    r = apr_from_cashflows(ADVANCE_29, pays, "us")
    assert r.unit_period == "month"
    assert r.periods_per_year == 12


@settings(max_examples=40, deadline=None)
@given(
    day=st.integers(min_value=28, max_value=31),
    first=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 1)),
    count=st.integers(min_value=2, max_value=24),
    monthly=st.decimals(min_value=D("0.001"), max_value=D("0.05"), places=4),
)
def test_month_end_series_is_monthly_and_recovers_its_rate(day, first, count, monthly):
    """App. J (b)(3)(iv): a monthly plan scheduled on day 28-31 is classified monthly whatever
    February does, and a plan priced as an annuity at i a month gives APR = 12·i (us)."""
    dates = [add_months(first, k, day=day) for k in range(count)]
    advance = add_months(first, -1, day=day)
    payment = payment_for_term(D(10000), monthly * 12, count)
    r = apr_from_cashflows(
        [CashFlow(advance, D(10000))], [CashFlow(d, payment) for d in dates], "us"
    )
    assert r.unit_period == "month"
    assert abs(r.apr - monthly * 12) < D("1e-12")


def test_eu_2023_2225_twelve_monthly_payments_of_1072():
    """Directive (EU) 2023/2225 Annex III, finance_facts §8 item 24: ¥12,000 repaid 12 × ¥1,072
    monthly → each repayment k whole months = k/12 years → X = 13.84 % (13.90 % under the old
    actual/365 counting)."""
    r = apr_from_cashflows(
        [CashFlow(dt.date(2026, 1, 15), D(12000))],
        expand_series(dt.date(2026, 2, 15), D(1072), 12, "month"),
        "eu",
    )
    assert pct2(r.apr) == D("13.84")


def test_eu_2023_2225_reproduces_the_pboc_compound_figure():
    """finance_facts §8 item 24 and PBoC 2021 No. 3: ¥99,000 received, 12 × ¥8,833.33 monthly
    → 13.58 % (the PBoC example's compound figure; 13.64 % under actual/365)."""
    r = apr_from_cashflows(
        [CashFlow(dt.date(2021, 4, 1), D(99000))],
        expand_series(dt.date(2021, 5, 1), D("8833.33"), 12, "month"),
        "eu",
    )
    assert pct2(r.apr) == D("13.58")


def test_eu_remainder_days_divide_by_the_year_ending_where_the_count_stopped():
    """2011/90/EU remark (c)(ii)-(iii): 2012-01-12 to 2012-02-15 in months is 1 month counted
    back from 02-15 to 01-15, then 3 days over the 365 days from 2011-01-15 to 2012-01-15."""
    t = eu_interval_years(dt.date(2012, 2, 15), dt.date(2012, 1, 12), "month")
    assert t == D(1) / 12 + D(3) / 365


def test_eu_remainder_days_use_366_when_that_year_holds_29_february():
    """2011/90/EU remark (c)(iii): 2013-01-12 to 2013-02-15 → 1/12 + 3/366 (the year from
    2012-01-15 to 2013-01-15 has 366 days)."""
    t = eu_interval_years(dt.date(2013, 2, 15), dt.date(2013, 1, 12), "month")
    assert t == D(1) / 12 + D(3) / 366


def test_eu_weeks_count_52_a_year_plus_days():
    """2011/90/EU remark (c): a year is 52 weeks; 18 days = 2 weeks + 4 days (/365)."""
    t = eu_interval_years(dt.date(2012, 1, 30), dt.date(2012, 1, 12), "week")
    assert t == D(2) / 52 + D(4) / 365


def test_eu_series_on_the_31st_counts_whole_months():
    """App. J (b)(3)(iv) month ends carried into the EU count: 2026-01-31 to 2026-02-28 on a
    series scheduled on the 31st is one whole month."""
    assert eu_interval_years(dt.date(2026, 2, 28), dt.date(2026, 1, 31), "month", day=31) == (
        D(1) / 12
    )


def test_conventions_answer_independently_when_one_rate_is_out_of_range():
    """Issue 13 §3: ¥1,000 repaid with ¥200,000 a month later. App. J (b)(5)(vii) answers US
    and CN (one unit period = the term); the EU effective rate, 200^12 − 1 a year, is above the
    solver's 10,000 % and is reported as such, without refusing the other two."""
    answers = apr_by_convention(
        [CashFlow(dt.date(2026, 1, 1), D(1000))], [CashFlow(dt.date(2026, 2, 1), D(200000))]
    )
    assert isinstance(answers["us"], AprResult)
    assert isinstance(answers["cn"], AprResult)
    assert abs(answers["us"].apr - D(199) * 365 / 31) < D("1e-25")
    assert answers["eu"] == AprUnavailable("eu", "rate_above_range", MAX_PERIODIC_RATE, "year")


def test_rate_above_range_names_the_limit_and_the_unit_period():
    """A monthly plan needing more than 10,000 % a month says "higher than X % a month"
    (X = MAX_PERIODIC_RATE × 100), not "no rate matches"."""
    with pytest.raises(RateAboveRangeError) as err:
        apr_from_cashflows(
            [CashFlow(dt.date(2026, 1, 1), D(1))],
            expand_series(dt.date(2026, 2, 1), D(500), 2, "month"),
            "us",
        )
    assert err.value.code == "rate_above_range"
    assert err.value.limit * 100 == D(10000)
    assert err.value.unit_period == "month"


def test_periodic_irr_reports_a_rate_above_range():
    """1,000 lent, 200,000 repaid one period later: i = 199 (19,900 %) > 10,000 %."""
    with pytest.raises(RateAboveRangeError):
        periodic_irr([D(-1000), D(200000)])


def test_a_single_date_is_no_series_and_keeps_the_month_end_reading():
    """App. J (b)(3)(iv) applies to payments scheduled on a day of each month; one payment
    is no schedule, so 2024-01-31 to 2025-02-28 still reads month end to month end: 13
    whole months (scheduled_day is None)."""
    assert scheduled_day([dt.date(2025, 2, 28)]) is None
    assert months_back(dt.date(2025, 2, 28), dt.date(2024, 1, 31)) == (13, dt.date(2024, 1, 31))


def test_payments_on_the_28th_are_a_series_on_the_28th_not_month_ends():
    """A series 2026-02-28, 2026-03-28 is scheduled on the 28th: its February date is not
    read as a month end."""
    assert scheduled_day([dt.date(2026, 2, 28), dt.date(2026, 3, 28)]) == 28
    assert scheduled_day([dt.date(2026, 1, 31), dt.date(2026, 2, 28)]) == 31
