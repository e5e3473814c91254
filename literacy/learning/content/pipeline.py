"""The lesson pipeline: lesson or course file → validated metadata and safe HTML.

Run once per revision (when a lesson is loaded or saved), never per request.

Order matters for safety:

1. the front matter is parsed and validated;
2. the trusted embeds (```calculator <name>```, ```quiz```, ```help-request```) are cut
   out of the markdown and replaced by unguessable placeholder paragraphs;
3. python-markdown renders the rest, and nh3 sanitises it against an allow-list;
4. only then are the placeholders replaced by HTML that our own templates render
   from validated parameters (autoescaped), so nothing the author typed reaches the
   page without passing either the sanitiser or the template engine.

Problems are reported as ``AuthoringError(line, message)`` with the line number in
the source file; a file with errors is never half-loaded and never breaks a page.
"""

import html
import math
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

import markdown
import nh3
import yaml
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from markdown.extensions.toc import slugify_unicode

EMBED_KINDS = ("calculator", "quiz", "help-request")

LESSON_FIELDS = {"title": str, "summary": str, "minutes": int, "translation": str}
COURSE_FIELDS = {"title": str, "summary": str, "order": int}
QUIZ_FIELDS = {"question": str, "choices": list, "answer": (int, list), "explanation": str}
MIN_CHOICES, MAX_CHOICES = 2, 5

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE_RE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
INDENTED_EMBED_RE = re.compile(r"^\s+(`{3,}|~{3,})\s*(calculator|quiz|help-request)\b")

# Reading speeds for the reading-time estimate: Chinese is read by character,
# English by word.
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’.,][A-Za-z0-9]+)*")
CJK_CHARS_PER_MINUTE = 400
WORDS_PER_MINUTE = 220

# Markers in the trusted quiz HTML that a lesson page fills per request. nh3 strips
# every comment from author content, so only our own templates can produce them.
CSRF_MARKER = "<!--quiz-csrf-->"
FEEDBACK_MARKER = "<!--quiz-feedback:{key}-->"

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
    "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "a", "em", "strong", "b", "i", "code", "pre", "blockquote", "sup", "sub",
    "del", "ins", "abbr", "kbd", "mark", "small", "div", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "title"},
    "abbr": {"title"},
    "sup": {"id"},
    "li": {"id"},
    "th": {"align"},
    "td": {"align"},
}
ALLOWED_CLASSES = {
    "div": {"admonition", "note", "tip", "hint", "important", "warning", "caution", "danger",
            "footnote"},
    "p": {"admonition-title"},
    "a": {"headerlink", "footnote-ref", "footnote-backref"},
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class AuthoringError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.line}: {self.message}"


@dataclass
class ParsedQuestion:
    key: str
    prompt: str
    choices: list[str]
    correct: list[int]
    multiple: bool
    explanation_html: str
    order: int
    line: int


@dataclass
class RenderedLesson:
    meta: dict[str, Any] = field(default_factory=dict)
    html: str = ""
    toc: list[dict[str, Any]] = field(default_factory=list)
    questions: list[ParsedQuestion] = field(default_factory=list)
    words: int = 0
    cjk_characters: int = 0
    reading_minutes: int = 1
    footnotes: int = 0
    errors: list[AuthoringError] = field(default_factory=list)


@dataclass
class RenderedCourse:
    meta: dict[str, Any] = field(default_factory=dict)
    intro: str = ""
    intro_html: str = ""
    errors: list[AuthoringError] = field(default_factory=list)


@dataclass
class _Embed:
    kind: str
    argument: str
    body: str
    line: int  # of the opening fence, 1-based in the file
    token: str


# ---------------------------------------------------------------- front matter


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
    text: str, first_line: int, fields: dict[str, type | tuple[type, ...]], what: str
) -> tuple[dict[str, Any], list[AuthoringError], dict[str, int]]:
    """Parse YAML that must be a mapping with exactly ``fields`` (with those types).

    ``first_line`` is the file line on which ``text`` starts, so that every error
    points at the right line of the source file. Returns the data, the errors and
    each key's line.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
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
    key_lines = {key.value: first_line + key.start_mark.line for key, _value in node.value}
    errors = []
    for key, line in key_lines.items():
        if key not in fields:
            errors.append(
                AuthoringError(
                    line,
                    _("Unknown key '%(key)s' in %(what)s; expected: %(expected)s.")
                    % {"key": key, "what": what, "expected": ", ".join(fields)},
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
    names = {str: _("text"), int: _("a whole number"), list: _("a list")}
    expected = _(" or ").join(str(names[t]) for t in types)
    return _("'%(key)s' must be %(expected)s.") % {"key": key, "expected": expected}


def validate_lesson_meta(meta: dict[str, Any], lines: dict[str, int]) -> list[AuthoringError]:
    errors = []
    minutes = meta.get("minutes")
    if isinstance(minutes, int) and not isinstance(minutes, bool) and not 1 <= minutes <= 240:
        errors.append(AuthoringError(lines["minutes"], _("'minutes' must be between 1 and 240.")))
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


# ---------------------------------------------------------------- embeds


def extract_embeds(body: str, first_line: int) -> tuple[str, list[_Embed], list[AuthoringError]]:
    """Cut the trusted embeds out of the markdown, leaving placeholder paragraphs.

    Other fenced code blocks are skipped whole, so an embed shown as an example
    inside a code block stays an example.
    """
    nonce = secrets.token_hex(8)
    lines = body.split("\n")
    out: list[str] = []
    embeds: list[_Embed] = []
    errors: list[AuthoringError] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        file_line = first_line + index
        fence = FENCE_RE.match(line)
        if not fence:
            if INDENTED_EMBED_RE.match(line):
                errors.append(
                    AuthoringError(
                        file_line,
                        _("An embed must start at the beginning of a line, not indented."),
                    )
                )
            out.append(line)
            index += 1
            continue
        marker = fence["fence"]
        closing = next(
            (
                j
                for j in range(index + 1, len(lines))
                if lines[j].strip().startswith(marker[0] * len(marker))
                and set(lines[j].strip()) == {marker[0]}
            ),
            None,
        )
        info = fence["info"].strip()
        kind, _space, argument = info.partition(" ")
        if kind not in EMBED_KINDS:
            end = len(lines) if closing is None else closing + 1
            out.extend(lines[index:end])
            index = end
            continue
        if closing is None:
            errors.append(
                AuthoringError(
                    file_line,
                    _("This %(kind)s block is never closed with %(fence)s.")
                    % {"kind": kind, "fence": marker},
                )
            )
            break
        token = f"LESSONEMBED{nonce}N{len(embeds)}"
        embeds.append(
            _Embed(
                kind=kind,
                argument=argument.strip(),
                body="\n".join(lines[index + 1 : closing]),
                line=file_line,
                token=token,
            )
        )
        out.extend(["", token, ""])
        index = closing + 1
    return "\n".join(out), embeds, errors


def _render_quiz(embed: _Embed, order: int) -> tuple[ParsedQuestion | None, list[AuthoringError]]:
    data, errors, lines = parse_yaml_mapping(embed.body, embed.line + 1, QUIZ_FIELDS, _("The quiz"))
    if errors:
        return None, errors
    choices = data["choices"]
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        errors.append(
            AuthoringError(
                lines["choices"],
                _("A quiz needs between %(min)d and %(max)d choices.")
                % {"min": MIN_CHOICES, "max": MAX_CHOICES},
            )
        )
    if any(
        isinstance(c, bool) or not isinstance(c, str | int | float) or not str(c).strip()
        for c in choices
    ):
        errors.append(
            AuthoringError(lines["choices"], _("Every choice must be a non-empty piece of text."))
        )
    answer = data["answer"]
    multiple = isinstance(answer, list)
    positions = answer if multiple else [answer]
    if not positions or any(isinstance(p, bool) or not isinstance(p, int) for p in positions):
        errors.append(
            AuthoringError(
                lines["answer"],
                _("'answer' must be a choice number (1 for the first choice) or a list of them."),
            )
        )
    elif any(not 1 <= p <= len(choices) for p in positions) or len(set(positions)) != len(
        positions
    ):
        errors.append(
            AuthoringError(
                lines["answer"],
                _("'answer' must name different choices between 1 and %(count)d.")
                % {"count": len(choices)},
            )
        )
    if errors:
        return None, errors
    return (
        ParsedQuestion(
            key=f"q{order}",
            prompt=data["question"].strip(),
            choices=[str(c).strip() for c in choices],
            correct=sorted(positions),
            multiple=multiple,
            explanation_html=render_markdown(data["explanation"])[0],
            order=order,
            line=embed.line,
        ),
        [],
    )


def quiz_html(question: ParsedQuestion) -> str:
    """The knowledge-check form, stored with the revision.

    A stored page cannot hold a CSRF token, so the form carries ``CSRF_MARKER``,
    which the lesson view replaces per request with the hidden input (one string
    replace, no query); ``FEEDBACK_MARKER`` likewise receives the feedback of a
    no-JavaScript answer after its redirect.
    """
    return render_to_string(
        "learning/lessons/_quiz.html",
        {
            "question": question,
            "choices": list(enumerate(question.choices, start=1)),
            "csrf_marker": CSRF_MARKER,
            "feedback_marker": FEEDBACK_MARKER.format(key=question.key),
        },
    )


def _render_calculator(
    embed: _Embed, position: int, shown: set[str]
) -> tuple[str, list[AuthoringError]]:
    from literacy.calculators.embed import embed_numbers, render_calculator, validate_embed

    if not embed.argument:
        return "", [
            AuthoringError(embed.line, _("Name the calculator, like '```calculator instalment'."))
        ]
    if embed.body.strip():
        try:
            params = yaml.safe_load(embed.body)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = embed.line + 1 + (mark.line if mark else 0)
            return "", [AuthoringError(line, _("The calculator's settings are not valid YAML."))]
    else:
        params = {}
    if not isinstance(params, dict):
        return "", [
            AuthoringError(embed.line, _("The calculator's settings must be 'name: value' lines."))
        ]
    problems = validate_embed(embed.argument, params)
    if problems:
        return "", [
            AuthoringError(embed.line, f"{field}: {message}")
            for field, messages in problems.items()
            for message in messages
        ]
    numbers = embed_numbers(embed.argument, params)
    if numbers in shown:  # its landmarks would repeat the first one's names
        return "", [
            AuthoringError(
                embed.line, _("This calculator with the same numbers is already shown above.")
            )
        ]
    shown.add(numbers)
    # Ids unique per embed, even when a lesson shows the same calculator twice.
    return render_calculator(embed.argument, params, prefix=f"calc-{position}"), []


def _render_embed(
    embed: _Embed, position: int, questions: list[ParsedQuestion], calculators: set[str]
) -> tuple[str, list[AuthoringError]]:
    if embed.kind == "quiz":
        question, errors = _render_quiz(embed, order=len(questions) + 1)
        if question is None:
            return "", errors
        questions.append(question)
        return quiz_html(question), []
    if embed.kind == "calculator":
        return _render_calculator(embed, position, calculators)
    if embed.argument or embed.body.strip():
        return "", [AuthoringError(embed.line, _("The help-request block takes no settings."))]
    return render_to_string("learning/lessons/_help_request.html"), []


# ---------------------------------------------------------------- markdown


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["tables", "footnotes", "admonition", "toc", "fenced_code"],
        extension_configs={
            # Alignment as the align attribute: a style attribute would break the CSP.
            "tables": {"use_align_attribute": True},
            "toc": {
                "permalink": True,
                "permalink_title": _("Link to this section"),
                "slugify": slugify_unicode,  # keeps Chinese headings readable in anchors
            },
            "footnotes": {"BACKLINK_TITLE": _("Back to reference %d in the text")},
        },
    )


def sanitise(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


TABLE_RE = re.compile(r"<table\b.*?</table>", re.DOTALL)
HEADING_RE = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", re.DOTALL)
CAPTION_RE = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)
PERMALINK_RE = re.compile(r'<a class="headerlink".*?</a>', re.DOTALL)
TAG_RE = re.compile(r"<[^>]+>")


def _text_of(fragment: str) -> str:
    return html.unescape(TAG_RE.sub("", PERMALINK_RE.sub("", fragment))).strip()


def wrap_tables(fragment: str) -> str:
    """Put each table of sanitised HTML in a focusable, labelled scrolling region,
    so a table wider than a phone can be scrolled from the keyboard. The label is
    the table's caption, else the heading before it, else "Table"; a repeated label
    gets the table's number under it."""

    seen: dict[str, int] = {}

    def wrap(match: re.Match) -> str:
        table = match.group(0)
        caption = CAPTION_RE.search(table)
        headings = HEADING_RE.findall(fragment, 0, match.start())
        label = (
            (caption and _text_of(caption.group(1)))
            or (headings and _text_of(headings[-1]))
            or _("Table")
        )
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # each region's name must be unique on the page
            label = _("%(label)s, table %(number)d") % {"label": label, "number": seen[label]}
        return (
            f'<div class="table-scroll" tabindex="0" role="region" '
            f'aria-label="{html.escape(label)}">{table}</div>'
        )

    return TABLE_RE.sub(wrap, fragment)


def render_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Markdown → sanitised HTML and its headings (no embeds)."""
    converter = _markdown()
    rendered = wrap_tables(sanitise(converter.convert(text)))
    toc = [
        {"level": level, "id": token_id, "name": name}
        for level, token_id, name in _flatten(converter.toc_tokens)
    ]
    return rendered, toc


def _flatten(tokens: list[dict[str, Any]]):
    for token in tokens:
        yield token["level"], token["id"], html.unescape(token["name"])
        yield from _flatten(token["children"])


def _count_reading(text: str) -> tuple[int, int, int]:
    cjk = len(CJK_RE.findall(text))
    words = len(WORD_RE.findall(text))
    minutes = math.ceil(cjk / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE)
    return words, cjk, max(1, minutes)


# ---------------------------------------------------------------- entry points


def render_lesson(source: str, *, language: str) -> RenderedLesson:
    """A lesson file → metadata, stored HTML, headings, questions and errors."""
    with translation.override(language):
        result = RenderedLesson()
        front, body, body_line, result.errors = split_front_matter(source)
        if result.errors:
            return result
        result.meta, meta_errors, lines = parse_yaml_mapping(
            front, 2, LESSON_FIELDS, _("Front matter")
        )
        if not meta_errors:
            meta_errors = validate_lesson_meta(result.meta, lines)
        result.errors.extend(meta_errors)

        text, embeds, embed_errors = extract_embeds(body, body_line)
        result.errors.extend(embed_errors)
        rendered, result.toc = render_markdown(text)
        calculators: set[str] = set()
        for position, embed in enumerate(embeds, start=1):
            fragment, errors = _render_embed(embed, position, result.questions, calculators)
            result.errors.extend(errors)
            placeholder = f"<p>{embed.token}</p>"
            if placeholder not in rendered:
                result.errors.append(
                    AuthoringError(
                        embed.line,
                        _(
                            "This block cannot be placed "
                            "here; put it on its own, "
                            "between blank lines."
                        ),
                    )
                )
            rendered = rendered.replace(placeholder, fragment)
        result.html = rendered
        result.footnotes = rendered.count('class="footnote-ref"')
        result.words, result.cjk_characters, result.reading_minutes = _count_reading(text)
        result.errors.sort(key=lambda error: error.line)
        return result


def render_course(source: str, *, language: str) -> RenderedCourse:
    """A course.md file → metadata, introduction markdown and its HTML, errors."""
    with translation.override(language):
        result = RenderedCourse()
        front, body, body_line, result.errors = split_front_matter(source)
        if result.errors:
            return result
        result.meta, meta_errors, _lines = parse_yaml_mapping(
            front, 2, COURSE_FIELDS, _("Front matter")
        )
        result.errors.extend(meta_errors)
        _text, embeds, embed_errors = extract_embeds(body, body_line)
        result.errors.extend(embed_errors)
        result.errors.extend(
            AuthoringError(
                embed.line,
                _(
                    "Calculators, quizzes and help requests belong in "
                    "lessons, not in the course introduction."
                ),
            )
            for embed in embeds
        )
        result.intro = body.strip("\n")
        result.intro_html, _toc = render_markdown(result.intro)
        return result
