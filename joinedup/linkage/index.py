"""The person index: every record's features and person ID in one DuckDB file.

Real-time matching (`realtime.py`) needs, for one arriving record, the records it would
have been compared with in a batch run, without scanning a million rows. The index holds

- `joinedup_index_records`: the features of every record (`features.FEATURE_COLUMNS`),
  its `person_id`, and one *blocking key* column per prediction rule (`BLOCKING_KEYS`);
  real-time matching reads it into memory once and looks keys up there
  (`realtime_memory.py`), so the file keeps one ART index only, on `record_id`, for
  writing changed rows back;
- `joinedup_index_tf_<column>`: views counting the linkable records that hold each value
  of the columns the model adjusts for term frequency, so term frequencies are those a
  batch run over the same records would compute (views, so they are never out of step);
- `joinedup_index_meta`: the index format version; and the nickname and surname-key
  tables, so one record is featured by the batch SQL.

A blocking key is the rule's columns joined with '|', NULL when any is NULL, so two
records share a key exactly when the rule (`blocking.prediction_rules`) holds for them.
The transposed-names rule stores forename|surname and is probed with surname|forename.
Records with nothing to link on keep NULL keys and are never candidates, as in batch.
Real-time matching uses the keys of the model's own rules and refuses a model with a rule
no key stands for (`realtime_compile.keys_for_rules`).

One process writes an index at a time (DuckDB's rule for a database file). An index of
another format version raises ValueError on opening: build it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from joinedup.linkage.features import FEATURE_COLUMNS, complete_input_columns, features_sql
from joinedup.linkage.names import forename_roots_table, surname_keys_table

__all__ = [
    "BLOCKING_KEYS",
    "FEATURE_COLUMNS",
    "META_TABLE",
    "RECORDS_TABLE",
    "TF_COLUMNS",
    "BlockingKey",
    "PersonIndex",
    "build_person_index",
    "open_person_index",
    "text_values",
    "tf_table",
]

RECORDS_TABLE = "joinedup_index_records"
META_TABLE = "joinedup_index_meta"
TF_COLUMNS = ("forename1", "surname", "postcode")
INDEX_FORMAT_VERSION = 2


@dataclass(frozen=True, slots=True)
class BlockingKey:
    """One prediction rule as a key column.

    `parts` are the rule's equalities, (left expression, right expression), without their
    `l.` / `r.`: the rule holds for (l, r) exactly when l's `stored` key equals r's
    `probe`, each the parts' values as text joined with '|' (NULL when any is NULL).
    """

    column: str
    parts: tuple[tuple[str, str], ...]

    @property
    def stored(self) -> str:
        return " || '|' || ".join(f"CAST({left} AS VARCHAR)" for left, _ in self.parts)

    @property
    def probe(self) -> str:
        return " || '|' || ".join(f"CAST({right} AS VARCHAR)" for _, right in self.parts)


def _key(column: str, *parts: str) -> BlockingKey:
    return BlockingKey(column, tuple((part, part) for part in parts))


BLOCKING_KEYS = (
    _key("key_forename_surname", "forename_key", "surname_key"),
    _key("key_surname_dob", "surname", "dob_full"),
    _key("key_forename_dob", "forename_key", "dob_full"),
    _key("key_nhs_number", "nhs_number"),
    _key("key_upn", "upn"),
    _key("key_pnc_id", "pnc_id"),
    _key("key_forename_postcode", "forename_key", "postcode"),
    _key("key_surname_postcode", "surname", "postcode"),
    _key("key_dob_postcode", "dob_full", "postcode"),
    BlockingKey("key_transposed", (("forename1", "surname"), ("surname", "forename1"))),
    _key("key_initials_year", "substr(forename1, 1, 2)", "substr(surname, 1, 2)", "dob_year"),
    _key("key_first_phone", "phones_all[1]"),
    _key("key_other_id", "other_id"),
    _key("key_address_start", "address_tokens[1]", "address_tokens[2]"),
)


@dataclass(slots=True)
class PersonIndex:
    """An open person index (a DuckDB connection to its file); close it when done."""

    con: duckdb.DuckDBPyConnection
    path: Path
    realtime: Any = field(default=None, repr=False)
    """Real-time matching's copy of the index in memory, made on first use (`realtime.py`)."""

    def close(self) -> None:
        self.realtime = None
        self.con.close()

    def __enter__(self) -> PersonIndex:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def linkable_count(self) -> int:
        """How many indexed records have something to link on."""
        sql = f"SELECT count(*) FROM {RECORDS_TABLE} WHERE linkable"
        return int(self.con.execute(sql).fetchall()[0][0])

    def meta(self, key: str) -> str:
        """A stored setting (the format version)."""
        rows = self.con.execute(f"SELECT value FROM {META_TABLE} WHERE key = $1", [key]).fetchall()
        if not rows:
            raise KeyError(f"{self.path}: person index has no {key!r}")
        return str(rows[0][0])

    def record(self, record_id: str) -> dict[str, Any] | None:
        """The stored row of one record (features, keys, person_id), or None."""
        found = self._rows(f"SELECT * FROM {RECORDS_TABLE} WHERE record_id = $1", [record_id])
        return found[0] if found else None

    def person_of(self, record_id: str) -> str | None:
        row = self.record(record_id)
        return None if row is None else str(row["person_id"])

    def person_size(self, person_id: str) -> int:
        sql = f"SELECT count(*) FROM {RECORDS_TABLE} WHERE person_id = $1"
        return int(self.con.execute(sql, [person_id]).fetchall()[0][0])

    def _rows(self, sql: str, parameters: list[Any]) -> list[dict[str, Any]]:
        relation = self.con.execute(sql, parameters)
        names = [column[0] for column in relation.description or []]
        return [dict(zip(names, row, strict=True)) for row in relation.fetchall()]


def build_person_index(
    path: str | Path, records: pa.Table, clusters: Mapping[str, str]
) -> PersonIndex:
    """Create (or replace) the index at `path` from `records` and their person IDs."""
    target = Path(path)
    for stale in (target, target.with_name(target.name + ".wal")):
        stale.unlink(missing_ok=True)
    index = PersonIndex(duckdb.connect(str(target)), target)
    _quiet(index.con)
    _store_name_tables(index.con)
    _store_records(index.con, records, clusters)
    _store_term_frequencies(index.con)
    _store_meta(index.con)
    _create_indexes(index.con)
    index.con.execute("CHECKPOINT")
    return index


def open_person_index(path: str | Path) -> PersonIndex:
    """Open an index made by `build_person_index`; FileNotFoundError when there is none."""
    source = Path(path)
    if not source.exists():
        raise FileNotFoundError(f"{source}: no person index here")
    index = PersonIndex(duckdb.connect(str(source)), source)
    _quiet(index.con)
    try:
        version = int(index.meta("format_version"))
    except (duckdb.Error, KeyError):
        index.close()
        raise
    if version != INDEX_FORMAT_VERSION:
        index.close()
        raise ValueError(
            f"{source}: person index has format {version}, this joinedup reads "
            f"{INDEX_FORMAT_VERSION}; build it again"
        )
    return index


def _quiet(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("SET enable_progress_bar = false")


def _store_name_tables(con: duckdb.DuckDBPyConnection) -> None:
    for name, table in (
        ("joinedup_forename_roots", forename_roots_table()),
        ("joinedup_surname_keys", surname_keys_table()),
    ):
        con.register("joinedup_name_table", table)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM joinedup_name_table")
        con.unregister("joinedup_name_table")


def _store_records(
    con: duckdb.DuckDBPyConnection, records: pa.Table, clusters: Mapping[str, str]
) -> None:
    ids = [str(value) for value in records.column("record_id").to_pylist()]
    missing = next((record for record in ids if record not in clusters), None)
    if missing is not None:
        raise ValueError(f"clusters has no person ID for record {missing!r}")
    persons = pa.table({"record_id": ids, "person_id": [clusters[record] for record in ids]})
    con.register("joinedup_raw", complete_input_columns(records))
    con.register("joinedup_persons", persons)
    con.execute(
        f"CREATE TABLE {RECORDS_TABLE} AS SELECT f.*, {_key_columns_sql()}, p.person_id "
        f"FROM ({features_sql()}) f JOIN joinedup_persons p USING (record_id)"
    )
    con.unregister("joinedup_raw")
    con.unregister("joinedup_persons")


def _key_columns_sql() -> str:
    """Each blocking key of a row, NULL for records with nothing to link on."""
    return ", ".join(
        f"CASE WHEN f.linkable THEN {key.stored} END AS {key.column}" for key in BLOCKING_KEYS
    )


def _store_term_frequencies(con: duckdb.DuckDBPyConnection) -> None:
    for column in TF_COLUMNS:
        con.execute(
            f"CREATE VIEW {tf_table(column)} AS SELECT {column} AS value, count(*) AS count "
            f"FROM {RECORDS_TABLE} WHERE linkable AND {column} IS NOT NULL GROUP BY {column}"
        )


def tf_table(column: str) -> str:
    return f"joinedup_index_tf_{column}"


def _store_meta(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE TABLE {META_TABLE} (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute(
        f"INSERT INTO {META_TABLE} VALUES ('format_version', $1)", [str(INDEX_FORMAT_VERSION)]
    )


def _create_indexes(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE INDEX {RECORDS_TABLE}_record_id ON {RECORDS_TABLE} (record_id)")


def text_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """Input values as text (lists of text for the list columns), dates as ISO; None kept."""
    return {name: _text(value) for name, value in record.items()}


def _text(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_text(item) for item in value]
    if value is None or isinstance(value, str):
        return value
    return _iso(value)


def _iso(value: Any) -> str:
    return str(value.isoformat()) if hasattr(value, "isoformat") else str(value)
