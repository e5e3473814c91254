"""The lesson pipeline: lesson or course file → validated metadata and safe HTML.

Run once per revision (when a lesson is loaded or saved), never per request.

Order matters for safety:

1. the front matter is parsed and validated;
2. fact references (``{{fact:key}}``) become opaque tokens (see ``fact_register``);
   the trusted embeds (```calculator <name>```, ```quiz```, ```help-request```) are cut
   out of the markdown and replaced by unguessable placeholder paragraphs;
3. python-markdown renders the rest, and nh3 sanitises it against an allow-list;
4. only then are the placeholders replaced by HTML that our own templates render
   from validated parameters (autoescaped), and the fact tokens by the facts' values,
   HTML-escaped, so nothing the author typed reaches the
   page without passing either the sanitiser or the template engine.

Problems are reported as ``AuthoringError(line, message)`` with the line number in
the source file; a file with errors is never half-loaded and never breaks a page.
"""

import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from literacy.learning.content import fact_store
from literacy.learning.content.bounds import (
    embed_count_errors,
    markdown_errors,
    rendered_errors,
    source_errors,
)
from literacy.learning.content.embeds import ParsedQuestion, extract_embeds, render_embed
from literacy.learning.content.fact_register import (
    OPENING,
    FactReferences,
    Register,
    cut_references,
)
from literacy.learning.content.front_matter import (
    COURSE_FIELDS,
    IGNORED_LESSON_KEYS,
    LESSON_FIELDS,
    LESSON_OPTIONAL_FIELDS,
    AuthoringError,
    parse_yaml_mapping,
    split_front_matter,
    validate_lesson_meta,
)
from literacy.learning.content.markup import render_markdown

# Reading speeds for the reading-time estimate, the one reading time the site shows
# (course list, lesson page, studio): Chinese is read by character, English by word,
# each lesson counted in its own language from its text (the embeds left out).
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’.,][A-Za-z0-9]+)*")
CJK_CHARS_PER_MINUTE = 400
WORDS_PER_MINUTE = 220


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
    facts: set[str] = field(default_factory=set)  # keys cited, with their bases
    errors: list[AuthoringError] = field(default_factory=list)


@dataclass
class RenderedCourse:
    meta: dict[str, Any] = field(default_factory=dict)
    intro: str = ""
    intro_html: str = ""
    errors: list[AuthoringError] = field(default_factory=list)


def _count_reading(text: str) -> tuple[int, int, int]:
    cjk = len(CJK_RE.findall(text))
    words = len(WORD_RE.findall(text))
    minutes = math.ceil(cjk / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE)
    return words, cjk, max(1, minutes)


def render_lesson(source: str, *, language: str, facts: Register | None = None) -> RenderedLesson:
    """A lesson file → metadata, stored HTML, headings, questions and errors.

    ``facts`` is the register the references resolve against; by default the
    database's, read only when the lesson cites a fact."""
    with translation.override(language):
        result = RenderedLesson(errors=source_errors(source))
        if result.errors:
            return result
        front, body, body_line, result.errors = split_front_matter(source)
        if result.errors:
            return result
        result.meta, meta_errors, lines = parse_yaml_mapping(
            front, 2, LESSON_FIELDS, _("Front matter"), LESSON_OPTIONAL_FIELDS, IGNORED_LESSON_KEYS
        )
        if not meta_errors:
            meta_errors = validate_lesson_meta(result.meta, lines)
        result.errors.extend(meta_errors)

        references = FactReferences()
        if OPENING in body:
            register = facts if facts is not None else fact_store.current_register()
            body, references, fact_errors = cut_references(body, body_line, register, language)
            result.errors.extend(fact_errors)
            result.facts = references.keys
        text, embeds, embed_errors = extract_embeds(body, body_line)
        result.errors.extend(embed_errors)
        too_costly = embed_count_errors([embed.line for embed in embeds])
        too_costly += markdown_errors(body, body_line)
        if too_costly:  # reported without rendering: rendering is the cost
            result.errors = sorted(result.errors + too_costly, key=lambda error: error.line)
            return result
        rendered, result.toc = render_markdown(text)
        calculators: set[str] = set()
        embed_facts: set[str] = set()
        for position, embed in enumerate(embeds, start=1):
            fragment, errors = render_embed(
                embed, position, result.questions, calculators, embed_facts
            )
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
        result.errors.extend(rendered_errors(rendered))
        result.html = references.to_html(rendered)
        result.facts = result.facts | embed_facts
        _expand_in_questions(result.questions, references)
        for entry in result.toc:
            entry["name"] = references.to_text(entry["name"])
        result.footnotes = rendered.count('class="footnote-ref"')
        result.words, result.cjk_characters, result.reading_minutes = _count_reading(text)
        result.errors.sort(key=lambda error: error.line)
        return result


def _expand_in_questions(questions: list[ParsedQuestion], references: FactReferences) -> None:
    for question in questions:
        question.prompt = references.to_text(question.prompt)
        question.choices = [references.to_text(choice) for choice in question.choices]
        question.explanation_html = references.to_html(question.explanation_html)


def render_course(source: str, *, language: str) -> RenderedCourse:
    """A course.md file → metadata, introduction markdown and its HTML, errors."""
    with translation.override(language):
        result = RenderedCourse(errors=source_errors(source))
        if result.errors:
            return result
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
        too_costly = markdown_errors(body, body_line)
        if too_costly:
            result.errors.extend(too_costly)
            return result
        result.intro_html, _toc = render_markdown(result.intro)
        return result
