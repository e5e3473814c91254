"""The site's search entries, kept in step with what they index.

``sync()`` compares each thing's fingerprint (a lesson's ``updated_at`` and
current revision, a glossary term's ``updated_at``, the text of a calculator or
help page in each language) with the one stored on its entry, rewrites the
entries that differ and deletes those whose thing is gone or unpublished. It
runs whenever lesson content changes (``page_cache.content_changed`` sends
``content_changed``), and a search first checks the content stamp so that a
change made elsewhere (the admin) is indexed before it is searched.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from literacy.home.models import SearchEntry, SearchTerm
from literacy.home.search import backends
from literacy.home.search.analysis import is_han
from literacy.learning.content import page_cache
from literacy.learning.models import GlossaryTerm, Lesson

SYNCED_KEY = "search:synced-stamp"
MAX_TEXT = 20_000  # characters of a lesson kept for the matching passage

# Calculators and help pages: (URL name, title, description). The wording is the
# calculators list's own, so it needs no new translation.
PAGES = (
    (SearchEntry.Kind.CALCULATOR, "calculators:instalment", _("Instalments"),
     _("What a monthly fee or an instalment plan really costs as a yearly rate, "
       "and two offers side by side.")),
    (SearchEntry.Kind.CALCULATOR, "calculators:interest", _("Interest"),
     _("How savings or a debt grow with simple or compound interest.")),
    (SearchEntry.Kind.CALCULATOR, "calculators:minimum_payment", _("Minimum payments"),
     _("How long paying only the credit-card minimum takes, and what it costs.")),
    (SearchEntry.Kind.CALCULATOR, "calculators:overdue", _("Paying late"),
     _("Penalty interest, late fees and what your credit record shows when you are overdue.")),
    (SearchEntry.Kind.CALCULATOR, "calculators:apr", _("APR from payments"),
     _("The true yearly rate of any loan from the dates and amounts of its payments.")),
    (SearchEntry.Kind.HELP, "help:request", _("Ask for a fair repayment arrangement"),
     _("Free help to negotiate with your lender: a lower payment over a longer term, a pause, "
       "or waived penalty interest and fees.")),
    (SearchEntry.Kind.HELP, "help:budget", _("Budget: what can you afford?"),
     _("Work out what you can pay each month after housing, food, transport, family and health.")),
)  # fmt: skip


def calculator_links(names: list[str]) -> list[tuple[str, str]]:
    """(URL, title) of the named calculators ("minimum-payment"), in the given order."""
    titles = {name: title for kind, name, title, _d in PAGES if kind == SearchEntry.Kind.CALCULATOR}
    links = []
    for name in names:
        url_name = "calculators:" + name.replace("-", "_")
        if url_name in titles:
            links.append((reverse(url_name), str(titles[url_name])))
    return links


@dataclass(frozen=True)
class Document:
    kind: str
    key: str
    language: str
    title: str
    url: str
    summary: str
    headings: tuple[str, ...]
    text: str
    stamp: str


class _PlainText(HTMLParser):
    """The readable text of stored lesson HTML, without forms, charts or permalinks."""

    HIDDEN = frozenset({"form", "svg", "script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hiding = ""  # the tag of the hidden element being skipped
        self.depth = 0  # how deep inside elements of that tag

    def handle_starttag(self, tag, attrs) -> None:
        if self.hiding:
            self.depth += tag == self.hiding
        elif tag in self.HIDDEN or ("class", "headerlink") in attrs:
            self.hiding, self.depth = tag, 1
        elif tag in ("p", "li", "h2", "h3", "h4", "tr", "br", "div"):
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if self.hiding and tag == self.hiding:
            self.depth -= 1
            if not self.depth:
                self.hiding = ""

    def handle_data(self, data) -> None:
        if not self.hiding:
            self.parts.append(data)


def plain_text(fragment: str) -> str:
    parser = _PlainText()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _lesson_documents() -> list[Document]:
    lessons = (
        Lesson.objects.published().exclude(current_revision=None).select_related("current_revision")
    )
    return [
        Document(
            SearchEntry.Kind.LESSON,
            str(lesson.pk),
            lesson.language,
            lesson.title,
            lesson.get_absolute_url(),
            lesson.summary,
            tuple(entry["name"] for entry in lesson.current_revision.toc),
            plain_text(lesson.current_revision.html)[:MAX_TEXT],
            f"{lesson.updated_at.isoformat()}:{lesson.current_revision_id}",
        )
        for lesson in lessons
    ]


def _glossary_documents() -> list[Document]:
    return [
        Document(
            SearchEntry.Kind.GLOSSARY,
            term.slug,
            term.language,
            term.term,
            term.get_absolute_url(),
            term.definition,
            tuple(term.aliases),
            f"{term.definition}\n{term.source}",
            term.updated_at.isoformat(),
        )
        for term in GlossaryTerm.objects.all()
    ]


def _page_documents() -> list[Document]:
    documents = []
    for language, _name in settings.LANGUAGES:
        with override(language):
            for kind, name, title, description in PAGES:
                text = f"{title}\n{description}"
                documents.append(
                    Document(kind, name, language, str(title), reverse(name), str(description), (),
                             str(description), hashlib.sha256(text.encode()).hexdigest()[:32])
                )  # fmt: skip
    return documents


def documents() -> list[Document]:
    return [*_lesson_documents(), *_glossary_documents(), *_page_documents()]


def _english_terms(entry: SearchEntry) -> set[str]:
    words = f"{entry.title_terms} {entry.heading_terms} {entry.body_terms}".split()
    return {word for word in words if not is_han(word[0]) and len(word) <= 40}


@transaction.atomic
def sync() -> int:
    """Bring the index in step with the content; returns how many entries were written."""
    wanted = {(d.kind, d.language, d.key): d for d in documents()}
    stored = {(e.kind, e.language, e.key): e for e in SearchEntry.objects.defer("text", "summary")}
    gone = [entry.pk for key, entry in stored.items() if key not in wanted]
    if gone:
        SearchEntry.objects.filter(pk__in=gone).delete()
    written = 0
    vocabulary: Counter[str] = Counter()
    for key, document in wanted.items():
        entry = stored.get(key)
        if entry is not None and entry.stamp == document.stamp:
            continue
        entry = entry or SearchEntry(
            kind=document.kind, language=document.language, key=document.key
        )
        entry.title, entry.url, entry.summary = document.title[:200], document.url, document.summary
        entry.text, entry.stamp = document.text, document.stamp
        backends.store(entry, title=document.title, headings=document.headings, body=document.text)
        vocabulary.update(_english_terms(entry))
        written += 1
    if vocabulary:
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=term) for term in sorted(vocabulary)], ignore_conflicts=True
        )
        by_count: dict[int, list[str]] = {}
        for term, count in vocabulary.items():
            by_count.setdefault(count, []).append(term)
        for count, terms in by_count.items():
            SearchTerm.objects.filter(term__in=terms).update(frequency=F("frequency") + count)
    cache.set(SYNCED_KEY, page_cache.current_stamp(), None)
    return written


def ensure_fresh() -> None:
    """Sync when content changed since the last sync (one cache read otherwise)."""
    if cache.get(SYNCED_KEY) != page_cache.current_stamp():
        sync()


def rebuild() -> int:
    """Drop every entry and index everything again (``load_lessons``)."""
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()
    return sync()
