"""Dated amounts typed as lines on a page or sent as a JSON list to the API.

The lines are read by a tokenizer, not a regular expression: the text is
capped first (MAX_TEXT characters, MAX_LINE a line), then each line is split
once at its first space (the date) and once at its last series marker
("x", "×" or "*"), so the work is linear in the length of what was sent.
"""

from __future__ import annotations

import copy
import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from literacy.calculators.inputs.base import MAX_MONEY
from literacy.calculators.inputs.fields import (
    DATE_PATTERN,
    AmountField,
    JsonNumber,
    StrictInput,
    date_parts,
)
from literacy.finance.rates.apr import INTERVALS, CashFlow, expand_series

SERIES_INTERVALS = [name for name in INTERVALS if name != "day"]
MAX_FLOWS = 1200  # dated amounts once series are expanded
# items (lines) per list: 300 of the longest items in two lists still fit the API's
# 64 KiB body, so a request the schema allows is never refused for its size
MAX_ITEMS = 300
MAX_LINE = 80  # "2026-02-15 1,000,000,000.00 x600 semimonth" is 42 characters
MAX_TEXT = 64 * 1024
SERIES_MARKERS = "x×*"


def _series_tail(text: str) -> tuple[str, str] | None:
    """("12", "month") of "12 month" or "12month": a count then an interval name."""
    text = text.strip()
    digits = len(text) - len(text.lstrip("0123456789"))
    count, interval = text[:digits], text[digits:].strip()
    if not count or not interval or not (interval.isascii() and interval.isalnum()):
        return None
    return count, interval


def parse_line(line: str) -> dict[str, str] | None:
    """One typed line as an API item, or None when it has no date and amount."""
    date, _space, rest = line.partition(" ")
    rest = rest.strip()
    if not rest:
        return None
    marker = max(rest.rfind(m) for m in SERIES_MARKERS)
    if marker > 0:
        tail = _series_tail(rest[marker + 1 :])
        amount = rest[:marker].strip()
        if tail and amount:
            count, interval = tail
            return {"first_date": date, "amount": amount, "count": count, "interval": interval}
    return {"date": date, "amount": rest}


def _whole(text: str) -> int | None:
    """A count sent as text or a JSON number: "12", "12.0" or "1.2e1" is 12."""
    if len(text) > 8:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number)


class CashFlowsField(StrictInput, forms.Field):
    """Dated amounts: text lines "2026-01-15 12000" (or "2026-02-15 1072 x12 month"
    for a series) from a page, or a JSON list of {"date", "amount"} and
    {"first_date", "amount", "count", "interval"} items from the API."""

    widget = forms.Textarea
    default_error_messages = {
        "required": _("Enter at least one dated amount."),
        "invalid": _("Enter one dated amount per line, such as 2026-01-15 12000."),
        "item": _("Line %(line)s: %(message)s"),
        "json_item": _("Item %(line)s: %(message)s"),
        "date": _("enter a date as YYYY-MM-DD between 1900 and 2200."),
        "interval": _("the interval must be one of %(intervals)s."),
        "count": _("the number of payments must be between 1 and 600."),
        "keys": _("give date and amount, or first_date, amount, count and interval."),
        "too_many": _("Enter at most %(max)s dated amounts."),
        "too_long": _("Enter at most %(max)s characters."),
    }

    def __init__(self, **kwargs: Any) -> None:
        self.amount = AmountField(min_value=0, above_min=True, max_value=MAX_MONEY)
        super().__init__(**kwargs)

    def __deepcopy__(self, memo: dict[int, Any]) -> CashFlowsField:
        result = super().__deepcopy__(memo)
        result.amount = copy.deepcopy(self.amount, memo)  # its strictness is per form
        return result

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        return {**super().widget_attrs(widget), "maxlength": str(MAX_TEXT)}

    def openapi_schema(self) -> dict[str, Any]:
        whole_yuan = {"type": "integer", "maximum": int(MAX_MONEY), "exclusiveMinimum": 0}
        amount = {"anyOf": [self.amount.openapi_schema(), whole_yuan]}
        date = {
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
        }

        def item(properties: dict[str, Any]) -> dict[str, Any]:
            return {
                "type": "object",
                "required": list(properties),
                "properties": properties,
                "additionalProperties": False,
            }

        series = {
            "first_date": date,
            "amount": amount,
            "count": {"type": "integer", "minimum": 1, "maximum": 600},
            "interval": {"type": "string", "enum": SERIES_INTERVALS},
        }
        return {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_ITEMS,
            "items": {"oneOf": [item({"date": date, "amount": amount}), item(series)]},
        }

    def _item_error(self, line: int, message: Any, *, from_json: bool) -> ValidationError:
        key = "json_item" if from_json else "item"
        return ValidationError(
            self.error_messages[key], code=key, params={"line": line, "message": message}
        )

    def _date(self, text: Any) -> datetime.date:
        if self.strict and not (
            isinstance(text, str) and len(text) <= 10 and re.fullmatch(DATE_PATTERN, text)
        ):
            raise ValidationError(self.error_messages["date"])
        parts = date_parts(unicodedata.normalize("NFKC", str(text)[:MAX_LINE]).strip())
        try:
            if parts is None:
                raise ValueError
            date = datetime.date(*parts)
        except ValueError:
            raise ValidationError(self.error_messages["date"]) from None
        if not 1900 <= date.year <= 2200:
            raise ValidationError(self.error_messages["date"])
        return date

    def _flows(self, item: dict[str, Any]) -> list[CashFlow]:
        amount = self.amount.clean(item.get("amount"))
        if set(item) == {"date", "amount"}:
            return [CashFlow(self._date(item["date"]), amount)]
        if set(item) != {"first_date", "amount", "count", "interval"}:
            raise ValidationError(self.error_messages["keys"])
        if not isinstance(item["interval"], str) or item["interval"] not in SERIES_INTERVALS:
            intervals = ", ".join(SERIES_INTERVALS)
            raise ValidationError(self.error_messages["interval"] % {"intervals": intervals})
        count = item["count"]
        if isinstance(count, JsonNumber) or (not self.strict and isinstance(count, str)):
            count = _whole(count)
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 600:
            raise ValidationError(self.error_messages["count"])
        return expand_series(self._date(item["first_date"]), amount, count, item["interval"])

    def _items(self, value: Any) -> list[Any]:
        if isinstance(value, list):
            return value
        if not isinstance(value, str) or self.strict:  # the API takes a JSON list
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        if len(value) > MAX_TEXT:
            raise ValidationError(self.error_messages["too_long"], params={"max": MAX_TEXT})
        items: list[Any] = []
        for raw in unicodedata.normalize("NFKC", value).splitlines():
            line = " ".join(raw.split())  # runs of spaces and tabs read as one space
            if line:
                items.append(parse_line(line) if len(line) <= MAX_LINE else None)
            if len(items) > MAX_ITEMS:
                break
        return items

    def to_python(self, value: Any) -> list[CashFlow]:
        if value in self.empty_values:
            return []
        json = isinstance(value, list)  # from the API, not lines typed on the page
        items = self._items(value)
        if len(items) > MAX_ITEMS:
            raise ValidationError(self.error_messages["too_many"], params={"max": MAX_ITEMS})
        flows: list[CashFlow] = []
        errors: list[ValidationError] = []
        for line, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                errors.append(
                    self._item_error(line, self.error_messages["invalid"], from_json=json)
                )
                continue
            try:
                flows.extend(self._flows(item))
            except ValidationError as error:
                errors.extend(
                    self._item_error(line, message, from_json=json) for message in error.messages
                )
        if errors:
            raise ValidationError(errors)
        return flows

    def prepare_value(self, value: Any) -> Any:
        return value if isinstance(value, str) or value is None else ""
