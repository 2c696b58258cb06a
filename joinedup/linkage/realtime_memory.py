"""The person index held in memory, for matching one record in milliseconds.

A DuckDB file is a column store: fetching a few dozen whole rows by key decompresses a
block of every column for each, tens of milliseconds at a million records. So on first
use real-time matching reads the index into memory once (`IndexMemory.load`, seconds at a
million records) and from then on works there, writing its changes through to the file
(`realtime_sql.write_changes`):

- the records' features and keys as one Arrow table (never changed), plus the rows that
  arrived since as dicts; a replaced or changed record's old row is marked dead;
- for the record ID and each blocking key, the 64-bit hashes of the values, sorted, with
  the positions holding them (`_HashIndex`, numpy), so a lookup is a binary search; every
  hit is checked against the value itself;
- term-frequency counts, their totals and the linkable count, kept as records come and go;
- each record's person (`realtime_persons.py`).

Every change is logged so that `undo` returns to a `mark` (a failed write, or finding
matches without adding the record), and journaled until `realtime_sql.write_changes`
writes it to the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from joinedup.linkage.index import BLOCKING_KEYS, RECORDS_TABLE, TF_COLUMNS, PersonIndex, tf_table
from joinedup.linkage.realtime_persons import PersonTable

__all__ = ["IndexMemory", "Journal", "text_hash"]

Positions = npt.NDArray[np.int64]
_MASK = (1 << 64) - 1
_MULTIPLIER = 0x100000001B3


def text_hash(value: str) -> int:
    """The 64-bit hash `_HashIndex` files a text value under (as `_hash_column` computes)."""
    hashed = 0
    for byte in value.encode():
        hashed = (hashed * _MULTIPLIER + byte) & _MASK
    return _finish(hashed)


def _finish(hashed: int) -> int:
    hashed ^= hashed >> 33
    hashed = (hashed * 0xFF51AFD7ED558CCD) & _MASK
    return hashed ^ (hashed >> 33)


def _hash_column(column: pa.Array[Any]) -> npt.NDArray[np.uint64]:
    """`text_hash` of every value of a string column without nulls, in numpy.

    Strings of one length at a time: their bytes as the rows of a matrix, hashed column
    by column (Horner's rule, wrapping at 2**64 as `text_hash` does).
    """
    column = column.cast(pa.large_string())
    buffers: list[Any] = column.buffers()
    offsets = np.frombuffer(buffers[1], np.int64)[column.offset : column.offset + len(column) + 1]
    values = np.frombuffer(buffers[2], np.uint8) if buffers[2] else np.zeros(0, np.uint8)
    starts, lengths = offsets[:-1], np.diff(offsets)
    hashed = np.zeros(len(column), np.uint64)
    multiplier = np.uint64(_MULTIPLIER)
    for length in np.unique(lengths[lengths > 0]).tolist():
        rows = np.flatnonzero(lengths == length)
        block = values[starts[rows][:, None] + np.arange(length)].astype(np.uint64)
        partial = np.zeros(len(rows), np.uint64)
        for position in range(length):
            partial = partial * multiplier + block[:, position]
        hashed[rows] = partial
    hashed ^= hashed >> np.uint64(33)
    hashed *= np.uint64(0xFF51AFD7ED558CCD)
    hashed ^= hashed >> np.uint64(33)
    return hashed


class _HashIndex:
    """Positions of the non-null values of one column, by hash (sorted)."""

    def __init__(self, column: pa.Array[Any]) -> None:
        present = np.flatnonzero(np.asarray(column.is_valid()))
        hashes = _hash_column(column.filter(column.is_valid()))
        order = np.argsort(hashes)
        self.hashes = hashes[order]
        self.positions = present[order].astype(np.int32)

    def find(self, value: str) -> Positions:
        hashed = np.uint64(text_hash(value))
        low = int(np.searchsorted(self.hashes, hashed, side="left"))
        high = int(np.searchsorted(self.hashes, hashed, side="right"))
        return self.positions[low:high].astype(np.int64)


@dataclass
class Journal:
    """What changed since the file was last written (`realtime_sql.write_changes`)."""

    added: list[int] = field(default_factory=list)
    removed: dict[str, bool] = field(default_factory=dict)
    """record_id -> whether its row is in the file (its old row to delete)."""
    moved: set[int] = field(default_factory=set)

    def clear(self) -> None:
        self.added.clear()
        self.removed.clear()
        self.moved.clear()


class IndexMemory:
    """The index's records, keys, term frequencies and persons in memory (module docstring)."""

    def __init__(self, base: pa.Table, counts: dict[str, dict[str, int]], meta: dict[str, int]):
        base = base.combine_chunks()  # take() on many chunks concatenates them every time
        self.base = base.drop_columns(["person_id"])
        self.size = base.num_rows
        self.schema = base.schema
        self._ids = _HashIndex(base.column("record_id").combine_chunks())
        self._keys = {
            k.column: _HashIndex(base.column(k.column).combine_chunks()) for k in BLOCKING_KEYS
        }
        self._base_ids = base.column("record_id").combine_chunks()
        self._base_keys = {k.column: base.column(k.column).combine_chunks() for k in BLOCKING_KEYS}
        self.extra: list[dict[str, Any]] = []
        self._extra_ids: dict[str, int] = {}
        self._extra_keys: dict[str, dict[str, list[int]]] = {k.column: {} for k in BLOCKING_KEYS}
        self.dead: set[int] = set()
        self.persons = PersonTable(base.column("person_id").combine_chunks())
        self.counts = counts
        self.linkable = meta["linkable"]
        self.totals = {column: meta[f"total_{column}"] for column in TF_COLUMNS}
        self.journal = Journal()
        self._undo: list[Callable[[], None]] = []
        self._written_upto = self.size

    @classmethod
    def load(cls, index: PersonIndex) -> IndexMemory:
        """Read the index file into memory (once per open index)."""
        base = index.con.sql(f"SELECT * FROM {RECORDS_TABLE}").to_arrow_table()
        counts = {column: _counts(index.con, column) for column in TF_COLUMNS}
        meta = {"linkable": index.linkable_count()}
        meta |= {f"total_{c}": sum(counts[c].values()) for c in TF_COLUMNS}
        return cls(base, counts, meta)

    # records

    def position_of(self, record_id: str) -> int | None:
        """Where the record's current row is, or None when the index does not hold it."""
        found = self._extra_ids.get(record_id)
        if found is not None:
            return None if found in self.dead else found
        for position in self._ids.find(record_id).tolist():
            if position not in self.dead and self._base_ids[position].as_py() == record_id:
                return int(position)
        return None

    def record_id_at(self, position: int) -> str:
        if position >= self.size:
            return str(self.extra[position - self.size]["record_id"])
        return str(self._base_ids[position].as_py())

    def with_key(self, column: str, value: str) -> list[int]:
        """Live positions whose key `column` is `value`."""
        found = [p for p in self._extra_keys[column].get(value, ()) if p not in self.dead]
        stored = self._base_keys[column]
        found += [
            p for p in self._keys[column].find(value).tolist()
            if p not in self.dead and stored[p].as_py() == value
        ]  # fmt: skip
        return found

    def rows(self, positions: Iterable[int], columns: list[str]) -> list[dict[str, Any]]:
        """Feature rows (fresh dicts of `columns`) at `positions`, in that order."""
        wanted = list(positions)
        from_base = [p for p in wanted if p < self.size]
        taken = self.base.select(columns).take(pa.array(from_base, pa.int64())).to_pylist()
        by_position = dict(zip(from_base, taken, strict=True))
        return [
            by_position[p] if p < self.size else {c: self.extra[p - self.size][c] for c in columns}
            for p in wanted
        ]

    def add(self, row: dict[str, Any]) -> int:
        """Append a record's row (features and keys), counting its values in."""
        position = self.size + len(self.extra)
        self.extra.append(row)
        record_id = str(row["record_id"])
        earlier = self._extra_ids.get(record_id)
        self._extra_ids[record_id] = position
        for key in BLOCKING_KEYS:
            if row[key.column] is not None:
                self._extra_keys[key.column].setdefault(row[key.column], []).append(position)
        self._count(row, +1)
        self.journal.added.append(position)
        self._undo.append(lambda: self._unadd(row, position, earlier))
        return position

    def _unadd(self, row: dict[str, Any], position: int, earlier: int | None) -> None:
        self._count(row, -1)
        for key in BLOCKING_KEYS:
            if row[key.column] is not None:
                self._extra_keys[key.column][row[key.column]].pop()
        record_id = str(row["record_id"])
        if earlier is None:
            del self._extra_ids[record_id]
        else:
            self._extra_ids[record_id] = earlier
        self.extra.pop()
        self.journal.added.remove(position)

    def remove(self, position: int) -> None:
        """Take a record's row out (it is being replaced)."""
        in_file = position < self._written_upto
        row = self.rows([position], ["linkable", *TF_COLUMNS])[0]
        record_id = self.record_id_at(position)
        self.dead.add(position)
        self._count(row, -1)
        self.journal.removed[record_id] = in_file
        person = self.persons.person_at(position)
        self.persons.assign(position, None, [])

        def restore() -> None:
            self.dead.discard(position)
            self._count(row, +1)
            del self.journal.removed[record_id]
            self.persons.assign(position, person, [])

        self._undo.append(restore)

    def _count(self, row: dict[str, Any], change: int) -> None:
        if not row["linkable"]:
            return
        self.linkable += change
        for column in TF_COLUMNS:
            value = row[column]
            if value is not None:
                counts = self.counts[column]
                counts[value] = counts.get(value, 0) + change
                self.totals[column] += change

    def term_frequency(self, column: str, value: Any) -> float | None:
        """A value's share of the linkable records holding the column, as a batch run sees it."""
        if value is None:
            return None
        return float(self.counts[column].get(value, 0)) / max(self.totals[column], 1)

    # persons

    def person_at(self, position: int) -> str | None:
        return self.persons.person_at(position)

    def set_person(self, position: int, person: str) -> None:
        self.persons.assign(position, person, self._undo)
        self.journal.moved.add(position)

    def rename_person(self, old: str, new: str) -> None:
        for position in self.members(old):
            self.set_person(position, new)

    def members(self, person: str) -> list[int]:
        return sorted(self.persons.members(person))

    # undo

    def mark(self) -> int:
        return len(self._undo)

    def undo(self, mark: int) -> None:
        """Take back every change made since `mark`."""
        while len(self._undo) > mark:
            self._undo.pop()()

    def written(self) -> None:
        """The journal is in the file: forget it and the undo log."""
        self.journal.clear()
        self._undo.clear()
        self._written_upto = self.size + len(self.extra)


def _counts(con: duckdb.DuckDBPyConnection, column: str) -> dict[str, int]:
    rows = con.execute(f"SELECT value, count FROM {tf_table(column)}").fetchall()
    return {str(value): int(count) for value, count in rows}
