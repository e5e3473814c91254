"""Glossary links in lesson HTML: the first use of each term in each section.

Runs when a revision is stored (``revisions.apply_revision``), on HTML that the
sanitiser has already cleaned. ``html.parser`` walks the HTML; only text nodes
outside headings, links, code and form controls are scanned, by a linear scan
that tries the longest form first at each position (so 逾期罚息 wins over 罚息,
复利 inside 罚息和复利 still links). Attributes are copied as the parser read
them and never scanned. Text is escaped again on the way out, and the link's
``href`` and ``title`` are escaped, so a hostile term or definition stays text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.html import format_html

# Never linked inside these: headings, existing links, code, anything interactive.
SKIPPED = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "abbr",
     "button", "label", "select", "option", "textarea", "form", "svg", "script", "style"}
)  # fmt: skip
SECTION_START = "h2"
TITLE_CHARS = 140


@dataclass(frozen=True)
class LinkTerm:
    slug: str
    forms: tuple[str, ...]
    url: str
    title: str  # the definition's opening, shown as the link's tooltip


def short_definition(definition: str) -> str:
    text = " ".join(definition.split())
    for stop in ("。", ". "):
        end = text.find(stop)
        if 0 < end < TITLE_CHARS:
            return text[: end + 1].strip()
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


class _Matcher:
    """Finds glossary forms in text: longest first at each position, whole words for
    Latin forms, case-insensitively."""

    def __init__(self, terms: list[LinkTerm]) -> None:
        self.by_first: dict[str, list[tuple[str, LinkTerm]]] = {}
        for term in terms:
            for form in term.forms:
                form = form.strip().lower()
                if form:
                    self.by_first.setdefault(form[0], []).append((form, term))
        for candidates in self.by_first.values():
            candidates.sort(key=lambda pair: -len(pair[0]))

    def scan(self, text: str):
        """Yield (start, end, term) for every longest match, left to right."""
        lower = text.lower()
        if len(lower) != len(text):  # a rare character that changes length when lowered
            lower = text
        i = 0
        while i < len(text):
            found = None
            for form, term in self.by_first.get(lower[i], ()):
                if lower.startswith(form, i) and self._whole(lower, i, i + len(form), form):
                    found = (i, i + len(form), term)
                    break
            if found:
                yield found
                i = found[1]
            else:
                i += 1

    @staticmethod
    def _whole(text: str, start: int, end: int, form: str) -> bool:
        if not form[0].isascii():
            return True
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        return not (before.isascii() and before.isalnum()) and not (
            after.isascii() and after.isalnum()
        )


class _Linker(HTMLParser):
    def __init__(self, matcher: _Matcher) -> None:
        super().__init__(convert_charrefs=True)
        self.matcher = matcher
        self.out: list[str] = []
        self.skipping = 0
        self.linked: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        if tag == SECTION_START:
            self.linked = set()
        if tag in SKIPPED:
            self.skipping += 1
        self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs) -> None:
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag) -> None:
        if tag in SKIPPED and self.skipping:
            self.skipping -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data) -> None:
        if self.skipping:
            self.out.append(html.escape(data, quote=False))
            return
        position = 0
        for start, end, term in self.matcher.scan(data):
            if term.slug in self.linked:
                continue
            self.linked.add(term.slug)
            self.out.append(html.escape(data[position:start], quote=False))
            self.out.append(
                format_html(
                    '<a class="glossary-link" href="{}" title="{}">{}</a>',
                    term.url,
                    term.title,
                    data[start:end],
                )
            )
            position = end
        self.out.append(html.escape(data[position:], quote=False))

    def handle_comment(self, data) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl) -> None:
        self.out.append(f"<!{decl}>")


def link_terms(fragment: str, terms: list[LinkTerm]) -> str:
    """``fragment`` with the first use of each term in each section linked."""
    if not terms:
        return fragment
    linker = _Linker(_Matcher(terms))
    linker.feed(fragment)
    linker.close()
    return "".join(linker.out)


def terms_for(language: str) -> list[LinkTerm]:
    """The glossary of ``language`` as link targets (one query)."""
    from literacy.learning.models import GlossaryTerm

    return [
        LinkTerm(
            term.slug, tuple(term.forms), term.get_absolute_url(), short_definition(term.definition)
        )
        for term in GlossaryTerm.objects.filter(language=language).order_by("slug")
    ]


def linked_html(fragment: str, language: str) -> str:
    """A revision's HTML as it is stored: with the language's glossary linked."""
    return link_terms(fragment, terms_for(language))
