"""One ranking for every database: BM25F over the matched entries' own terms.

The database finds the matches through its index (FTS5 ``MATCH``, tsvector
``@@``); its own scores (``bm25()``, ``ts_rank()``) differ from engine to engine
and put near-ties in different orders, so the few matched entries are ranked
here, from the same terms, the same way on both. Inverse document frequency is
taken over the matches: for an "every clause" query every match has every
clause (the factor is the same for all), and for an "any clause" query every
entry that has a clause is among the matches, so the counts are the index's own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from literacy.home.search.analysis import Query

FIELD_WEIGHTS = {"title_terms": 10.0, "heading_terms": 4.0, "body_terms": 1.0}
K1 = 1.2
B = 0.75


def _count(terms: list[str], phrase: tuple[str, ...]) -> int:
    if len(phrase) == 1:
        return terms.count(phrase[0])
    size = len(phrase)
    first = phrase[0]
    return sum(
        1
        for i, term in enumerate(terms[: len(terms) - size + 1])
        if term == first and tuple(terms[i : i + size]) == phrase
    )


def ranked(entries: Sequence, query: Query) -> list:
    """``entries`` (with the three term fields) best first; ties by primary key."""
    if not entries:
        return []
    fields = {
        entry.pk: {name: getattr(entry, name).split() for name in FIELD_WEIGHTS}
        for entry in entries
    }
    average = {
        name: max(1.0, sum(len(f[name]) for f in fields.values()) / len(entries))
        for name in FIELD_WEIGHTS
    }
    counts = {
        entry.pk: {
            clause.terms: {
                name: _count(terms, clause.terms) for name, terms in fields[entry.pk].items()
            }
            for clause in query.clauses
        }
        for entry in entries
    }
    total = len(entries)
    idf = {}
    for clause in query.clauses:
        having = sum(1 for pk in counts if any(counts[pk][clause.terms].values()))
        idf[clause.terms] = math.log(1 + (total - having + 0.5) / (having + 0.5))
    scores = {}
    for entry in entries:
        score = 0.0
        for clause in query.clauses:
            weighted = sum(
                weight
                * counts[entry.pk][clause.terms][name]
                / (1 - B + B * len(fields[entry.pk][name]) / average[name])
                for name, weight in FIELD_WEIGHTS.items()
            )
            score += idf[clause.terms] * weighted / (K1 + weighted)
        scores[entry.pk] = score
    return sorted(entries, key=lambda entry: (-scores[entry.pk], entry.pk))
