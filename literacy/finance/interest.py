"""Simple and compound growth, nominal and effective rates.

Effective annual rate of a nominal rate r compounded m times a year:
(1 + r/m)^m − 1, and back: m·((1 + e)^(1/m) − 1) (standard; e.g. finance_facts.md
§7: 1 % a month is 12.68 % a year compounded). Growth is simulated month by
month on a 34-digit Decimal balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from literacy.finance.money import FinanceError, as_decimal, finance_context

__all__ = [
    "COMPOUNDING",
    "GrowthResult",
    "YearRow",
    "compound_growth",
    "daily_to_annual",
    "effective_annual_rate",
    "nominal_from_effective",
]

COMPOUNDING = ("simple", "annual", "monthly", "daily")
_PERIODS = {"annual": 1, "monthly": 12, "daily": 365}


@dataclass(frozen=True)
class YearRow:
    year: int
    interest: Decimal
    balance: Decimal


@dataclass(frozen=True)
class GrowthResult:
    """Unrounded results of :func:`compound_growth`."""

    future_value: Decimal
    total_interest: Decimal
    total_deposits: Decimal
    effective_annual_rate: Decimal
    by_year: tuple[YearRow, ...]


def effective_annual_rate(nominal: Decimal, periods_per_year: int) -> Decimal:
    """(1 + nominal/m)^m − 1: the rate a year of compounding m times really earns."""
    if periods_per_year < 1:
        raise FinanceError("periods_per_year must be at least 1", code="invalid_input")
    with finance_context():
        return (1 + as_decimal(nominal) / periods_per_year) ** periods_per_year - 1


def nominal_from_effective(effective: Decimal, periods_per_year: int) -> Decimal:
    """m·((1 + effective)^(1/m) − 1): the nominal rate compounding to ``effective``."""
    if periods_per_year < 1:
        raise FinanceError("periods_per_year must be at least 1", code="invalid_input")
    with finance_context():
        growth = (1 + as_decimal(effective)) ** (Decimal(1) / periods_per_year)
        return periods_per_year * (growth - 1)


def daily_to_annual(daily_rate: Decimal, days: int = 365) -> Decimal:
    """The nominal annual rate of a daily rate: daily × days (365 or 360).

    PBoC 银发〔2016〕111号's 0.05 % a day is 18.25 % on 365 days, the "18 %"
    People's Daily printed on 360 (finance_facts.md §1.4).
    """
    if days not in (360, 365):
        raise FinanceError("days must be 360 or 365", code="invalid_input", field="days")
    with finance_context():
        return as_decimal(daily_rate) * days


def compound_growth(
    principal: Decimal,
    annual_rate: Decimal,
    years: int,
    compounding: str,
    monthly_deposit: Decimal = Decimal(0),
    deposit_timing: str = "end",
) -> GrowthResult:
    """Grow ``principal`` (plus monthly deposits) for ``years`` at ``annual_rate``.

    Principal: simple P·(1 + r·y); otherwise P·(1 + r/m)^(m·y), m = 1, 12, 365.
    Conventions for deposits (made monthly, at the end or the start of each month):

    * simple: each deposit earns simple interest r/12 per whole month it is in
      the account; interest is never added to the base;
    * monthly: deposits and balance compound at r/12 (= ``numpy_financial.fv``
      with rate r/12, nper 12·y, when=end/begin);
    * annual and daily: the balance grows each month at the EQUIVALENT monthly
      rate, (1 + r)^(1/12) − 1 or (1 + r/365)^(365/12) − 1, so a deposit earns
      exactly the advertised compounding for the time it is held, and the
      principal alone gives the textbook result at each year end.

    ``by_year`` holds each year's interest and the year-end balance.
    """
    principal, annual_rate = as_decimal(principal), as_decimal(annual_rate)
    monthly_deposit = as_decimal(monthly_deposit)
    if compounding not in COMPOUNDING:
        raise FinanceError(
            f"compounding must be one of {COMPOUNDING}", code="invalid_input", field="compounding"
        )
    if deposit_timing not in ("end", "start"):
        raise FinanceError(
            "deposit_timing must be end or start", code="invalid_input", field="deposit_timing"
        )
    if years < 0 or principal < 0 or monthly_deposit < 0:
        raise FinanceError("years and amounts cannot be negative", code="invalid_input")
    with finance_context():
        if compounding == "simple":
            monthly = annual_rate / 12
            effective = annual_rate
        else:
            m = _PERIODS[compounding]
            effective = effective_annual_rate(annual_rate, m)
            if compounding == "monthly":
                monthly = annual_rate / 12
            else:
                monthly = (1 + effective) ** (Decimal(1) / 12) - 1
        rows: list[YearRow] = []
        deposits = Decimal(0)
        base = principal  # what earns interest: everything for compounding, capital for simple
        accrued = Decimal(0)  # simple interest earned, kept outside the base
        for year in range(1, years + 1):
            year_interest = Decimal(0)
            for _ in range(12):
                if deposit_timing == "start":
                    base += monthly_deposit
                    deposits += monthly_deposit
                interest = base * monthly
                if compounding == "simple":
                    accrued += interest
                else:
                    base += interest
                year_interest += interest
                if deposit_timing == "end":
                    base += monthly_deposit
                    deposits += monthly_deposit
            if compounding == "annual" and monthly_deposit == 0:
                # exact textbook figure, free of the 12th-root rounding
                base = principal * (1 + annual_rate) ** year
                year_interest = base - (rows[-1].balance if rows else principal)
            rows.append(YearRow(year, year_interest, base + accrued))
        future_value = base + accrued
        return GrowthResult(
            future_value=future_value,
            total_interest=future_value - principal - deposits,
            total_deposits=deposits,
            effective_annual_rate=effective,
            by_year=tuple(rows),
        )
