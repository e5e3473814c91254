"""Two implementations of one interface over the database's full-text engine.

Both index the same terms (``analysis``), so both find the same rows; each
ranks with its own function over the same three weighted fields (title,
headings, body):

- SQLite: an FTS5 table ``<table>_fts`` (one row per entry, rowid = the entry's
  id) kept by triggers on the entry table; ``MATCH`` with phrases and
  ``bm25()`` with column weights.
- PostgreSQL: a ``vector tsvector`` column with a GIN index on the entry table,
  written from the terms with their positions and weights (A title, B headings,
  C body), matched with ``@@`` and ranked with ``ts_rank``. The tsvector and
  tsquery are built from the terms, not by PostgreSQL's text parser, whose idea
  of a Chinese word depends on the server's locale.

The terms contain only ``a-z``, ``0-9`` and Han characters (``analysis``), so
they need no escaping inside FTS5 phrases or tsvector and tsquery literals. Table
names in the SQL come from model metadata, never from input (hence the S608
exemptions); every value is a query parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from literacy.home.models import IndexedText
from literacy.home.search.analysis import Query, terms

FIELDS = ("title_terms", "heading_terms", "body_terms")
WEIGHTS = (10.0, 4.0, 1.0)  # title, headings, body
MAX_POSITION = 16383  # PostgreSQL's limit for a lexeme position
MAX_POSITIONS_PER_TERM = 256  # and for the positions kept per lexeme


@dataclass(frozen=True)
class Hit:
    pk: int
    rank: float  # larger is better on every backend


class SearchBackend:
    """Store index terms and match queries; ``for_connection`` picks the implementation."""

    def install(self, schema_editor, table: str) -> None:
        raise NotImplementedError

    def uninstall(self, schema_editor, table: str) -> None:
        raise NotImplementedError

    def stored(self, entry: IndexedText) -> None:
        """Called after ``entry`` was saved with new terms."""

    def match(
        self, queryset: QuerySet, query: Query, *, any_clause: bool = False, limit: int = 200
    ) -> list[Hit]:
        """Rows of ``queryset`` that contain every clause of ``query`` (with
        ``any_clause``, at least one), best first."""
        if not query:
            return []
        inner, params = queryset.order_by().values("pk").query.sql_with_params()
        table = queryset.model._meta.db_table
        sql, match_params = self._match_sql(table, query, any_clause)
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} AND e.id IN ({inner}) ORDER BY 2 DESC, 1 LIMIT {int(limit)}",
                           [*match_params, *params])  # fmt: skip
            return [Hit(pk, float(rank)) for pk, rank in cursor.fetchall()]

    def _match_sql(self, table: str, query: Query, any_clause: bool) -> tuple[str, list]:
        raise NotImplementedError


class SqliteBackend(SearchBackend):
    def install(self, schema_editor, table: str) -> None:
        columns = ", ".join(FIELDS)
        new = ", ".join(f"new.{name}" for name in FIELDS)
        for statement in (
            f"CREATE VIRTUAL TABLE {table}_fts USING fts5({columns}, "
            "tokenize = 'unicode61 remove_diacritics 0')",
            f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "  # nosec B608 - table names come from model metadata; user text is a query parameter
            f"INSERT INTO {table}_fts(rowid, {columns}) VALUES (new.id, {new}); END",
            f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "  # nosec B608 - table names come from model metadata; user text is a query parameter
            f"DELETE FROM {table}_fts WHERE rowid = old.id; END",
            f"CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN "  # nosec B608 - table names come from model metadata; user text is a query parameter
            f"DELETE FROM {table}_fts WHERE rowid = old.id; "
            f"INSERT INTO {table}_fts(rowid, {columns}) VALUES (new.id, {new}); END",
        ):
            schema_editor.execute(statement)

    def uninstall(self, schema_editor, table: str) -> None:
        for trigger in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{trigger}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}_fts")

    def _match_sql(self, table: str, query: Query, any_clause: bool) -> tuple[str, list]:
        joiner = " OR " if any_clause else " AND "
        expression = joiner.join(f'"{" ".join(clause.terms)}"' for clause in query.clauses)
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        # bm25() is lower for better matches: negated so that larger is better.
        sql = (
            f"SELECT e.id, -bm25({table}_fts, {weights}) FROM {table}_fts "  # nosec B608 - table names come from model metadata; user text is a query parameter
            f"JOIN {table} e ON e.id = {table}_fts.rowid WHERE {table}_fts MATCH %s"
        )
        return sql, [expression]


class PostgresBackend(SearchBackend):
    def install(self, schema_editor, table: str) -> None:
        schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN vector tsvector")
        schema_editor.execute(f"CREATE INDEX {table}_vector ON {table} USING gin (vector)")

    def uninstall(self, schema_editor, table: str) -> None:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS vector")

    def stored(self, entry: IndexedText) -> None:
        table = entry._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET vector = %s::tsvector WHERE id = %s",  # nosec B608 - table names come from model metadata; user text is a query parameter
                [tsvector_literal(entry), entry.pk],
            )

    def _match_sql(self, table: str, query: Query, any_clause: bool) -> tuple[str, list]:
        joiner = " | " if any_clause else " & "
        expression = joiner.join(
            "(" + " <-> ".join(f"'{term}'" for term in clause.terms) + ")"
            for clause in query.clauses
        )
        # ts_rank's weights are listed {D, C, B, A}; scaled like bm25's column weights.
        weights = "{0, " + ", ".join(str(w / WEIGHTS[0]) for w in reversed(WEIGHTS)) + "}"
        sql = (
            f"SELECT e.id, ts_rank('{weights}', e.vector, q) FROM {table} e, "  # nosec B608 - table names come from model metadata; user text is a query parameter
            "CAST(%s AS tsquery) q WHERE e.vector @@ q"
        )
        return sql, [expression]


def tsvector_literal(entry: IndexedText) -> str:
    """The entry's terms as a tsvector literal: 'term':1A,7A 'other':3C …

    Positions run on through the three fields, with a gap between fields so that
    no phrase spans the end of the title and the start of the headings.
    """
    positions: dict[str, list[str]] = {}
    position = 0
    for name, weight in zip(FIELDS, "ABC", strict=True):
        for term in getattr(entry, name).split():
            position = min(position + 1, MAX_POSITION)
            kept = positions.setdefault(term, [])
            if len(kept) < MAX_POSITIONS_PER_TERM:
                kept.append(f"{position}{weight}")
        position += 100
    return " ".join(f"'{term}':{','.join(kept)}" for term, kept in positions.items())


BACKENDS = {"sqlite": SqliteBackend, "postgresql": PostgresBackend}


def for_connection(vendor: str | None = None) -> SearchBackend:
    return BACKENDS[vendor or connection.vendor]()


def install_index(table: str):
    """A migration operation's forward and backward functions for ``table``."""

    def forward(apps, schema_editor) -> None:
        for_connection(schema_editor.connection.vendor).install(schema_editor, table)

    def backward(apps, schema_editor) -> None:
        for_connection(schema_editor.connection.vendor).uninstall(schema_editor, table)

    return forward, backward


def store(entry: IndexedText, *, title: str, headings: Sequence[str] = (), body: str = "") -> None:
    """Analyse the texts into ``entry``'s term fields, save it and index it."""
    entry.title_terms = " ".join(terms(title))
    entry.heading_terms = " ".join(terms(" \n".join(headings)))
    entry.body_terms = " ".join(terms(body))
    entry.save()
    for_connection().stored(entry)
