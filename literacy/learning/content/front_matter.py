"""A lesson or course file's front matter: YAML between '---' lines, validated key by key.

Every problem is an ``AuthoringError`` at its line in the source file.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any

import yaml
from django.utils.translation import gettext as _

# An alias (*name) repeats a whole node: nine nested aliases in 567 bytes made
# 500 MB. Authors never need them; a YAML number longer than this is a typo
# (Python refuses to convert ints of more than 4,300 digits at all).
MAX_YAML_CHARS = 8_000
MAX_NUMBER_DIGITS = 18


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases or anchors, and with short numbers only."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                _("anchors and aliases (&name, *name) are not allowed"),
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node):
        if len(node.value) > MAX_NUMBER_DIGITS:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                _("numbers have at most %(digits)d digits") % {"digits": MAX_NUMBER_DIGITS},
                node.start_mark,
            )
        return super().construct_yaml_int(node)


BoundedLoader.add_constructor("tag:yaml.org,2002:int", BoundedLoader.construct_yaml_int)


def load_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """(data, root node) of one YAML document, within the bounds above."""
    if len(text) > MAX_YAML_CHARS:
        raise yaml.YAMLError(_("at most %(limit)s characters") % {"limit": f"{MAX_YAML_CHARS:,}"})
    loader = BoundedLoader(text)
    try:
        node = loader.get_single_node()
        return (None if node is None else loader.construct_document(node)), node
    finally:
        loader.dispose()


# When the lesson's claims outside the facts register were last checked (YAML date).
LESSON_OPTIONAL_FIELDS = {"checked": datetime.date}
LESSON_FIELDS = {"title": str, "summary": str, "translation": str}
# Keys older lesson files carry that are now ignored. ``minutes`` was the author's own
# reading-time guess; the pipeline computes the reading time from the text instead
# (``pipeline.reading_minutes``), so one figure shows everywhere.
IGNORED_LESSON_KEYS = frozenset({"minutes"})
COURSE_FIELDS = {"title": str, "summary": str, "order": int}
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class AuthoringError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.line}: {self.message}"


def split_front_matter(source: str) -> tuple[str, str, int, list[AuthoringError]]:
    """(front matter text, body, the body's first line number, errors)."""
    lines = source.splitlines()
    if not lines or lines[0].strip() != "---":
        return "", source, 1, [AuthoringError(1, _("The file must start with a '---' line."))]
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            body = "\n".join(lines[index + 1 :])
            return "\n".join(lines[1:index]), body, index + 2, []
    return "", "", 1, [AuthoringError(1, _("The front matter has no closing '---' line."))]


def parse_yaml_mapping(
    text: str,
    first_line: int,
    fields: dict[str, type | tuple[type, ...]],
    what: str,
    optional: dict[str, type] | None = None,
    ignored: frozenset[str] = frozenset(),
) -> tuple[dict[str, Any], list[AuthoringError], dict[str, int]]:
    """Parse YAML that must be a mapping with exactly ``fields`` (with those types),
    perhaps ``optional`` ones; keys in ``ignored`` are accepted and dropped.

    ``first_line`` is the file line on which ``text`` starts, so that every error
    points at the right line of the source file. Returns the data, the errors and
    each key's line.
    """
    try:
        data, node = load_yaml(text)
    except yaml.YAMLError as error:
        # Where the construct began (an unclosed quote…) helps more than where it failed.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error)
        return (
            {},
            [
                AuthoringError(
                    line,
                    _("%(what)s is not valid YAML: %(problem)s")
                    % {"what": what, "problem": problem},
                )
            ],
            {},
        )
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return (
            {},
            [
                AuthoringError(
                    first_line, _("%(what)s must be a list of 'key: value' lines.") % {"what": what}
                )
            ],
            {},
        )
    key_lines = {
        key.value: first_line + key.start_mark.line
        for key, _value in node.value
        if key.value not in ignored
    }
    data = {key: value for key, value in data.items() if key not in ignored}
    errors = []
    optional = optional or {}
    for key, expected in optional.items():
        if key in data and not isinstance(data[key], expected):
            errors.append(AuthoringError(key_lines[key], _type_message(key, (expected,))))
    for key, line in key_lines.items():
        if key not in fields and key not in optional:
            errors.append(
                AuthoringError(
                    line,
                    _("Unknown key '%(key)s' in %(what)s; expected: %(expected)s.")
                    % {"key": key, "what": what, "expected": ", ".join([*fields, *optional])},
                )
            )
    for key, expected in fields.items():
        if key not in data:
            errors.append(
                AuthoringError(
                    first_line, _("%(what)s is missing '%(key)s'.") % {"what": what, "key": key}
                )
            )
            continue
        value = data[key]
        types = expected if isinstance(expected, tuple) else (expected,)
        # YAML's booleans are ints in Python; never accept one where a number is meant.
        if isinstance(value, bool) or not isinstance(value, types):
            errors.append(AuthoringError(key_lines[key], _type_message(key, types)))
        elif isinstance(value, str) and not value.strip():
            errors.append(AuthoringError(key_lines[key], _("'%(key)s' is empty.") % {"key": key}))
    return data, errors, key_lines


def _type_message(key: str, types: tuple[type, ...]) -> str:
    names = {
        str: _("text"),
        int: _("a whole number"),
        list: _("a list"),
        datetime.date: _("a date like 2026-11-29"),
    }
    expected = _(" or ").join(str(names[t]) for t in types)
    return _("'%(key)s' must be %(expected)s.") % {"key": key, "expected": expected}


def validate_lesson_meta(meta: dict[str, Any], lines: dict[str, int]) -> list[AuthoringError]:
    errors = []
    key = meta.get("translation")
    if isinstance(key, str) and key.strip() and not SLUG_RE.match(key):
        errors.append(
            AuthoringError(
                lines["translation"],
                _(
                    "'translation' must be lowercase letters, digits "
                    "and hyphens, like 'instalment-cost'."
                ),
            )
        )
    return errors
