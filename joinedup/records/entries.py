"""Compile compound fields (addresses, participants, identifiers, a grade, ...).

An entry reads its parts from the row, or, with `list`, from every object of a
JSON array in the row. Each evaluation gives a dict of part -> value, where the
entry's own 'value' is a list for list fields, plus 'label' naming where that
value came from (for problems found when the record is assembled).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from joinedup.records.fields import FieldError, Reader, compile_field, compile_list, getter, shown
from joinedup.records.mapping_fields import EntrySpec
from joinedup.records.schema import Compound, Simple

__all__ = ["EntryReader", "EntryValues", "compile_entries"]

Row = dict[str, Any]
EntryValues = dict[str, Any]
EntryReader = Callable[[Row, list[FieldError]], list[EntryValues]]
_PartReader = Callable[[Row, list[FieldError], str], EntryValues]


def compile_entries(
    entries: tuple[EntrySpec, ...], schema: Compound, formats: tuple[str, ...], today: date
) -> EntryReader:
    """One reader for all entries of a compound field; problems go to `errors`."""
    compiled = [_compile_entry(entry, schema, formats, today) for entry in entries]
    if len(compiled) == 1:
        return compiled[0]

    def read(row: Row, errors: list[FieldError]) -> list[EntryValues]:
        found: list[EntryValues] = []
        for entry in compiled:
            found.extend(entry(row, errors))
        return found

    return read


def _compile_entry(
    entry: EntrySpec, schema: Compound, formats: tuple[str, ...], today: date
) -> EntryReader:
    parts = _compile_parts(entry, schema, formats, today)
    if entry.list_path is None:
        return lambda row, errors: [parts(row, errors, "")]
    list_path = entry.list_path
    get_items = getter(list_path)

    def read_list(row: Row, errors: list[FieldError]) -> list[EntryValues]:
        items = get_items(row)
        if items is None or items == "":
            return []
        if not isinstance(items, list):
            errors.append(FieldError(list_path, shown(items), "a JSON array of objects"))
            return []
        found = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                where = f"{list_path}[{i}]"
                errors.append(FieldError(where, shown(item), "a JSON object"))
                continue
            found.append(parts(item, errors, f"{list_path}[{i}]."))
        return found

    return read_list


def _part_schema(entry: EntrySpec, schema: Compound, name: str) -> Simple:
    """The part's schema; an identifier with a constant scheme is checked as that scheme."""
    part_schema = schema.parts[name]
    scheme = entry.parts.get("scheme")
    if part_schema.kind == "identifier" and scheme is not None and scheme.value is not None:
        return Simple(scheme.value)
    return part_schema


def _compile_parts(
    entry: EntrySpec, schema: Compound, formats: tuple[str, ...], today: date
) -> _PartReader:
    readers: list[tuple[str, Reader]] = []
    for name, spec in entry.parts.items():
        part_schema = _part_schema(entry, schema, name)
        as_list = name == "value" and schema.many
        compile_part = compile_list if as_list else compile_field
        readers.append((name, compile_part(spec, part_schema, formats, today)))
    value_spec = entry.parts.get("value")
    value_label = value_spec.label if value_spec is not None else ""

    def read(source: Row, errors: list[FieldError], prefix: str) -> EntryValues:
        values: EntryValues = {"label": prefix + value_label}
        for name, reader in readers:
            try:
                values[name] = reader(source)
            except FieldError as error:
                label = prefix + error.label
                errors.append(FieldError(label, error.value, error.expected))
                values[name] = None
        return values

    return read
