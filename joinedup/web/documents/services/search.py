"""Full-text search of documents: the one place SQLite and PostgreSQL differ.

One row per document in the table `documents_fulltext` (made by migration 0004) holds
its title and the text of its latest version:

- SQLite: an FTS5 virtual table (Porter stemming over unicode61 tokens), rowid = the
  document's id, ranked by bm25, snippets by `snippet()`.
- PostgreSQL: a table with a stored, generated `tsvector` (English configuration; the
  title weighted above the text) and a GIN index, ranked by `ts_rank_cd`, snippets by
  `ts_headline`.

A query is read the same way for both: words must all appear (in any form the stemmer
joins), "quoted words" must appear together. Highlights come back between the marks
START and STOP, which the extracted text cannot hold (extract.clean removes control
characters), so the page escapes the snippet and only then turns the marks into <mark>.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

__all__ = [
    "START",
    "STOP",
    "Query",
    "create_index",
    "drop_index",
    "index_document",
    "matching_documents",
    "parse_query",
    "snippets",
]

START, STOP = "\x02", "\x03"
TABLE = "documents_fulltext"
MOST_RESULTS = 10_000
# PostgreSQL keeps at most 1 MB of lexemes in one tsvector; this much text stays inside it.
POSTGRES_TEXT_LIMIT = 400_000

_PART = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Query:
    """The words and phrases of what someone typed, each a tuple of words."""

    parts: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.parts)

    def for_sqlite(self) -> str:
        return " ".join('"' + " ".join(words) + '"' for words in self.parts)

    def for_postgres(self) -> str:
        return " ".join(
            words[0] if len(words) == 1 else '"' + " ".join(words) + '"' for words in self.parts
        )


def parse_query(typed: str) -> Query:
    parts = []
    for phrase, word in _PART.findall(typed):
        words = tuple(_WORD.findall(phrase or word))
        if words:
            parts.append(words)
    return Query(tuple(parts))


def _vendor() -> str:
    return connection.vendor


def create_index() -> None:
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            # No foreign key: Django's flush (TRUNCATE) does not know this table.
            cursor.execute(
                f"CREATE TABLE {TABLE} (document_id bigint PRIMARY KEY, "
                "title text NOT NULL, body text NOT NULL, vector tsvector GENERATED ALWAYS AS ("
                "setweight(to_tsvector('english', title), 'A') || "
                f"setweight(to_tsvector('english', left(body, {POSTGRES_TEXT_LIMIT})), 'B')"
                ") STORED)"
            )
            cursor.execute(f"CREATE INDEX {TABLE}_vector ON {TABLE} USING GIN (vector)")
        else:
            cursor.execute(
                f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, body, "
                "tokenize = 'porter unicode61 remove_diacritics 2')"
            )


def drop_index() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def index_document(document_id: int, title: str, body: str) -> None:
    """Put (or replace) a document's title and latest text in the index."""
    with connection.cursor() as cursor:
        column = "document_id" if _vendor() == "postgresql" else "rowid"
        cursor.execute(f"DELETE FROM {TABLE} WHERE {column} = %s", [document_id])
        cursor.execute(
            f"INSERT INTO {TABLE} ({column}, title, body) VALUES (%s, %s, %s)",
            [document_id, title, body],
        )


def matching_documents(query: Query) -> list[int]:
    """The ids of the documents matching, best first (at most MOST_RESULTS)."""
    if not query:
        return []
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            cursor.execute(
                f"SELECT document_id FROM {TABLE}, websearch_to_tsquery('english', %s) q "
                "WHERE vector @@ q ORDER BY ts_rank_cd(vector, q) DESC, document_id LIMIT %s",
                [query.for_postgres(), MOST_RESULTS],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s "
                f"ORDER BY bm25({TABLE}, 10.0, 1.0), rowid LIMIT %s",
                [query.for_sqlite(), MOST_RESULTS],
            )
        return [row[0] for row in cursor.fetchall()]


def snippets(query: Query, document_ids: Iterable[int]) -> dict[int, str]:
    """A short passage of each document's text with the matches between START and STOP."""
    ids = list(document_ids)
    if not query or not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        if _vendor() == "postgresql":
            options = f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=30, MinWords=12"
            cursor.execute(
                f"SELECT document_id, ts_headline('english', left(body, {POSTGRES_TEXT_LIMIT}), "
                f"websearch_to_tsquery('english', %s), %s) FROM {TABLE} "
                f"WHERE document_id IN ({marks})",
                [query.for_postgres(), options, *ids],
            )
        else:
            cursor.execute(
                f"SELECT rowid, snippet({TABLE}, 1, %s, %s, '…', 24) FROM {TABLE} "
                f"WHERE {TABLE} MATCH %s AND rowid IN ({marks})",
                [START, STOP, query.for_sqlite(), *ids],
            )
        return {row[0]: row[1] for row in cursor.fetchall()}
