"""Bracketed root finding for internal rates of return.

The rate is found on floats with Brent's method (R. P. Brent, *Algorithms for
Minimization without Derivatives*, 1973, ch. 4), which never leaves its
bracket and falls back to bisection, so it cannot diverge; a hard iteration
cap bounds the work. The float root is then polished with one secant step in
34-digit Decimal arithmetic when a Decimal version of the function is given.

Periodic rates from -99 % to 10,000 % are searched. Among several roots the one
nearest zero is returned, as ``numpy_financial.irr`` does. When none lies in that
range but the present-value function still changes sign beyond the top of it
(its value at 10,000 % and its limit as the rate grows without bound differ in
sign, so by the intermediate value theorem a root lies above), the answer is
RateAboveRangeError ("higher than 10,000 % per period"), not "no rate".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import NoReturn

from literacy.finance.money import NoRateError, RateAboveRangeError, finance_context

__all__ = [
    "MAX_ITERATIONS",
    "MAX_PERIODIC_RATE",
    "RATE_HIGH",
    "RATE_LOW",
    "brent",
    "find_rate",
    "periodic_irr",
]

RATE_LOW = -0.99
RATE_HIGH = 100.0
# the top of the searched range as a Decimal fraction per period (10,000 %)
MAX_PERIODIC_RATE = Decimal(repr(RATE_HIGH))
MAX_ITERATIONS = 200

# Sample points searched outward from zero when the sign of f(0) does not
# settle which side the root nearest zero is on (non-conventional streams).
_POSITIVE_GRID = (
    0.0005,
    0.001,
    0.002,
    0.005,
    0.01,
    0.02,
    0.05,
    0.1,
    0.2,
    0.5,
    1.0,
    2.0,
    5.0,
    10.0,
    20.0,
    50.0,
    RATE_HIGH,
)
_NEGATIVE_GRID = (
    -0.0005,
    -0.001,
    -0.002,
    -0.005,
    -0.01,
    -0.02,
    -0.05,
    -0.1,
    -0.2,
    -0.4,
    -0.6,
    -0.8,
    -0.9,
    -0.95,
    RATE_LOW,
)


def brent(
    f: Callable[[float], float],
    a: float,
    b: float,
    *,
    fa: float | None = None,
    fb: float | None = None,
    xtol: float = 1e-16,
    max_iter: int = MAX_ITERATIONS,
) -> float:
    """Find x in [a, b] with f(x) = 0, given f(a) and f(b) of opposite signs.

    Brent's method (Brent 1973, ch. 4; the classic ``zeroin``): inverse
    quadratic interpolation or secant steps, bisection when they misbehave.
    Raises NoRateError if there is no sign change or the cap is hit.
    """
    fa = f(a) if fa is None else fa
    fb = f(b) if fb is None else fb
    if fa == 0.0:
        return a
    if fb == 0.0:
        return b
    if (fa > 0) == (fb > 0) or math.isnan(fa) or math.isnan(fb):
        raise NoRateError("no sign change in the bracket")
    c, fc = a, fa
    d = e = b - a
    for _ in range(max_iter):
        if (fb > 0) == (fc > 0):
            c, fc = a, fa
            d = e = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol = 2.0 * 2.2e-16 * abs(b) + 0.5 * xtol
        m = 0.5 * (c - b)
        if abs(m) <= tol or fb == 0.0:
            return b
        if abs(e) >= tol and abs(fa) > abs(fb):
            s = fb / fa
            if a == c:
                p = 2.0 * m * s
                q = 1.0 - s
            else:
                q_ = fa / fc
                r = fb / fc
                p = s * (2.0 * m * q_ * (q_ - r) - (b - a) * (r - 1.0))
                q = (q_ - 1.0) * (r - 1.0) * (s - 1.0)
            if p > 0:
                q = -q
            else:
                p = -p
            if 2.0 * p < min(3.0 * m * q - abs(tol * q), abs(e * q)):
                e, d = d, p / q
            else:
                d = e = m
        else:
            d = e = m
        a, fa = b, fb
        b += d if abs(d) > tol else math.copysign(tol, m)
        fb = f(b)
        if math.isnan(fb):
            raise NoRateError("the cash-flow function is undefined inside the bracket")
    raise NoRateError("the rate did not converge within the iteration cap")


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def find_rate(
    f: Callable[[float], float],
    *,
    f_decimal: Callable[[Decimal], Decimal] | None = None,
    conventional: bool = False,
    low: float = RATE_LOW,
    high: float = RATE_HIGH,
    limit_at_infinity: float | None = None,
) -> Decimal:
    """The root of a present-value function f(rate) nearest zero, in [low, high].

    ``conventional`` (one sign change in the time-ordered cash flows) means, by
    Descartes' rule of signs, that at most one rate exists, so the sign of
    f(0) decides the bracket [low, 0] or [0, high] at once. Otherwise the
    grid is scanned outward from zero on both sides. ``f_decimal``, the same
    function in Decimal, is used for a final secant polish.
    ``limit_at_infinity`` is lim f(rate) as rate → ∞ (the undiscounted flows at
    time 0); when no root is found and f(high) has the other sign, the root
    lies above ``high`` and RateAboveRangeError is raised.
    """
    f0 = f(0.0)
    if f0 == 0.0:
        root = 0.0
    elif conventional:
        f_high = f(high)
        f_low = f(low)
        if _sign(f_high) != _sign(f0):
            root = brent(f, 0.0, high, fa=f0, fb=f_high)
        elif _sign(f_low) != _sign(f0):
            root = brent(f, low, 0.0, fa=f_low, fb=f0)
        else:
            _raise_no_rate(f_high, limit_at_infinity, high)
    else:
        candidates: list[float] = []
        for grid in (_POSITIVE_GRID, _NEGATIVE_GRID):
            prev_x, prev_f = 0.0, f0
            for x in grid:
                if (x > 0 and x > high) or (x < 0 and x < low):
                    break
                fx = f(x)
                if math.isnan(fx):
                    break
                if fx == 0.0 or _sign(fx) != _sign(prev_f):
                    lo, hi = (prev_x, x) if prev_x < x else (x, prev_x)
                    flo, fhi = (prev_f, fx) if prev_x < x else (fx, prev_f)
                    candidates.append(brent(f, lo, hi, fa=flo, fb=fhi))
                    break
                prev_x, prev_f = x, fx
        if not candidates:
            _raise_no_rate(f(high), limit_at_infinity, high)
        root = min(candidates, key=abs)
    result = Decimal(repr(root))
    if f_decimal is not None and root != 0.0:
        result = _polish(f_decimal, result)
    return result


def _raise_no_rate(f_high: float, limit_at_infinity: float | None, high: float) -> NoReturn:
    """Raise the honest error: above the range when a sign change lies beyond it."""
    if (
        limit_at_infinity is not None
        and not math.isnan(f_high)
        and _sign(limit_at_infinity) != 0
        and _sign(f_high) == -_sign(limit_at_infinity)
    ):
        raise RateAboveRangeError(limit=Decimal(repr(high)))
    raise NoRateError("no rate between -99 % and 10,000 % per period")


def _polish(g: Callable[[Decimal], Decimal], x0: Decimal) -> Decimal:
    """One secant step in Decimal from the float root (error ~1e-16 -> ~1e-30)."""
    with finance_context():
        h = abs(x0) * Decimal("1e-9") + Decimal("1e-12")
        g0 = g(x0)
        if g0 == 0:
            return x0
        g1 = g(x0 + h)
        if g1 == g0:
            return x0
        x1 = x0 - g0 * h / (g1 - g0)
        # keep the float root if the step would leave its neighbourhood
        return x1 if abs(x1 - x0) < Decimal("1e-9") * (1 + abs(x0)) else x0


def _sign_changes(values: Sequence[float]) -> int:
    signs = [v > 0 for v in values if v != 0]
    return sum(1 for s, t in zip(signs, signs[1:], strict=False) if s != t)


def periodic_irr(flows: Sequence[Decimal | int | float], *, polish: bool = True) -> Decimal:
    """Internal rate of return per period of flows at t = 0, 1, 2, ...

    Solves sum_t c_t (1 + i)^-t = 0 (the IRR definition used by
    ``numpy_financial.irr``), returning the root nearest zero in
    [-99 %, 10,000 %]. Evaluated with Horner's scheme in v = 1/(1+i) for
    i >= 0 and, multiplied through by (1+i)^T, in (1+i) for i < 0, so no power
    overflows. Raises RateAboveRangeError when the rate lies above 10,000 %
    and NoRateError when no rate exists.
    """
    values = [float(c) for c in flows]
    if len(values) < 2 or _sign_changes(values) == 0:
        raise NoRateError("a rate needs money flowing both ways")
    forward = values
    backward = values[::-1]

    def f(i: float) -> float:
        if i >= 0.0:
            v = 1.0 / (1.0 + i)
            acc = 0.0
            for c in backward:
                acc = acc * v + c
            return acc
        g = 1.0 + i
        acc = 0.0
        for c in forward:
            acc = acc * g + c
        return acc

    f_decimal = None
    if polish:
        dec_flows = [c if isinstance(c, Decimal) else Decimal(repr(c)) for c in flows]

        def f_decimal(i: Decimal) -> Decimal:
            v = 1 / (1 + i)
            acc = Decimal(0)
            for c in reversed(dec_flows):
                acc = acc * v + c
            return acc

    return find_rate(
        f,
        f_decimal=f_decimal,
        conventional=_sign_changes(values) == 1,
        limit_at_infinity=values[0],
    )
