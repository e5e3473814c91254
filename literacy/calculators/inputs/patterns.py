"""Exact regular expressions for bounded decimal numbers, for the API's strict contract.

``number_pattern(low, high, places, above_low)`` matches exactly the plain decimal
texts (ASCII digits, no sign, no leading zeros, at most ``places`` decimals) whose
value lies in the bounds, so the OpenAPI document can promise in a ``pattern``
what the server accepts, and the server (in strict mode) accepts what it promises.
Every pattern is an alternation of fixed-width pieces: matching is linear.
"""

from __future__ import annotations

from decimal import Decimal


def _int_range(low: int, high: int) -> list[str]:
    """Alternatives matching the integers low..high written without leading zeros."""
    if low > high:
        return []
    low_text, high_text = str(low), str(high)
    if len(low_text) < len(high_text):
        split = 10 ** len(low_text) - 1
        return _int_range(low, split) + _int_range(split + 1, high)
    if low_text == high_text:
        return [low_text]
    # same length: share the common prefix, then split on the first differing digit
    prefix = 0
    while low_text[prefix] == high_text[prefix]:
        prefix += 1
    head, rest = low_text[:prefix], len(low_text) - prefix - 1
    a, b = int(low_text[prefix]), int(high_text[prefix])
    tail_low, tail_high = low_text[prefix + 1 :], high_text[prefix + 1 :]
    if rest == 0:
        return [f"{head}[{a}-{b}]"]
    pieces: list[str] = []
    if tail_low == "0" * rest and tail_high == "9" * rest:
        return [f"{head}[{a}-{b}][0-9]{{{rest}}}"]
    pieces += [f"{head}{a}{p}" for p in _suffix_at_least(tail_low)]
    if b - a > 1:
        pieces.append(f"{head}[{a + 1}-{b - 1}][0-9]{{{rest}}}")
    pieces += [f"{head}{b}{p}" for p in _suffix_at_most(tail_high)]
    return pieces


def _suffix_at_least(digits: str) -> list[str]:
    """Fixed-width digit strings >= ``digits`` (same width, leading zeros allowed)."""
    if not digits:
        return [""]
    first, rest = int(digits[0]), digits[1:]
    pieces = [f"{first}{p}" for p in _suffix_at_least(rest)]
    if first < 9:
        pieces.append(f"[{first + 1}-9][0-9]{{{len(rest)}}}" if rest else f"[{first + 1}-9]")
    return pieces


def _suffix_at_most(digits: str) -> list[str]:
    """Fixed-width digit strings <= ``digits`` (same width, leading zeros allowed)."""
    if not digits:
        return [""]
    first, rest = int(digits[0]), digits[1:]
    pieces = []
    if first > 0:
        pieces.append(f"[0-{first - 1}][0-9]{{{len(rest)}}}" if rest else f"[0-{first - 1}]")
    pieces += [f"{first}{p}" for p in _suffix_at_most(rest)]
    return pieces


def number_pattern(low: Decimal, high: Decimal, places: int, *, above_low: bool) -> str:
    """The exact pattern of the bounds (integral ``low`` and ``high``, ``low`` ≥ 0)."""
    low_int, high_int = int(low), int(high)
    fraction = f"(\\.[0-9]{{1,{places}}})?" if places else ""
    zeros = f"(\\.0{{1,{places}}})?" if places else ""
    alternatives: list[str] = []
    # any fraction below the top integer; the top integer only with a zero fraction
    first = low_int + 1 if above_low else low_int
    alternatives += [f"{p}{fraction}" for p in _int_range(first, high_int - 1)]
    if above_low and places:  # low itself plus a non-zero fraction
        nonzero = "|".join(f"0{{{k}}}[1-9][0-9]{{0,{places - 1 - k}}}" for k in range(places))
        alternatives.append(f"{low_int}\\.({nonzero})")
    if high_int > low_int or not above_low:
        alternatives.append(f"{high_int}{zeros}")
    return ("^(" + "|".join(alternatives) + ")$").replace("[0-9]{1}", "[0-9]")
