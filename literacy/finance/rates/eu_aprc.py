"""Time between dates for the EU APRC, Directive (EU) 2023/2225 Annex III.

Directive (EU) 2023/2225 on credit agreements for consumers repealed Directive
2008/48/EC with effect from 20 November 2026; its APRC annex (Annex III, part
I, remark (c)) keeps the wording Commission Directive 2011/90/EU wrote into
2008/48/EC Annex I, part I, remark (c):

    Intervals between dates used in the calculations shall be expressed in
    years or in fractions of a year. A year is presumed to have 365 days (or
    366 days for leap years), 52 weeks or 12 equal months. [...] Where
    intervals between dates used in the calculations cannot be expressed as a
    whole number of weeks, months or years, the intervals shall be expressed
    as a whole number of one of those periods in combination with a number of
    days. Where using days: (i) every day shall be counted, including weekends
    and holidays; (ii) equal periods and then days shall be counted backwards
    to the date of the initial drawdown; (iii) the length of the period of
    days shall be obtained excluding the first day and including the last day
    and it shall be expressed in years by dividing this period by the number
    of days (365 or 366 days) of the complete year counted backwards from the
    last day to the same day of the previous year.

(Wording of 2011/90/EU's annex, point (1); the 2023/2225 text was not read
here, only reported as unchanged: finance_facts.md §8 item 24.) Readings this
module takes: every interval of a plan is counted in the plan's one period,
which follows its payments (weekly-type series count weeks, monthly-type and
semimonthly series months, yearly ones years), so all flows share one clock;
an interval that is not a whole number of that period is the whole periods
counted back from the later date plus days. A single repayment's one interval
is counted in the coarsest period that expresses it whole (years, then months,
then weeks), else in years plus days. Months are calendar months on the
series' scheduled day (:mod:`literacy.finance.months`), so a series on the
31st stays monthly.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from literacy.finance.months import add_months, months_back

__all__ = ["EU_PERIODS", "eu_interval_years", "eu_period_for", "eu_single_period"]

# period -> periods in a year (remark (c): 52 weeks or 12 equal months)
EU_PERIODS: dict[str, int] = {"year": 1, "month": 12, "week": 52}

# App. J interval name (literacy.finance.rates.apr.INTERVALS) -> the EU period counting it
_PERIOD_OF_INTERVAL = {
    "day": "week",
    "week": "week",
    "2weeks": "week",
    "4weeks": "week",
    "semimonth": "month",
    "month": "month",
    "2months": "month",
    "quarter": "month",
    "year": "year",
}


def eu_period_for(interval: str) -> str:
    """The EU period ("year", "month" or "week") counting a plan paid every ``interval``."""
    return _PERIOD_OF_INTERVAL[interval]


def eu_single_period(later: datetime.date, start: datetime.date) -> str:
    """The period counting a single repayment: the coarsest that expresses the
    interval whole (remark (c): days only where it "cannot be expressed as a
    whole number of weeks, months or years"), else "year"."""
    for period in EU_PERIODS:
        if _count_back(later, start, period, None)[1] == start:
            return period
    return "year"


def _count_back(
    later: datetime.date, start: datetime.date, period: str, day: int | None
) -> tuple[int, datetime.date]:
    if period == "week":
        whole = (later - start).days // 7
        return whole, later - datetime.timedelta(days=7 * whole)
    return months_back(later, start, day=day, step=12 if period == "year" else 1)


def eu_interval_years(
    later: datetime.date, start: datetime.date, period: str, *, day: int | None = None
) -> Decimal:
    """The interval from ``start`` (the first drawdown) to ``later``, in years.

    Directive (EU) 2023/2225 Annex III part I remark (c) (2011/90/EU's wording,
    quoted in the module docstring): whole ``period``s (a year, 1/12 or 1/52 of
    one) counted backwards from ``later``, plus the days left to ``start``
    divided by the days (365 or 366) of the complete year ending on the date
    the count reached. ``day`` is the payment series' scheduled day of month.
    """
    if later <= start:
        return Decimal(0)
    whole, reached = _count_back(later, start, period, day)
    days = (reached - start).days
    year_length = (reached - add_months(reached, -12)).days
    return Decimal(whole) / EU_PERIODS[period] + Decimal(days) / year_length
