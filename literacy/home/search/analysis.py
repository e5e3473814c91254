"""Text → index terms, the same on every database.

Both databases index the terms this module produces, so that SQLite and
PostgreSQL find and rank the same things:

- Chinese has no spaces, and a word such as 罚息 sits inside longer runs
  (逾期罚息按日计算). Every run of Han characters becomes its overlapping
  bigrams (逾期 期罚 罚息 息按 …); a one-character run stays one term. A query
  run is looked up as the phrase of its bigrams, so 停息挂账 matches only where
  those four characters stand together, and 罚息 wherever it occurs.
- English words are lower-cased, stop words dropped and the rest stemmed with
  the Snowball English stemmer (instalment, installment, instalments → instal).

Scanning is done by a hand-written loop over characters, never a regex over
user text, and every query is bounded before it is analysed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

MAX_QUERY_CHARS = 100
MAX_QUERY_TERMS = 8
MAX_WORD_CHARS = 30

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "this",
        "to",
        "was",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)


def is_han(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def _is_word_char(char: str) -> bool:
    return ("a" <= char <= "z") or ("0" <= char <= "9")


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


@dataclass(frozen=True)
class Run:
    """A stretch of one script: Han characters, or one Latin/digit word."""

    text: str
    start: int
    han: bool


def _fold(char: str) -> str:
    """One character lower-cased and NFKC-folded (full-width Ａ → a), if it stays one."""
    if char.isascii():
        return char.lower()
    folded = unicodedata.normalize("NFKC", char).lower()
    return folded if len(folded) == 1 else char


def runs(text: str) -> Iterator[Run]:
    """Han runs and words of ``text``, folded, with their offsets in ``text``."""
    start = -1
    kind = None
    chars: list[str] = []
    for index, char in enumerate(text):
        char = _fold(char)
        current = "han" if is_han(char) else "word" if _is_word_char(char) else None
        if current != kind:
            if kind is not None:
                yield Run("".join(chars), start, kind == "han")
            start, kind, chars = index, current, []
        chars.append(char)
    if kind is not None:
        yield Run("".join(chars), start, kind == "han")


def bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def terms(text: str) -> list[str]:
    """The index terms of ``text``, in order (positions matter for phrases)."""
    found: list[str] = []
    for run in runs(text):
        if run.han:
            found.extend(bigrams(run.text))
        elif run.text not in STOP_WORDS and len(run.text) <= MAX_WORD_CHARS:
            found.append(stem(run.text))
    return found


@dataclass(frozen=True)
class Clause:
    """One thing every result must contain: a phrase of terms (one term for a word)."""

    terms: tuple[str, ...]
    word: str = ""  # the English word as typed, for spelling suggestions

    @property
    def han(self) -> bool:
        return not self.word


@dataclass(frozen=True)
class Query:
    text: str
    clauses: tuple[Clause, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.clauses)

    @property
    def all_terms(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for clause in self.clauses:
            seen.update(dict.fromkeys(clause.terms))
        return tuple(seen)

    def loosened(self) -> Query:
        """Every term on its own: for "any clause" matching, a Chinese phrase that does
        not occur whole still finds the texts that share some of its bigrams."""
        return Query(self.text, tuple(Clause((term,)) for term in self.all_terms))

    def replacing(self, word: str, term: str) -> Query:
        clauses = tuple(
            Clause((term,), word) if clause.word == word else clause for clause in self.clauses
        )
        return Query(self.text, clauses)


def parse_query(text: str) -> Query:
    """A bounded query: at most ``MAX_QUERY_CHARS`` characters and ``MAX_QUERY_TERMS``
    clauses; stop words and repeated clauses are dropped."""
    text = " ".join(text[: MAX_QUERY_CHARS * 2].split())[:MAX_QUERY_CHARS]
    clauses: list[Clause] = []
    for run in runs(text):
        if run.han:
            clause = Clause(tuple(bigrams(run.text)))
        elif run.text in STOP_WORDS or len(run.text) > MAX_WORD_CHARS:
            continue
        else:
            clause = Clause((stem(run.text),), run.text)
        if clause not in clauses:
            clauses.append(clause)
        if len(clauses) == MAX_QUERY_TERMS:
            break
    return Query(text, tuple(clauses))


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit_away(word: str) -> set[str]:
    """Every word one deletion, swap, replacement or insertion from ``word``
    (Norvig's spelling corrector): at most 54·n + 25 strings."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + swaps + replaces + inserts)
