"""Rounding rules and domain errors shared by every calculator.

Money shown or stored is rounded once, half-up to the cent (the rule cashiers
and Chinese bank statements use, 四舍五入). Rates are shown as percents with
four decimals, also half-up (DESIGN.md, "JSON API (v1)").
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "CENT",
    "MONEY_ROUNDING",
    "PRECISION",
    "RATE_PLACES",
    "FinanceError",
    "NoRateError",
    "RateAboveRangeError",
    "as_decimal",
    "finance_context",
    "round_money",
    "round_rate_percent",
]

CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")
MONEY_ROUNDING = ROUND_HALF_UP
PRECISION = 34


@contextmanager
def finance_context() -> Iterator[decimal.Context]:
    """A local Decimal context with 34 significant digits (IEEE decimal128).

    34 digits keep a 600-month schedule of a 10^9 principal exact far below a
    cent; the rounding rule inside calculations is ROUND_HALF_EVEN (the
    arithmetic default), money is rounded half-up only for presentation.
    """
    with decimal.localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.rounding = decimal.ROUND_HALF_EVEN
        yield ctx


def as_decimal(value: Decimal | int | str) -> Decimal:
    """Convert an int, str or Decimal to Decimal; floats are refused.

    Floats carry binary representation error (0.1 != 1/10), so money never
    enters as a float.
    """
    if isinstance(value, (bool, float)):
        raise TypeError("money and rates must be Decimal, int or str, not float/bool")
    return value if isinstance(value, Decimal) else Decimal(value)


def round_money(x: Decimal) -> Decimal:
    """Round an amount to the cent, ROUND_HALF_UP (0.005 -> 0.01)."""
    return as_decimal(x).quantize(CENT, rounding=MONEY_ROUNDING)


def round_rate_percent(fraction: Decimal) -> Decimal:
    """Turn a rate fraction into a percent with 4 decimals, ROUND_HALF_UP.

    Decimal("0.130342") -> Decimal("13.0342"), the API's rate format.
    """
    with finance_context():
        return (as_decimal(fraction) * 100).quantize(RATE_PLACES, rounding=MONEY_ROUNDING)


class FinanceError(ValueError):
    """A domain error with a machine ``code`` that other apps translate.

    Codes in use: "no_rate", "rate_above_range", "never_pays_off",
    "payment_before_advance", "invalid_input".
    """

    code: str = "invalid_input"

    def __init__(self, message: str = "", *, code: str | None = None, field: str | None = None):
        super().__init__(message or (code or self.code))
        if code is not None:
            self.code = code
        self.field = field


class NoRateError(FinanceError):
    """No periodic rate in the solver's range makes the cash flows balance."""

    code = "no_rate"


class RateAboveRangeError(NoRateError):
    """The rate exists but is higher than the solver searches.

    Saying "no rate matches" would be false: the cash flows do balance at some
    rate above ``limit`` (a fraction per ``unit_period``; Decimal("100") is
    10,000 %), so the learner is told "higher than ``limit`` a ``unit_period``".
    ``unit_period`` is filled in by the caller that knows it (None otherwise).
    """

    code = "rate_above_range"

    def __init__(self, message: str = "", *, limit: Decimal, unit_period: str | None = None):
        super().__init__(message or f"the rate is higher than {limit * 100} % per period")
        self.limit = limit
        self.unit_period = unit_period
