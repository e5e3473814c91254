"""The register of facts: dated figures and rules that lessons and calculators share.

One file beside the lessons, ``lessons/facts.yaml``, a mapping of keys to entries::

    lpr_1y:
      label: {en: One-year Loan Prime Rate (LPR), zh-hans: 一年期贷款市场报价利率（LPR）}
      value: "3.0"            # text, so that "3.0" keeps its decimal place
      unit: percent           # percent, yuan, years, days or text
      as_of: 2025-05-20       # optional: when the figure took effect
      source: National Interbank Funding Center announcement
      url: https://www.chinamoney.com.cn/
      checked: 2026-11-29     # when an educator last checked it against the source

A derived fact has ``of: <key>`` and ``times: <number>`` instead of ``value``
(the private-lending cap is 4 × the one-year LPR), so it follows its base.

Lessons cite a fact as ``{{fact:lpr_1y}}`` (its value in the lesson's language),
``{{fact:lpr_1y|as_of}}`` or ``{{fact:lpr_1y|checked}}`` (dates). The pipeline
swaps each reference for an opaque letters-and-digits token before markdown
runs, and puts the value back only after sanitising, HTML-escaped (quotes too):
a value is always text, never markup, wherever the author put the reference.
"""

from __future__ import annotations

import datetime
import html
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.utils import formats, translation
from django.utils.translation import gettext as _

from literacy.learning.content.front_matter import AuthoringError

FACTS_FILE = "facts.yaml"
UNITS = ("percent", "yuan", "years", "days", "text")
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Bounded classes, no nested repetition: linear on any input.
REFERENCE_RE = re.compile(r"\{\{fact:([a-z0-9_]{1,40})(?:\|(as_of|checked))?\}\}")
OPENING = "{{fact:"
MAX_FACTS = 500
MAX_FILE_CHARS = 200_000
ENTRY_FIELDS = {"label", "value", "unit", "as_of", "source", "url", "checked", "of", "times"}


@dataclass(frozen=True)
class FactEntry:
    """One fact as the register file and the ``Fact`` model both describe it."""

    key: str
    label_en: str
    label_zh: str
    unit: str
    source: str
    url: str
    checked: datetime.date
    value: str = ""
    as_of: datetime.date | None = None
    of: str = ""  # the base fact of a derived fact
    times: Decimal | None = None

    def label(self, language: str) -> str:
        return self.label_zh if language.startswith("zh") else self.label_en


@dataclass
class Register:
    """Facts by key, with derived values resolved."""

    entries: dict[str, FactEntry] = field(default_factory=dict)

    def value(self, key: str) -> str:
        entry = self.entries[key]
        if not entry.of:
            return entry.value
        return str(Decimal(self.value(entry.of)) * entry.times)

    def bases(self, key: str) -> list[str]:
        """``key`` and the facts it is derived from."""
        entry = self.entries[key]
        return [key, *self.bases(entry.of)] if entry.of else [key]

    def as_of(self, key: str) -> datetime.date | None:
        entry = self.entries[key]
        return entry.as_of or (self.as_of(entry.of) if entry.of else None)


def format_value(value: str, unit: str, language: str) -> str:
    """A value as a lesson prints it: "3.0%" in Chinese, "3.0 %" in English."""
    chinese = language.startswith("zh")
    if unit == "percent":
        return f"{value}%" if chinese else f"{value} %"
    if unit == "yuan":
        return f"{value} 元" if chinese else f"CNY {value}"
    if unit == "years":
        return f"{value} 年" if chinese else f"{value} {'year' if value == '1' else 'years'}"
    if unit == "days":
        return f"{value} 天" if chinese else f"{value} {'day' if value == '1' else 'days'}"
    return value


def format_date(day: datetime.date | None, language: str) -> str:
    """As the lessons write dates: "2025年5月20日", "20 May 2025"."""
    if day is None:
        return ""
    if language.startswith("zh"):
        return f"{day.year}年{day.month}月{day.day}日"
    with translation.override(language):
        return formats.date_format(day, "j F Y")


def reference_text(register: Register, key: str, part: str | None, language: str) -> str:
    """What ``{{fact:key|part}}`` reads as, as plain text."""
    if part == "as_of":
        return format_date(register.as_of(key), language)
    if part == "checked":
        return format_date(register.entries[key].checked, language)
    return format_value(register.value(key), register.entries[key].unit, language)


# ---------------------------------------------------------------- in lesson text


@dataclass
class FactReferences:
    """The references cut out of a lesson body: token → text, and the keys used."""

    texts: dict[str, str] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)

    def to_html(self, fragment: str) -> str:
        for token, text in self.texts.items():
            fragment = fragment.replace(token, html.escape(text, quote=True))
        return fragment

    def to_text(self, text: str) -> str:
        for token, value in self.texts.items():
            text = text.replace(token, value)
        return text


def cut_references(
    body: str, first_line: int, register: Register | None, language: str
) -> tuple[str, FactReferences, list[AuthoringError]]:
    """Replace each ``{{fact:…}}`` with an opaque token; unknown keys are errors.

    ``register`` may be None when the body cites no fact (no database needed).
    """
    found = FactReferences()
    errors: list[AuthoringError] = []
    nonce = secrets.token_hex(6)
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if OPENING not in line:
            continue

        def swap(match: re.Match, line_number: int = first_line + index) -> str:
            key, part = match[1], match[2]
            if register is None or key not in register.entries:
                errors.append(
                    AuthoringError(
                        line_number,
                        _("Unknown fact '%(key)s': the studio's facts page lists every key.")
                        % {"key": key},
                    )
                )
                return match[0]
            token = f"Fact{nonce}N{len(found.texts)}X"
            found.texts[token] = reference_text(register, key, part, language)
            found.keys.update(register.bases(key))
            return token

        swapped = REFERENCE_RE.sub(swap, line)
        if OPENING in REFERENCE_RE.sub("", swapped):  # unknown keys were reported above
            errors.append(
                AuthoringError(
                    first_line + index,
                    _("Write a fact as {{fact:key}}, {{fact:key|as_of}} or {{fact:key|checked}}."),
                )
            )
        lines[index] = swapped
    return "\n".join(lines), found, errors


def expand_text(text: str, register: Register, language: str) -> str:
    """A lesson file with every reference replaced by its plain text (tests, exports)."""
    return REFERENCE_RE.sub(
        lambda match: reference_text(register, match[1], match[2], language), text
    )


# ---------------------------------------------------------------- the file


class RegisterFileError(ValueError):
    """The register file has errors; ``errors`` are "line: message" strings."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def parse_register(text: str) -> Register:
    """The register file's text → a ``Register``; every problem raises, with its line."""
    if len(text) > MAX_FILE_CHARS:
        raise RegisterFileError([f"1: longer than {MAX_FILE_CHARS} characters"])
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise RegisterFileError([f"{(mark.line + 1) if mark else 1}: not valid YAML"]) from None
    if data is None:
        return Register()
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise RegisterFileError(["1: the register is a list of 'key:' entries"])
    if len(data) > MAX_FACTS:
        raise RegisterFileError([f"1: more than {MAX_FACTS} facts"])
    lines = {key.value: key.start_mark.line + 1 for key, _value in node.value}
    errors: list[str] = []
    register = Register()
    for key, raw in data.items():
        line = lines.get(str(key), 1)
        try:
            register.entries[str(key)] = _entry(str(key), raw)
        except ValueError as problem:
            errors.append(f"{line}: {key}: {problem}")
    for key, entry in register.entries.items():
        base = data.get(entry.of)  # a base with errors of its own is reported once
        if entry.of and (not isinstance(base, dict) or {"of", "times"} & set(base)):
            errors.append(f"{lines[key]}: {key}: 'of' must name a fact that has a value")
    if errors:
        raise RegisterFileError(errors)
    return register


def _entry(key: str, raw: Any) -> FactEntry:
    if not KEY_RE.match(key):
        raise ValueError("a key is lowercase letters, digits and '_', starting with a letter")
    if not isinstance(raw, dict):
        raise ValueError("an entry is a list of 'field: value' lines")
    unknown = set(raw) - ENTRY_FIELDS
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    label = raw.get("label")
    if not isinstance(label, dict) or not all(isinstance(label.get(c), str) for c in LABELS):
        raise ValueError("'label' needs 'en' and 'zh-hans' texts")
    if raw.get("unit") not in UNITS:
        raise ValueError(f"'unit' is one of {', '.join(UNITS)}")
    for name in ("source", "url"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise ValueError(f"'{name}' is needed")
    if not raw["url"].startswith("https://"):
        raise ValueError("'url' must start with https://")
    checked, as_of = raw.get("checked"), raw.get("as_of")
    if not isinstance(checked, datetime.date):
        raise ValueError("'checked' is a date like 2026-11-29")
    if as_of is not None and not isinstance(as_of, datetime.date):
        raise ValueError("'as_of' is a date like 2025-05-20")
    common = {
        "key": key,
        "label_en": label["en"].strip(),
        "label_zh": label["zh-hans"].strip(),
        "unit": raw["unit"],
        "source": raw["source"].strip(),
        "url": raw["url"].strip(),
        "checked": checked,
        "as_of": as_of,
    }
    if "of" in raw or "times" in raw:
        times = plain_number(_number(raw.get("times")))
        return FactEntry(**common, of=str(raw.get("of", "")), times=times)
    value = raw.get("value")
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        raise ValueError("'value' is text of at most 100 characters, quoted: \"3.0\"")
    if raw["unit"] != "text":
        _number(value)
    return FactEntry(**common, value=value.strip())


LABELS = ("en", "zh-hans")


def plain_number(number: Decimal) -> Decimal:
    """Without trailing zeros or an exponent: 4.0000 → 4, 10.00 → 10."""
    return Decimal(format(number.normalize(), "f"))


def _number(value: Any) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a number")
    return number


def read_register(path: Path) -> Register:
    return parse_register(path.read_text(encoding="utf-8")) if path.is_file() else Register()


def dump_register(entries: Mapping[str, FactEntry]) -> str:
    """The register file's text for ``entries`` (what ``export_lessons`` writes)."""
    data: dict[str, dict[str, Any]] = {}
    for key in sorted(entries):
        entry = entries[key]
        item: dict[str, Any] = {"label": {"en": entry.label_en, "zh-hans": entry.label_zh}}
        if entry.of:
            item.update({"of": entry.of, "times": str(entry.times)})
        else:
            item["value"] = entry.value
        item["unit"] = entry.unit
        if entry.as_of:
            item["as_of"] = entry.as_of
        item.update({"source": entry.source, "url": entry.url, "checked": entry.checked})
        data[key] = item
    header = (
        "# The register of facts that lessons cite as {{fact:key}}; see\n"
        "# literacy/learning/content/fact_register.py for the format.\n"
    )
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
