"""A search: match, correct a misspelt word, rank and group, mark the matching passage."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from literacy.home.models import SearchEntry, SearchTerm
from literacy.home.search import backends, site_index
from literacy.home.search.analysis import Query, one_edit_away, parse_query, runs, stem
from literacy.home.search.backends import FIELDS as TERM_FIELDS
from literacy.home.search.ranking import ranked

PER_KIND = 10
PASSAGE_CHARS = 160
PASSAGE_LEAD = 40
KIND_ORDER = [kind for kind, _label in SearchEntry.Kind.choices]


@dataclass
class Result:
    entry: SearchEntry
    passage: SafeString


@dataclass
class Group:
    kind: str
    label: str
    results: list[Result]


@dataclass
class Results:
    query: Query
    groups: list[Group] = field(default_factory=list)
    count: int = 0
    other_language: str = ""
    other_count: int = 0
    corrected: str = ""  # the query as searched, when a misspelt word was replaced


def _corrected(query: Query) -> tuple[Query, str] | None:
    """``query`` with each English word that is not in the index replaced by a known
    word one edit away (the commonest in the index wins, then the closest spelling), and the
    corrected text to show; None when nothing could be corrected."""
    words = [clause.word for clause in query.clauses if clause.word]
    known = set(
        SearchTerm.objects.filter(term__in=[stem(w) for w in words]).values_list("term", flat=True)
    )
    unknown = [word for word in words if stem(word) not in known]
    if not unknown:
        return None
    candidates = {word: {c: stem(c) for c in one_edit_away(word)} for word in unknown}
    pool = {s for stems in candidates.values() for s in stems.values()}
    found = dict(SearchTerm.objects.filter(term__in=pool).values_list("term", "frequency"))
    corrected, shown = query, query.text.lower()
    for word, stems in candidates.items():
        spellings = sorted(c for c, s in stems.items() if s in found)
        if spellings:
            best = max(
                spellings,
                key=lambda c: (found[stems[c]], SequenceMatcher(None, c, word).ratio()),
            )
            corrected = corrected.replacing(word, stems[best])
            shown = shown.replace(word, best)
    return (corrected, shown) if corrected != query else None


def _hits(query: Query, language: str) -> tuple[list[backends.Hit], Query, str]:
    """Hits in every language: all clauses; else a corrected query (with the corrected
    text); else any clause."""
    backend = backends.for_connection()
    entries = SearchEntry.objects.all()
    hits = backend.match(entries, query)
    if hits:
        return hits, query, ""
    correction = _corrected(query)
    if correction is not None:
        hits = backend.match(entries, correction[0])
        if hits:
            return hits, *correction
    return backend.match(entries, query.loosened(), any_clause=True), query.loosened(), ""


def search(text: str, language: str) -> Results:
    query = parse_query(text)
    results = Results(query)
    if not query:
        return results
    site_index.ensure_fresh()
    hits, searched, results.corrected = _hits(query, language)
    matched = ranked(
        SearchEntry.objects.filter(pk__in=[h.pk for h in hits]).only("language", *TERM_FIELDS),
        searched,
    )
    mine = [entry.pk for entry in matched if entry.language == language]
    others = {code: 0 for code, _name in settings.LANGUAGES if code != language}
    for entry in matched:
        if entry.language in others:
            others[entry.language] += 1
    if others:
        results.other_language, results.other_count = max(others.items(), key=lambda item: item[1])
    results.count = len(mine)
    rows = SearchEntry.objects.in_bulk(mine)
    labels = dict(SearchEntry.Kind.choices)
    grouped: dict[str, list[Result]] = {}
    for pk in mine:
        entry = rows[pk]
        bucket = grouped.setdefault(entry.kind, [])
        if len(bucket) < PER_KIND:
            bucket.append(Result(entry, passage(entry.text, searched)))
    results.groups = [
        Group(kind, labels[kind], grouped[kind]) for kind in KIND_ORDER if kind in grouped
    ]
    return results


def _spans(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the query's words and Chinese phrases occur in ``text`` (linear scans)."""
    spans: list[tuple[int, int]] = []
    lowered = text.lower() if len(text.lower()) == len(text) else text
    for clause in query.clauses:
        if clause.han:
            phrase = clause.terms[0] + "".join(term[-1] for term in clause.terms[1:])
            pieces = [phrase] if phrase in lowered else list(clause.terms)
            for piece in pieces:
                start = lowered.find(piece)
                while start != -1 and len(spans) < 200:
                    spans.append((start, start + len(piece)))
                    start = lowered.find(piece, start + len(piece))
    stems = {clause.terms[0] for clause in query.clauses if clause.word}
    if stems:
        for run in runs(text):
            if not run.han and stem(run.text) in stems:
                spans.append((run.start, run.start + len(run.text)))
    return sorted(spans)


def passage(text: str, query: Query) -> SafeString:
    """About ``PASSAGE_CHARS`` characters of ``text`` around the first match, escaped,
    with each match inside ``<mark>``."""
    spans = _spans(text, query)
    if not spans:
        return escape(text[:PASSAGE_CHARS] + ("…" if len(text) > PASSAGE_CHARS else ""))
    start = max(0, spans[0][0] - PASSAGE_LEAD)
    # Begin at a word's start rather than inside it (a few characters back at most).
    floor = max(0, start - 15)
    while start > floor and text[start - 1].isalnum() and text[start - 1].isascii():
        start -= 1
    end = min(len(text), start + PASSAGE_CHARS)
    pieces = ["…" if start else ""]
    position = start
    for span_start, span_end in spans:
        if span_start < position or span_end > end:
            continue
        pieces += [
            escape(text[position:span_start]),
            "<mark>",
            escape(text[span_start:span_end]),
            "</mark>",
        ]
        position = span_end
    pieces += [escape(text[position:end]), "…" if end < len(text) else ""]
    return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703 - every piece is escaped above
