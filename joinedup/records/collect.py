"""Gather built records into a batch: duplicates, problems, references, skipped rows.

Rows are accepted as files are read; references between records (participants,
place_id, organisations) are checked once everything has been read, because a
row may name a record that appears later or in another file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from joinedup.errors import RowProblem
from joinedup.records.assemble import Built, Reference
from joinedup.records.canonical import CanonicalBatch
from joinedup.records.fields import FieldError

__all__ = ["Collector"]

Where = tuple[str, int]
_RESOLVE_ORDER = {"organisation": 0, "event": 1}
"""Organisations first: an event that names a skipped organisation is skipped too."""


class Collector:
    """The batch being built and every problem found, in file and row order."""

    def __init__(self, agency_code: str, existing: dict[str, set[str]]) -> None:
        self.batch = CanonicalBatch(agency_code)
        self.records: dict[str, dict[str, Any]] = {
            "person": self.batch.persons,
            "event": self.batch.events,
            "place": self.batch.places,
            "vehicle": self.batch.vehicles,
            "phone": self.batch.phones,
            "organisation": self.batch.organisations,
        }
        self.existing = existing
        self.skipped: set[Where] = set()
        self.file_number = 0
        self._problems: list[tuple[int, int, RowProblem]] = []
        self._invalid: dict[tuple[str, str], Where] = {}
        self._pending: list[tuple[Built, Where, int]] = []

    def problem(
        self, file: str, row: int, field: str, value: str, expected: str, skip: bool = True
    ) -> None:
        """Report a problem; `skip` leaves the row out of the batch (not for a header)."""
        entry = RowProblem(file, row, field, value, expected)
        self._problems.append((self.file_number, row, entry))
        if skip:
            self.skipped.add((file, row))

    def reject(self, file: str, row: int, errors: list[FieldError], key: tuple[str, Any]) -> None:
        """A row with bad values: report each one and remember the row's source_id."""
        for error in errors:
            self.problem(file, row, error.label, error.value, error.expected)
        if isinstance(key[1], str):
            self._invalid.setdefault((key[0], key[1]), (file, row))

    def accept(self, built: Built, file: str, row: int, source_label: str) -> None:
        """Add a record, unless its source_id was already seen (then report the repeat)."""
        key = (built.kind, built.source_id)
        first = self.batch.origins.get(key)
        if first is not None:
            seen = f"row {first[1]}" if first[0] == file else f"{first[0]} at row {first[1]}"
            expected = f"a unique source_id; first seen at {seen}"
            self.problem(file, row, source_label, built.source_id, expected)
            return
        self.records[built.kind][built.source_id] = built.record
        self.batch.origins[key] = (file, row)
        if built.references or built.extras:
            self._pending.append((built, (file, row), self.file_number))

    def resolve_references(self) -> None:
        """Check every reference; keep the records a surviving row brings with it."""
        pending = sorted(self._pending, key=lambda p: _RESOLVE_ORDER.get(p[0].kind, 2))
        for built, where, file_number in pending:
            broken = [(ref, why) for ref in built.references if (why := self._unresolved(ref))]
            if broken:
                self._drop(built, where, file_number, broken)
            else:
                self._add_extras(built.extras, where)

    def _unresolved(self, ref: Reference) -> str:
        """Why a reference cannot be followed, or '' if it can."""
        if ref.source_id in self.records[ref.kind]:
            return ""
        expected = f"a {ref.kind} source_id present in this agency's {ref.kind} records"
        bad = self._invalid.get((ref.kind, ref.source_id))
        if bad is not None:
            return f"{expected}; {ref.source_id} is in {bad[0]} at row {bad[1]}, which is invalid"
        if ref.source_id in self.existing.get(ref.kind, ()):
            return ""
        return f"{expected} (in this import or imported before)"

    def _drop(
        self, built: Built, where: Where, file_number: int, broken: list[tuple[Reference, str]]
    ) -> None:
        del self.records[built.kind][built.source_id]
        del self.batch.origins[(built.kind, built.source_id)]
        self._invalid[(built.kind, built.source_id)] = where
        for ref, expected in broken:
            entry = RowProblem(where[0], where[1], ref.label, ref.source_id, expected)
            self._problems.append((file_number, where[1], entry))
        self.skipped.add(where)

    def _add_extras(self, extras: Iterable[tuple[str, Any]], where: Where) -> None:
        for kind, record in extras:
            self.records[kind].setdefault(record.source_id, record)
            self.batch.origins.setdefault((kind, record.source_id), where)

    def problems(self) -> list[RowProblem]:
        """Every problem, ordered by file and row (within a row, as found)."""
        return [entry for _, _, entry in sorted(self._problems, key=lambda p: (p[0], p[1]))]
