"""Mapping files: how one agency's export becomes canonical records (docs/import.md).

`load_mapping(path)` reads and validates a whole mapping file, raising MappingError
naming the key that is wrong (e.g. 'tables[1].fields.sex.codes.X').
`table_for_file(mapping, path)` picks the table whose `file` glob matches a file.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from joinedup.errors import InputError
from joinedup.records.canonical import RECORD_KINDS
from joinedup.records.mapping_checks import KeyChecker
from joinedup.records.mapping_fields import EntrySpec, FieldSpec, parse_fields, parse_formats

__all__ = [
    "EntrySpec",
    "FieldSpec",
    "FORMATS",
    "Mapping",
    "TableMapping",
    "load_mapping",
    "table_for_file",
    "table_format",
]

FORMATS = ("csv", "jsonl", "parquet", "xlsx")
_EXTENSIONS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet", ".xlsx": "xlsx"}
_TOP_KEYS = frozenset({"mapping_version", "agency", "tables"})
_AGENCY_KEYS = frozenset({"code", "name", "kind"})
_TABLE_KEYS = frozenset(
    {"name", "file", "record", "format", "encoding", "delimiter", "sheet", "date_formats", "fields"}
)
_FORMAT_ONLY_KEYS = {"encoding": ("csv", "jsonl"), "delimiter": ("csv",), "sheet": ("xlsx",)}


@dataclass(frozen=True, slots=True)
class TableMapping:
    """One kind of file in the export and how its rows become one kind of record."""

    name: str
    file_glob: str
    record: str
    format: str | None
    """csv, jsonl, parquet or xlsx; None means 'from the file's extension'."""
    encoding: str
    delimiter: str
    sheet: str | None
    date_formats: tuple[str, ...]
    fields: dict[str, FieldSpec]
    """Single-valued canonical fields: name -> spec."""
    entries: dict[str, tuple[EntrySpec, ...]]
    """Compound canonical fields (addresses, participants, place, grade, ...)."""


@dataclass(frozen=True, slots=True)
class Mapping:
    path: str
    agency_code: str
    agency_name: str
    agency_kind: str
    tables: tuple[TableMapping, ...]


def load_mapping(path: str | Path) -> Mapping:
    """Read and validate a mapping file; MappingError names the first wrong key."""
    check = KeyChecker(str(path))
    data = _read_yaml(check, Path(path))
    check.keys(data, "", _TOP_KEYS)
    if data.get("mapping_version") != 1:
        check.fail("mapping_version", f"found {data.get('mapping_version')!r}, expected 1")
    agency = check.mapping(data.get("agency"), "agency")
    check.keys(agency, "agency", _AGENCY_KEYS)
    tables = check.sequence(data.get("tables"), "tables")
    if not tables:
        check.fail("tables", "expected at least one table")
    return Mapping(
        path=str(path),
        agency_code=check.text(agency.get("code"), "agency.code"),
        agency_name=check.text(agency.get("name"), "agency.name"),
        agency_kind=check.code(agency.get("kind"), "agency.kind", "agency_kind"),
        tables=tuple(_parse_table(check, raw, f"tables[{i}]") for i, raw in enumerate(tables)),
    )


def _read_yaml(check: KeyChecker, path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except OSError as error:
        check.fail("(file)", f"cannot be read: {error.strerror}")
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        check.fail("(file)", f"is not valid YAML: {error}")
    return check.mapping(data, "(file)")


def _parse_table(check: KeyChecker, raw: Any, key: str) -> TableMapping:
    table = check.mapping(raw, key)
    check.keys(table, key, _TABLE_KEYS)
    record = check.text(table.get("record"), f"{key}.record")
    if record not in RECORD_KINDS:
        check.fail(f"{key}.record", f"found {record!r}, expected one of {', '.join(RECORD_KINDS)}")
    file_glob = check.text(table.get("file"), f"{key}.file")
    file_format = _parse_format(check, table, key, file_glob)
    fields, entries = parse_fields(check, table.get("fields"), f"{key}.fields", record)
    return TableMapping(
        name=check.text(table.get("name"), f"{key}.name"),
        file_glob=file_glob,
        record=record,
        format=file_format,
        encoding=_parse_encoding(check, table.get("encoding", "utf-8"), f"{key}.encoding"),
        delimiter=_parse_delimiter(check, table.get("delimiter", ","), f"{key}.delimiter"),
        sheet=check.optional_text(table.get("sheet"), f"{key}.sheet"),
        date_formats=parse_formats(
            check, table.get("date_formats", ["iso"]), f"{key}.date_formats"
        ),
        fields=fields,
        entries=entries,
    )


def _parse_format(check: KeyChecker, table: dict[str, Any], key: str, glob: str) -> str | None:
    declared = table.get("format")
    if declared is not None and declared not in FORMATS:
        check.fail(f"{key}.format", f"found {declared!r}, expected one of {', '.join(FORMATS)}")
    file_format = declared or _EXTENSIONS.get(Path(glob).suffix.lower())
    for option, formats in _FORMAT_ONLY_KEYS.items():
        if option in table and file_format is not None and file_format not in formats:
            check.fail(f"{key}.{option}", f"applies to {' and '.join(formats)} files only")
    return str(file_format) if file_format else None


def _parse_encoding(check: KeyChecker, raw: Any, key: str) -> str:
    encoding = check.text(raw, key)
    try:
        codecs.lookup(encoding)
    except LookupError:
        check.fail(key, f"found {encoding!r}, expected an encoding name such as utf-8 or cp1252")
    return encoding


def _parse_delimiter(check: KeyChecker, raw: Any, key: str) -> str:
    delimiter = check.text(raw, key, strip=False)
    if len(delimiter) != 1:
        check.fail(key, f"found {delimiter!r}, expected a single character such as ',' or '|'")
    return delimiter


def table_for_file(mapping: Mapping, path: str | Path) -> TableMapping:
    """The one table whose `file` glob matches the file's name; InputError otherwise."""
    name = Path(path).name
    matches = [t for t in mapping.tables if fnmatchcase(name, t.file_glob)]
    if len(matches) == 1:
        return matches[0]
    globs = ", ".join(f"{t.name}: {t.file_glob!r}" for t in mapping.tables)
    if not matches:
        raise InputError(
            f"{path}: matches no table of {mapping.path}; expected a file name matching "
            f"one table's glob ({globs})"
        )
    names = ", ".join(t.name for t in matches)
    raise InputError(f"{path}: matches several tables of {mapping.path} ({names}); expected one")


def table_format(table: TableMapping, path: str | Path) -> str:
    """The format to read a file as: the table's declared format, else the extension's."""
    if table.format is not None:
        return table.format
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        raise InputError(
            f"{path}: cannot tell its format from the extension {suffix!r}; expected "
            f".csv, .jsonl, .parquet or .xlsx, or a `format` in table {table.name!r}"
        )
    return _EXTENSIONS[suffix]
