"""APR from dated cash flows under three conventions.

* ``us``: Regulation Z (12 CFR 1026) Appendix J, actuarial method. General
  equation (b)(8): Σ A_k / ((1 + e_k·i)(1 + i)^q_k) = Σ P_j / ((1 + f_j·i)(1 + i)^t_j),
  times from the beginning of the term (the first advance) in whole unit-periods
  (q, t) plus a fraction (e, f) earning simple interest ((b)(6)); APR = i × unit
  periods per year ((b)(1)), a nominal rate. Months follow (b)(3)(iv): a series
  scheduled on the 29th, 30th or 31st falls on the last day of each shorter
  month and is still a series of whole months (:mod:`literacy.finance.months`).
* ``eu``: Directive (EU) 2023/2225 (in force from 20 November 2026, repealing
  2008/48/EC) Annex III: Σ C_k (1 + X)^−t_k = Σ D_l (1 + X)^−s_l, X effective
  annual, t and s in years counted as whole years, months or weeks plus days
  for the remainder (the rule 2011/90/EU wrote into the old annex; see
  :mod:`literacy.finance.rates.eu_aprc`).
* ``cn``: PBoC announcement [2021] No. 3: the IRR per unit period (periods counted
  as in ``us``, month ends included); ``apr`` is the simple figure i × periods
  per year (shown as 单利), next to the compound (1 + i)^n − 1.

:func:`apr_by_convention` answers all three independently: one convention's
rate lying outside the solver's range does not stop the others.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.money import (
    FinanceError,
    NoRateError,
    RateAboveRangeError,
    as_decimal,
    finance_context,
)
from literacy.finance.months import add_months, is_on_day, last_day, months_back, scheduled_day
from literacy.finance.rates.eu_aprc import eu_interval_years, eu_period_for, eu_single_period
from literacy.finance.rates.solver import find_rate

__all__ = [
    "CONVENTIONS",
    "INTERVALS",
    "AprResult",
    "AprUnavailable",
    "CashFlow",
    "add_months",
    "apr_by_convention",
    "apr_from_cashflows",
    "expand_series",
]

CONVENTIONS = ("us", "eu", "cn")

# interval -> (kind, multiple, unit periods per year), Appendix J (b)(5)(ii)-(v)
INTERVALS: dict[str, tuple[str, int, int]] = {
    "day": ("day", 1, 365),
    "week": ("week", 1, 52),
    "2weeks": ("week", 2, 26),
    "4weeks": ("week", 4, 13),
    "semimonth": ("semimonth", 1, 24),
    "month": ("month", 1, 12),
    "2months": ("month", 2, 6),
    "quarter": ("month", 3, 4),
    "year": ("year", 12, 1),
}
# typical length in days, to classify an irregular gap by the nearest interval
_TYPICAL_DAYS = {
    "day": 1.0,
    "week": 7.0,
    "2weeks": 14.0,
    "semimonth": 365 / 24,
    "4weeks": 28.0,
    "month": 365 / 12,
    "2months": 365 / 6,
    "quarter": 365 / 4,
    "year": 365.0,
}


@dataclass(frozen=True)
class CashFlow:
    """An amount of money changing hands on a date (always a positive amount)."""

    date: datetime.date
    amount: Decimal


@dataclass(frozen=True)
class AprResult:
    """The rate of a cash-flow stream, unrounded.

    ``unit_period`` is the period whose rate ``periodic_rate`` is:
    one of INTERVALS for ``us``/``cn``; for a single-advance, single-payment
    transaction shorter than a year it is "day" (App. J (b)(5)(vii): one unit
    period equal to the term, 365/days of them a year, so the term rate / days
    is a per-day rate); "year" for ``eu`` (``periodic_rate`` = the effective
    annual X). ``periods_per_year`` × ``periodic_rate`` = the nominal rate.
    """

    convention: str
    apr: Decimal
    nominal_annual_rate: Decimal | None
    effective_annual_rate: Decimal
    finance_charge: Decimal
    unit_period: str
    periodic_rate: Decimal
    periods_per_year: Decimal


def expand_series(
    first_date: datetime.date, amount: Decimal, count: int, interval: str
) -> list[CashFlow]:
    """``count`` payments of ``amount`` from ``first_date`` every ``interval``.

    Intervals: week, 2weeks, 4weeks (7, 14, 28 days); semimonth (each month on
    first_date's day and 15 days later); month, 2months, quarter, year (month
    arithmetic from first_date, the day clamped to month end).
    """
    amount = as_decimal(amount)
    if interval not in INTERVALS or interval == "day":
        raise FinanceError(f"unknown interval {interval!r}", code="invalid_input", field="interval")
    if count < 1:
        raise FinanceError("count must be at least 1", code="invalid_input", field="count")
    kind, multiple, _ = INTERVALS[interval]
    dates: list[datetime.date] = []
    for k in range(count):
        if kind == "week":
            dates.append(first_date + datetime.timedelta(days=7 * multiple * k))
        elif kind == "semimonth":
            base = add_months(first_date, k // 2, day=first_date.day)
            dates.append(base + datetime.timedelta(days=15 * (k % 2)))
        else:
            dates.append(add_months(first_date, multiple * k, day=first_date.day))
    return [CashFlow(d, amount) for d in dates]


def _unit_periods(
    later: datetime.date, start: datetime.date, unit: str, day: int | None
) -> tuple[int, Decimal]:
    """Whole unit-periods and the fraction from ``start`` to ``later``, App. J (b)(5).

    ``day`` is the payments' scheduled day of month ((b)(3)(iv)).
    """
    kind, multiple, _ = INTERVALS[unit]
    days = (later - start).days
    if kind in ("day", "week"):
        # (b)(5)(iv): days between the dates / days per unit-period
        whole, rest = divmod(days, 7 * multiple if kind == "week" else 1)
        return whole, Decimal(rest) / (7 * multiple if kind == "week" else 1)
    months, reached = months_back(later, start, day=day)
    odd_days = (reached - start).days
    if kind == "year":
        # (b)(5)(v): full years back, then remaining months/12 or days/365
        years, rem_months = divmod(months, 12)
        mark_day = day if day is not None and is_on_day(later, day) else later.day
        year_mark = add_months(later, -12 * years, day=mark_day)
        year_mark = max(year_mark, reached)
        if odd_days == 0:
            return years, Decimal(rem_months) / 12
        return years, Decimal((year_mark - start).days) / 365
    if kind == "month" and multiple == 1:
        # (b)(5)(ii): months back from the later date, odd days / 30
        return months, Decimal(odd_days) / 30
    # (b)(5)(iii): 30 × months + odd days, divided by 15 or by 30 × multiple
    size = 15 if kind == "semimonth" else 30 * multiple
    whole, rest = divmod(30 * months + odd_days, size)
    return whole, Decimal(rest) / size


def _classify_gap(a: datetime.date, b: datetime.date, day: int | None = None) -> str:
    """The standard interval (App. J (b)(3)(iii)) a gap between two dates is.

    With the series' scheduled ``day`` ((b)(3)(iv)), 2026-01-29 to 2026-02-28
    to 2026-03-29 are two whole months.
    """
    for name, months in (("month", 1), ("2months", 2), ("quarter", 3), ("year", 12)):
        if day is not None and is_on_day(a, day) and b == add_months(a, months, day=day):
            return name
        if b in (add_months(a, months), add_months(a, months, day=31)) and (
            b == add_months(a, months) or a.day == last_day(a.year, a.month)
        ):
            return name
    days = (b - a).days
    for name, length in (("day", 1), ("week", 7), ("2weeks", 14), ("4weeks", 28)):
        if days == length:
            return name
    return min(_TYPICAL_DAYS, key=lambda n: abs(_TYPICAL_DAYS[n] - days))


def _common_unit_period(dates: Sequence[datetime.date]) -> str:
    """App. J (b)(4)(i): the period occurring most often; on a tie the shorter."""
    day = scheduled_day(dates)
    gaps = Counter(_classify_gap(a, b, day) for a, b in zip(dates, dates[1:], strict=False))
    return min(gaps, key=lambda n: (-gaps[n], _TYPICAL_DAYS[n]))


def _check_flows(advances: Sequence[CashFlow], payments: Sequence[CashFlow]) -> None:
    if not advances or not payments:
        raise FinanceError("need at least one advance and one payment", code="invalid_input")
    for flow in (*advances, *payments):
        if as_decimal(flow.amount) <= 0:
            raise FinanceError("amounts must be positive", code="invalid_input")
    first = min(a.date for a in advances)
    if any(p.date <= first for p in payments):
        raise FinanceError(
            "a payment is dated on or before the first advance", code="payment_before_advance"
        )


def _solve(
    flows: list[tuple[Decimal, int | Decimal, Decimal]], *, fractional_power: bool, unit: str
) -> Decimal:
    """Root of Σ sign·amount / ((1 + f·i)(1 + i)^t) = 0 in the solver's range.

    Each flow is (signed amount, t, f): for App. J t is whole and f the
    simple-interest fraction; for the EU form t is fractional years, f = 0.
    Multiplied by (1 + i)^T for i < 0 so powers never overflow. As i grows
    without bound only the flows at t = 0 with f = 0 keep their value, which
    tells a rate above the range from no rate at all (RateAboveRangeError,
    whose ``unit_period`` is set to ``unit``).
    """
    float_flows = [(float(a), float(t), float(f)) for a, t, f in flows]
    horizon = max(t for _, t, _ in float_flows)
    ordered = sorted(float_flows, key=lambda x: x[1] + x[2])
    signs = [a > 0 for a, _, _ in ordered]
    conventional = sum(1 for s, u in zip(signs, signs[1:], strict=False) if s != u) == 1
    at_infinity = sum(a for a, t, frac in float_flows if t == 0 and frac == 0)

    def f(i: float) -> float:
        g = 1.0 + i
        log_g = math.log(g)
        total = 0.0
        shift = horizon if i < 0 else 0.0
        for amount, t, frac in float_flows:
            total += amount * math.exp((shift - t) * log_g) / (1.0 + frac * i)
        return total

    def f_decimal(i: Decimal) -> Decimal:
        g = 1 + i
        total = Decimal(0)
        for amount, t, frac in flows:
            power = g**t if fractional_power or isinstance(t, Decimal) else g ** int(t)
            total += amount / (power * (1 + frac * i))
        return total

    with finance_context():
        try:
            return find_rate(
                f, f_decimal=f_decimal, conventional=conventional, limit_at_infinity=at_infinity
            )
        except RateAboveRangeError as error:
            error.unit_period = unit
            raise


def _eu_result(
    advances: Sequence[CashFlow], payments: Sequence[CashFlow], finance_charge: Decimal
) -> AprResult:
    """Directive (EU) 2023/2225 Annex III: X effective annual, times per eu_aprc."""
    start = advances[0].date
    dates = [p.date for p in payments]
    if len(payments) > 1:
        period = eu_period_for(_common_unit_period(dates))
    elif len(advances) == 1:
        period = eu_single_period(dates[0], start)
    else:
        period = eu_period_for(_classify_gap(start, dates[0]))
    day = scheduled_day(dates)
    flows = [
        (sign * as_decimal(flow.amount), eu_interval_years(flow.date, start, period, day=day))
        for sign, group in ((-1, advances), (1, payments))
        for flow in group
    ]
    x = (
        Decimal(0)
        if finance_charge == 0
        else _solve([(a, t, Decimal(0)) for a, t in flows], fractional_power=True, unit="year")
    )
    return AprResult("eu", x, None, x, finance_charge, "year", x, Decimal(1))


def apr_from_cashflows(
    advances: Sequence[CashFlow],
    payments: Sequence[CashFlow],
    convention: str,
    *,
    unit_period: str | None = None,
) -> AprResult:
    """The APR of advances (to the borrower) and payments (from the borrower).

    ``convention`` is "us" (Reg Z App. J, nominal headline), "eu" (Directive
    (EU) 2023/2225 Annex III, effective headline, whole years/months/weeks
    plus days) or "cn" (PBoC 2021 No. 3, nominal simple ×n headline with the
    compound figure beside it); see the module docstring. ``unit_period`` (an
    INTERVALS name) fixes the unit period for a payment series; otherwise it
    is the most common gap between payments (App. J (b)(4)(i); a series on the
    29th–31st is monthly, (b)(3)(iv)), or for a single advance and single
    payment the term ((b)(4)(ii), (b)(5)(vi)-(vii)). ``finance_charge`` =
    Σ payments − Σ advances. Raises FinanceError("payment_before_advance"),
    RateAboveRangeError ("rate_above_range", with ``limit`` and
    ``unit_period``) and NoRateError ("no_rate").
    """
    if convention not in CONVENTIONS:
        raise FinanceError(f"convention must be one of {CONVENTIONS}", code="invalid_input")
    if unit_period is not None and unit_period not in INTERVALS:
        raise FinanceError(f"unknown unit period {unit_period!r}", code="invalid_input")
    _check_flows(advances, payments)
    advances = sorted(advances, key=lambda c: c.date)
    payments = sorted(payments, key=lambda c: c.date)
    start = advances[0].date
    with finance_context():
        advanced = sum((as_decimal(a.amount) for a in advances), Decimal(0))
        paid = sum((as_decimal(p.amount) for p in payments), Decimal(0))
        finance_charge = paid - advanced
        if convention == "eu":
            return _eu_result(advances, payments, finance_charge)
        single = len(advances) == 1 and len(payments) == 1
        term_days = (payments[-1].date - start).days
        if single and unit_period is None and add_months(start, 12) > payments[0].date:
            # App. J (b)(4)(ii), (b)(5)(vii): one unit period = the term
            term_rate = finance_charge / advanced
            per_year = Decimal(365) / term_days
            nominal = term_rate * per_year
            effective = (1 + term_rate) ** per_year - 1
            if term_rate <= -1:
                raise NoRateError("the payment is not positive")
            return AprResult(
                convention,
                nominal,
                nominal,
                effective,
                finance_charge,
                "day",
                term_rate / term_days,
                Decimal(365),
            )
        if unit_period is None:
            if single:
                unit_period = "year"
            elif len(payments) > 1:
                unit_period = _common_unit_period([p.date for p in payments])
            else:
                unit_period = _classify_gap(start, payments[0].date)
        per_year = Decimal(INTERVALS[unit_period][2])
        day = scheduled_day([p.date for p in payments])
        flows = []
        for sign, group in ((-1, advances), (1, payments)):
            for flow in group:
                whole, frac = _unit_periods(flow.date, start, unit_period, day)
                flows.append((sign * as_decimal(flow.amount), whole, frac))
        i = (
            Decimal(0)
            if finance_charge == 0
            else _solve(flows, fractional_power=False, unit=unit_period)
        )
        nominal = i * per_year
        effective = (1 + i) ** per_year - 1
        return AprResult(
            convention, nominal, nominal, effective, finance_charge, unit_period, i, per_year
        )


@dataclass(frozen=True)
class AprUnavailable:
    """Why one convention has no figure, for the page to say in words.

    ``code`` is "rate_above_range" (the rate is higher than ``limit``, a
    fraction per ``unit_period``: "higher than 10,000 % a month") or
    "no_rate" (no rate in the solver's range balances the flows).
    """

    convention: str
    code: str
    limit: Decimal | None
    unit_period: str | None


def apr_by_convention(
    advances: Sequence[CashFlow],
    payments: Sequence[CashFlow],
    *,
    unit_period: str | None = None,
) -> dict[str, AprResult | AprUnavailable]:
    """Each convention's APR, or its own reason for having none.

    Runs :func:`apr_from_cashflows` once per convention in CONVENTIONS order.
    A rate outside the solver's range (NoRateError and RateAboveRangeError) is
    that convention's AprUnavailable and never stops the others; input errors
    common to every convention (a payment before the first advance, bad
    amounts) are raised as FinanceError.
    """
    answers: dict[str, AprResult | AprUnavailable] = {}
    for convention in CONVENTIONS:
        try:
            answers[convention] = apr_from_cashflows(
                advances, payments, convention, unit_period=unit_period
            )
        except RateAboveRangeError as error:
            answers[convention] = AprUnavailable(
                convention, error.code, error.limit, error.unit_period
            )
        except NoRateError as error:
            answers[convention] = AprUnavailable(convention, error.code, None, None)
    return answers
