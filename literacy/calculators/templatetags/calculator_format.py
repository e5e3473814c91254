"""Show API figures ("12864.00", "13.0342") the way people read them."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext

register = template.Library()


@register.filter
def yuan(value: str | None) -> str:
    """ "12864.00" -> "¥12,864.00"; negative amounts keep their sign before the symbol."""
    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"


@register.filter
def percent(value: str | None) -> str:
    """ "13.0342" -> "13.03 %" in English, "13.03%" in Chinese (two decimals for reading)."""
    if value in (None, ""):
        return ""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return str(value)
    gap = "" if (get_language() or "").startswith("zh") else " "
    shown = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{shown:,}{gap}%"


@register.filter
def about(title: str, summary: str) -> str:
    """ "Repayment schedule" + "¥12,000 over 12 months" -> a landmark name of its own."""
    if not summary:
        return title
    return format_html(gettext("{title}, {summary}"), title=title, summary=summary)
