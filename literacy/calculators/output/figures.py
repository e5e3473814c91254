"""How a calculator's figures leave it: money to the cent, rates as percents.

Money is a string with 2 decimals, rounded half-up once from the unrounded
figure, for the API and the pages alike. Rates differ by audience, each
rounded once from the exact Decimal: the API writes percent strings with 4
decimals (DESIGN.md, "JSON API (v1)"); a page gets the exact percent and its
``percent`` filter rounds it to 2 decimals (rounding the API's 4-decimal text
again would show an exact 12.99499 % as 13.00 %).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Context, Decimal
from typing import Any

from literacy.finance.money import CENT, MONEY_ROUNDING, PRECISION, round_rate_percent

# Half-up to the cent (the rule of ``round_money``), in a context built once.
_MONEY_CONTEXT = Context(prec=PRECISION, rounding=MONEY_ROUNDING)
HUNDRED = Decimal(100)


def money(value: Decimal | None) -> str | None:
    """Half-up to the cent (the rule of ``round_money``), as text; "-0.00" reads "0.00".

    Inlined rather than calling round_money, with a prebuilt context: a
    600-row schedule formats 2,400 figures, and this was most of an API
    answer's time.
    """
    if value is None:
        return None
    cents = value.quantize(CENT, context=_MONEY_CONTEXT)
    return str(cents) if cents else "0.00"


def money_column(values: Iterable[Decimal]) -> list[str]:
    """``money`` of each value; a value repeated as the same object (the level
    payment, a flat fee, the equal principal part) is rounded once."""
    texts: list[str] = []
    last: Decimal | None = None
    text = ""
    for value in values:
        if value is not last:
            text = money(value) or ""
            last = value
        texts.append(text)
    return texts


def api_rate(fraction: Decimal | None) -> str | None:
    """A fraction as the API's percent text, 4 decimals half-up (``round_rate_percent``)."""
    return None if fraction is None else f"{round_rate_percent(fraction):f}"


def exact_rate(fraction: Decimal | None) -> Decimal | None:
    """A fraction as an exact percent, for a page to round once where it shows it."""
    return None if fraction is None else fraction * HUNDRED


@dataclass(frozen=True)
class Figures:
    """The audience a presenter writes for: ``rate`` turns a fraction into its percent."""

    rate: Any
    for_api: bool

    def money(self, value: Decimal | None) -> str | None:
        return money(value)


API = Figures(rate=api_rate, for_api=True)
PAGE = Figures(rate=exact_rate, for_api=False)
