"""Turn one row into one canonical record, using a table's specs compiled once.

`TableBuilder(table, today).build(row)` returns a Built record, or raises
RowInvalid carrying every FieldError found in the row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from joinedup.records.assemble import ASSEMBLERS, Built, Labels
from joinedup.records.entries import EntryReader, compile_entries
from joinedup.records.fields import FieldError, Reader, compile_field
from joinedup.records.mapping import FieldSpec, TableMapping
from joinedup.records.schema import RECORD_FIELDS, Compound, Simple

__all__ = ["Built", "RowInvalid", "TableBuilder"]

Row = dict[str, Any]


class RowInvalid(Exception):
    """A row that cannot become a record; `errors` lists every bad value."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(f"{len(errors)} bad value(s)")
        self.errors = errors


class TableBuilder:
    """A table's field specs compiled into readers, and its record kind's assembler."""

    def __init__(self, table: TableMapping, today: date) -> None:
        schema = RECORD_FIELDS[table.record]
        formats = table.date_formats
        self.table = table
        self.kind = table.record
        self.fields: list[tuple[str, Reader]] = [
            (name, compile_field(spec, _simple(schema[name]), formats, today))
            for name, spec in table.fields.items()
        ]
        self.entries: list[tuple[str, EntryReader]] = [
            (name, compile_entries(specs, _compound(schema[name]), formats, today))
            for name, specs in table.entries.items()
        ]
        self.labels: Labels = {name: spec.label for name, spec in table.fields.items()}
        self.assemble = ASSEMBLERS[table.record]
        self._source_id = dict(self.fields).get("source_id")

    def build(self, row: Row) -> Built:
        errors: list[FieldError] = []
        values: dict[str, Any] = {}
        for name, read in self.fields:
            try:
                values[name] = read(row)
            except FieldError as error:
                errors.append(error)
        for name, read_entries in self.entries:
            values[name] = read_entries(row, errors)
        if errors:
            raise RowInvalid(errors)
        try:
            return self.assemble(values, self.labels)
        except FieldError as error:
            raise RowInvalid([error]) from None

    def source_id_of(self, row: Row) -> str | None:
        """The row's source_id if it can be read (to explain references to a bad row)."""
        if self._source_id is None:
            return None
        try:
            value = self._source_id(row)
        except FieldError:
            return None
        return value if isinstance(value, str) else None

    def missing_columns(self, columns: set[str]) -> list[tuple[str, str]]:
        """(column, field) for every required column the file's header lacks."""
        missing = []
        for name, spec in self.table.fields.items():
            if _needs_column(spec, columns):
                missing.append((str(spec.column), name))
        for name, entries in self.table.entries.items():
            for entry in entries:
                for part, spec in entry.parts.items():
                    if entry.list_path is None and _needs_column(spec, columns):
                        missing.append((str(spec.column), f"{name}.{part}"))
        return missing


def _needs_column(spec: FieldSpec, columns: set[str]) -> bool:
    """A required column (not a constant, no `missing`) that the header lacks."""
    absent = spec.column is not None and spec.column not in columns
    return absent and spec.required and spec.missing is None


def _simple(field: Simple | Compound) -> Simple:
    assert isinstance(field, Simple)
    return field


def _compound(field: Simple | Compound) -> Compound:
    assert isinstance(field, Compound)
    return field
