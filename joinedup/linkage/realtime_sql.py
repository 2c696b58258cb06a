"""What real-time matching still asks DuckDB: a few features, and writing the index file.

- `FeatureSQL` is an in-memory DuckDB holding the name tables: it runs `list_distinct`
  for `realtime_features.py` (DuckDB's order), and features a record the Python cannot
  (text that is not ASCII) with `features.features_sql` itself;
- `write_changes` writes what `IndexMemory` journaled (rows of arrivals, rows replaced,
  records that changed person) to the index file in one transaction: for one record, one
  INSERT (plus a DELETE or UPDATE by `record_id`, through its ART index, when a record
  changed or moved); for many, one statement each over an Arrow table. Term frequencies
  are views over the records (`index.py`), so nothing else is written. Automatic
  checkpoints are put off while the index is open (`defer_checkpoints`): DuckDB writes
  its log at each commit and checkpoints the file when the index is closed.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from joinedup.linkage.features import complete_input_columns, features_sql
from joinedup.linkage.index import RECORDS_TABLE, PersonIndex
from joinedup.linkage.names import forename_roots_table, surname_keys_table
from joinedup.linkage.realtime_memory import IndexMemory

__all__ = ["FeatureSQL", "defer_checkpoints", "write_changes"]

_ONE_BY_ONE = 64
"""Up to this many rows are deleted or moved by record_id, one statement each."""


class FeatureSQL:
    """An in-memory DuckDB with the name tables, for features Python leaves to SQL."""

    def __init__(self) -> None:
        self.con = duckdb.connect()
        self.con.execute("SET enable_progress_bar = false")
        for name, table in (
            ("joinedup_forename_roots", forename_roots_table()),
            ("joinedup_surname_keys", surname_keys_table()),
        ):
            self.con.register("joinedup_name_table", table)
            self.con.execute(f"CREATE TABLE {name} AS SELECT * FROM joinedup_name_table")
            self.con.unregister("joinedup_name_table")

    def list_distinct(self, lists: list[list[str]]) -> list[list[str]]:
        """DuckDB's `list_distinct` of each list, in one query."""
        columns = ", ".join(f"list_distinct(${n}::VARCHAR[])" for n in range(1, len(lists) + 1))
        row = self.con.execute(f"SELECT {columns}", lists).fetchall()[0]
        return [list(values) for values in row]

    def features(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Feature rows of records (text values) by the batch SQL, in their order."""
        raw = complete_input_columns(pa.Table.from_pylist(records))
        self.con.register("joinedup_raw", raw)
        try:
            rows = self.con.sql(features_sql()).to_arrow_table().to_pylist()
        finally:
            self.con.unregister("joinedup_raw")
        by_id = {row["record_id"]: row for row in rows}
        return [by_id[record["record_id"]] for record in records]


def defer_checkpoints(index: PersonIndex) -> None:
    """Let the log grow while real-time matching writes; the file is checkpointed on close."""
    index.con.execute("SET checkpoint_threshold = '1GB'")


def write_changes(index: PersonIndex, memory: IndexMemory) -> None:
    """Write the journal of `memory` to the index file, all or nothing, and clear it."""
    journal = memory.journal
    added = [p for p in journal.added if p not in memory.dead]
    fresh = set(added)
    moved = sorted(p for p in journal.moved if p not in fresh and p not in memory.dead)
    removed = sorted(record for record, in_file in journal.removed.items() if in_file)
    if len(added) == 1 and not moved and not removed:
        _insert(index.con, memory, added)  # one statement: its own transaction
        memory.written()
        return
    index.con.begin()
    try:
        _delete(index.con, removed)
        _move(index.con, [(memory.record_id_at(p), memory.person_at(p)) for p in moved])
        _insert(index.con, memory, added)
        index.con.commit()
    except BaseException:
        index.con.rollback()
        raise
    memory.written()


def _delete(con: duckdb.DuckDBPyConnection, records: list[str]) -> None:
    if len(records) <= _ONE_BY_ONE:
        for record in records:
            con.execute(f"DELETE FROM {RECORDS_TABLE} WHERE record_id = $1", [record])
        return
    with _registered(con, "joinedup_gone", pa.table({"record_id": records})):
        con.execute(
            f"DELETE FROM {RECORDS_TABLE} WHERE record_id IN (SELECT record_id FROM joinedup_gone)"
        )


def _move(con: duckdb.DuckDBPyConnection, moves: list[tuple[str, str | None]]) -> None:
    if len(moves) <= _ONE_BY_ONE:
        for record, person in moves:
            con.execute(
                f"UPDATE {RECORDS_TABLE} SET person_id = $2 WHERE record_id = $1", [record, person]
            )
        return
    table = pa.table({"record_id": [r for r, _ in moves], "person_id": [p for _, p in moves]})
    with _registered(con, "joinedup_moved", table):
        con.execute(
            f"UPDATE {RECORDS_TABLE} SET person_id = m.person_id FROM joinedup_moved m "
            f"WHERE {RECORDS_TABLE}.record_id = m.record_id"
        )


def _insert(con: duckdb.DuckDBPyConnection, memory: IndexMemory, positions: list[int]) -> None:
    rows = [{**memory.extra[p - memory.size], "person_id": memory.person_at(p)} for p in positions]
    names = memory.schema.names
    if len(rows) <= _ONE_BY_ONE:
        values = ", ".join(f"${n}" for n in range(1, len(names) + 1))
        for row in rows:
            con.execute(
                f"INSERT INTO {RECORDS_TABLE} ({', '.join(names)}) VALUES ({values})",
                [row[name] for name in names],
            )
        return
    with _registered(con, "joinedup_added", pa.Table.from_pylist(rows, memory.schema)):
        con.execute(f"INSERT INTO {RECORDS_TABLE} BY NAME SELECT * FROM joinedup_added")


class _registered:
    """An Arrow table visible to SQL as `name` for the length of a with block."""

    def __init__(self, con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
        self.con, self.name, self.table = con, name, table

    def __enter__(self) -> None:
        self.con.register(self.name, self.table)

    def __exit__(self, *_: object) -> None:
        self.con.unregister(self.name)
