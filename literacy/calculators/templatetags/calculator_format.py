"""Show figures ("12864.00", an exact percent) the way people read them, and wrap tables."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()
SCROLL_TABLE = "_scroll_table.html"


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


def money_words(amount: Decimal) -> str:
    """An input amount in a sentence: 12000 -> "¥12,000", 12000.50 -> "¥12,000.50"."""
    return yuan(str(amount)).removesuffix(".00")


@register.filter
def percent(value: Decimal | str | None) -> str:
    """13.03419… -> "13.03 %" in English, "13.03%" in Chinese: two decimals for reading,
    rounded half-up once from the exact percent a page is given."""
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


@register.simple_tag
def registered_calculators() -> tuple:
    """Every calculator, in order, for the lists on the index and home pages."""
    from literacy.calculators.registry import calculators

    return calculators()


class ScrollTableNode(template.Node):
    def __init__(self, label: Any, nodelist: template.NodeList, *, wide: bool) -> None:
        self.label, self.nodelist, self.wide = label, nodelist, wide

    def render(self, context: template.Context) -> str:
        wrapper = context.template.engine.get_template(SCROLL_TABLE)
        # the block was rendered by the template engine, which escaped every variable in it
        table = mark_safe(self.nodelist.render(context))  # noqa: S308  # nosec B308 B703
        with context.push(label=self.label.resolve(context), table=table, wide=self.wide):
            return wrapper.render(context)


@register.tag
def scroll_table(parser: Any, token: Any) -> ScrollTableNode:
    """``{% scroll_table label [wide] %}<table>…</table>{% endscroll_table %}``: the table
    in the site's one scrolling region (``_scroll_table.html``, also used by lessons);
    ``wide`` adds the "scroll sideways" cue shown on narrow screens."""
    bits = token.split_contents()
    if len(bits) not in (2, 3) or bits[2:] not in ([], ["wide"]):
        raise template.TemplateSyntaxError("usage: {% scroll_table label [wide] %}")
    nodelist = parser.parse(("endscroll_table",))
    parser.delete_first_token()
    return ScrollTableNode(parser.compile_filter(bits[1]), nodelist, wide=len(bits) == 3)
