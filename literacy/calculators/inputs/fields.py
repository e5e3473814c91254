"""Strict number, choice and yes/no fields shared by the calculator forms.

People type numbers in many ways; these fields accept the honest ones and
refuse the rest with a message in the active language:

* ASCII or full-width digits and punctuation ("１２，０００" is NFKC-normalised
  to "12,000"), thousands separators as commas or spaces ("12,000", "12 000"),
  a trailing "%" on percent fields;
* never exponents ("1e5", "1e999"), NaN, infinity, words or markup;
* always parsed into Decimal, never float.

Each field knows its bounds, which the OpenAPI document reads too.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from literacy.calculators.inputs.patterns import number_pattern

__all__ = [
    "AmountField",
    "ChoiceWithDefaultField",
    "CountField",
    "DayField",
    "PercentField",
    "YesNoField",
]

# Digits grouped by 3 with "," or " " (after NFKC), or plain digits; optional fraction.
# Possessive quantifiers and an atomic group: no input makes it backtrack, and it
# only ever sees at most _MAX_LENGTH characters.
_NUMBER = re.compile(r"^[+-]?+(?>\d{1,3}(?:[, ]\d{3})++|\d++)?(?:\.\d++)?$")
# the API's plain form: no sign, grouping or leading zeros (its schema's pattern says so)
_PLAIN_NUMBER = re.compile(r"^(?:0|[1-9][0-9]*+)(?:\.[0-9]++)?$")
_MAX_LENGTH = 40  # longer than any number a calculator accepts: refuse, do not parse
# the raw text is capped before NFKC too, which may lengthen it (but never tenfold)
_MAX_RAW_LENGTH = 4 * _MAX_LENGTH


class JsonNumber(str):
    """A number in a JSON body, kept as the text that was sent (never a float)."""


class StrictInput:
    """A field that, in the API's strict mode, accepts exactly what the OpenAPI document
    promises (set per form instance by ``CalculatorForm(strict=True)``); people typing
    on a page get the lenient reading (grouping, full-width digits, "12%")."""

    strict = False


def format_limit(value: Decimal | int) -> str:
    """A bound as people read it: 1000000000 -> "1,000,000,000", 0.50 -> "0.5"."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():f}"


class NumberField(StrictInput, forms.Field):
    """A Decimal between ``min_value`` and ``max_value`` with at most ``places`` decimals."""

    widget = forms.TextInput
    default_error_messages = {
        "required": _("Enter a number."),
        "invalid": _("Enter a number such as 12000 or 12,000.50, without letters or symbols."),
        "places": _("Use at most %(places)s decimal places."),
        "min": _("Enter a number of at least %(limit)s."),
        "above": _("Enter a number greater than %(limit)s."),
        "max": _("Enter a number no greater than %(limit)s."),
    }
    allow_percent_sign = False

    def __init__(
        self,
        *,
        min_value: Decimal | int,
        max_value: Decimal | int,
        above_min: bool = False,
        places: int = 2,
        default: Decimal | None = None,
        **kwargs: Any,
    ) -> None:
        self.min_value, self.max_value = Decimal(min_value), Decimal(max_value)
        self.above_min, self.places, self.default = above_min, places, default
        kwargs.setdefault("required", default is None)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal" if self.places else "numeric", "autocomplete": "off"})
        return attrs

    def normalise(self, value: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = str(value)
        if len(text) > _MAX_RAW_LENGTH:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = unicodedata.normalize("NFKC", text).strip()
        if self.allow_percent_sign and text.endswith("%"):
            text = text[:-1].rstrip()
        if len(text) > _MAX_LENGTH or not _NUMBER.match(text) or not any(map(str.isdigit, text)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = text.replace(",", "").replace(" ", "")
        if "." in text:  # "12.50" has 1 meaningful decimal, "12.0" none
            text = text.rstrip("0").rstrip(".")
        return text

    def api_pattern(self) -> str:
        """The exact pattern of a value in bounds, as plain digits (see patterns.py)."""
        return number_pattern(self.min_value, self.max_value, self.places, above_low=self.above_min)

    def openapi_schema(self) -> dict[str, Any]:
        """What a client may send: plain digits, at most ``places`` decimals, in bounds
        (the pattern states the bounds exactly; the description says them in words)."""
        low = "greater than" if self.above_min else "at least"
        schema: dict[str, Any] = {
            "type": "string",
            "pattern": self.api_pattern(),
            "description": f"{low} {format_limit(self.min_value)}, "
            f"at most {format_limit(self.max_value)}",
        }
        if self.default is not None:
            schema["default"] = f"{self.default:f}"
        return schema

    def strict_number(self, value: Any) -> Decimal:
        """The API's reading: plain digits as text, or an integral JSON number; the bounds
        and decimal places are then checked as for a page, with the same messages."""
        text = value if isinstance(value, str) else ""
        number = None
        if len(text) <= _MAX_LENGTH and isinstance(value, JsonNumber):
            try:
                number = Decimal(text)
            except InvalidOperation:
                number = None
            if number is not None and not (
                number.is_finite() and number == number.to_integral_value()
            ):
                number = None
        elif len(text) <= _MAX_LENGTH and _PLAIN_NUMBER.fullmatch(text):
            whole, _dot, decimals = text.partition(".")
            if len(decimals) > self.places:
                raise ValidationError(
                    self.error_messages["places"], code="places", params={"places": self.places}
                )
            number = Decimal(text)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def to_python(self, value: Any) -> Decimal | None:
        if value is None or (value in self.empty_values and not self.strict):
            return self.default
        if self.strict:
            return self.strict_number(value)
        try:
            number = Decimal(self.normalise(value))
        except InvalidOperation:  # unreachable after the pattern, kept as the last guard
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if -int(number.as_tuple().exponent) > self.places:
            raise ValidationError(
                self.error_messages["places"], code="places", params={"places": self.places}
            )
        return number

    def validate(self, value: Decimal | None) -> None:
        super().validate(value)
        if value is None:
            return
        limit = {"limit": format_limit(self.min_value)}
        if self.above_min and value <= self.min_value:
            raise ValidationError(self.error_messages["above"], code="above", params=limit)
        if value < self.min_value:
            raise ValidationError(self.error_messages["min"], code="min", params=limit)
        if value > self.max_value:
            raise ValidationError(
                self.error_messages["max"],
                code="max",
                params={"limit": format_limit(self.max_value)},
            )


class AmountField(NumberField):
    """Money in yuan, to the cent; "¥2,100", "￥2,100" and "2,100元" are 2100."""

    def normalise(self, value: Any) -> str:
        if isinstance(value, str):
            text = unicodedata.normalize("NFKC", value).strip()  # "￥" becomes "¥"
            text = text.removeprefix("¥").removesuffix("元").strip()
            return super().normalise(text)
        return super().normalise(value)


class PercentField(NumberField):
    """A rate in percent ("0.6" or "0.6%" is 0.6 %); the form divides by 100."""

    allow_percent_sign = True

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("places", 4)
        super().__init__(**kwargs)


class CountField(NumberField):
    """A whole number (months, years, days)."""

    default_error_messages = {"places": _("Enter a whole number.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(places=0, **kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        number = super().to_python(value)
        return None if number is None else int(number)


class ChoiceWithDefaultField(StrictInput, forms.ChoiceField):
    """A choice that falls back to ``default`` when left out."""

    default_error_messages = {"invalid_choice": _("Choose one of: %(choices)s.")}

    def __init__(self, *, default: str, **kwargs: Any) -> None:
        self.default = default
        super().__init__(required=False, **kwargs)

    def validate(self, value: str) -> None:
        if value and not self.valid_value(value):
            keys = ", ".join(str(key) for key, _label in self.choices)
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"choices": keys},
            )

    def clean(self, value: Any) -> str:
        if self.strict and value is not None and not self.valid_value(value):
            keys = ", ".join(str(key) for key, _label in self.choices)
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"choices": keys},
            )
        value = super().clean(value)
        return value or self.default

    def openapi_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": [k for k, _v in self.choices], "default": self.default}


_TRUE = {"true", "1", "on", "yes"}
_FALSE = {"false", "0", "off", "no", ""}


class _RawCheckbox(forms.CheckboxInput):
    """A checkbox that hands the raw submitted text to the field, so "abc" is an error."""

    def __init__(self) -> None:
        super().__init__(check_test=lambda v: v is True or str(v).lower() in _TRUE)

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)


class YesNoField(StrictInput, forms.Field):
    """true/false (also 1/0, on/off, yes/no); absent means false."""

    widget = _RawCheckbox
    default_error_messages = {"invalid": _("Enter true or false.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def openapi_schema(self) -> dict[str, Any]:
        return {"type": "boolean", "default": False}

    def to_python(self, value: Any) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        if self.strict and value not in ("true", "false"):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = str(value)
        if len(text) > _MAX_LENGTH:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = unicodedata.normalize("NFKC", text).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class DayField(StrictInput, forms.Field):
    """A calendar date typed as YYYY-MM-DD (also "/" or "." between), 1900-2200."""

    widget = forms.TextInput
    default_error_messages = {
        "required": _("Enter a date."),
        "invalid": _("Enter a date as YYYY-MM-DD between 1900 and 2200."),
    }

    def widget_attrs(self, widget: forms.Widget) -> dict[str, str]:
        attrs = super().widget_attrs(widget)
        attrs.update({"placeholder": "YYYY-MM-DD", "autocomplete": "off", "maxlength": "10"})
        return attrs

    def openapi_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}

    def to_python(self, value: Any) -> datetime.date | None:
        if value is None or (value in self.empty_values and not self.strict):
            return None
        text = str(value)
        strict_mismatch = self.strict and not (
            isinstance(value, str) and len(text) <= _MAX_LENGTH and re.fullmatch(DATE_PATTERN, text)
        )
        if len(text) > _MAX_LENGTH or strict_mismatch:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        parts = date_parts(unicodedata.normalize("NFKC", text).strip())
        try:
            if parts is None:
                raise ValueError
            day = datetime.date(*parts)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not 1900 <= day.year <= 2200:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return day


DATE_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of "2026-01-15" (also "/" or "." between), else None."""
    for separator in "-/.":
        parts = text.split(separator)
        if len(parts) == 3:
            break
    else:
        return None
    year, month, day = parts
    if not (len(year) == 4 and 1 <= len(month) <= 2 and 1 <= len(day) <= 2):
        return None
    if not all(part.isascii() and part.isdigit() for part in parts):
        return None
    return int(year), int(month), int(day)
