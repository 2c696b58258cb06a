"""The `fields:` section of a mapping file: field specs and compound-field entries.

Every check raises MappingError naming the key path, e.g.
'tables[0].fields.participants[1].role'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from joinedup.records.mapping_checks import KeyChecker
from joinedup.records.schema import (
    DATE_KINDS,
    FIELD_SPEC_KEYS,
    MUST_MAP,
    RECORD_FIELDS,
    Compound,
    Simple,
)

__all__ = ["EntrySpec", "FieldSpec", "parse_fields", "parse_formats"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """Where one canonical value comes from: a column (or dotted JSON path) or a constant."""

    column: str | None = None
    value: str | None = None
    required: bool = False
    codes: dict[str, str] | None = None
    """The agency's code -> the canonical code (treat as read-only)."""
    missing: str | None = None
    formats: tuple[str, ...] = ()
    """Date formats; empty means the table's `date_formats`."""
    separator: str | None = None

    @property
    def label(self) -> str:
        """How problems name this field: its column, or 'constant'."""
        return self.column if self.column is not None else "(constant)"


@dataclass(frozen=True, slots=True)
class EntrySpec:
    """One entry of a compound field: an address, a participant, an identifier, a grade."""

    parts: dict[str, FieldSpec]
    """Sub-field -> spec; 'value' is the entry's own value (a person key, a phone...)."""
    list_path: str | None = None
    """A JSON array of objects; the parts' columns are keys of each item."""


def parse_fields(
    check: KeyChecker, raw: Any, key: str, record: str
) -> tuple[dict[str, FieldSpec], dict[str, tuple[EntrySpec, ...]]]:
    """The `fields` of one table: single-valued specs and compound-field entries."""
    schema = RECORD_FIELDS[record]
    fields: dict[str, FieldSpec] = {}
    entries: dict[str, tuple[EntrySpec, ...]] = {}
    for name, value in check.mapping(raw, key).items():
        field_schema = schema.get(name)
        if field_schema is None:
            shown = ", ".join(schema)
            check.fail(f"{key}.{name}", f"unknown field for a {record} record; expected {shown}")
        if isinstance(field_schema, Simple):
            fields[name] = parse_spec(check, value, f"{key}.{name}", field_schema)
        else:
            entries[name] = _parse_entries(check, value, f"{key}.{name}", field_schema)
    for name in MUST_MAP[record]:
        if name not in fields:
            check.fail(f"{key}.{name}", f"missing: every {record} table must map {name}")
    if "place" in entries and "place_id" in fields:
        check.fail(f"{key}.place_id", "give either an inline place or place_id, not both")
    return fields, entries


def parse_spec(
    check: KeyChecker, raw: Any, key: str, schema: Simple, list_value: bool = False
) -> FieldSpec:
    """A column name or a mapping of field-spec keys, checked against the field's schema."""
    if isinstance(raw, str):
        return FieldSpec(column=check.text(raw, key), required=schema.required)
    spec = check.mapping(raw, key)
    allowed = FIELD_SPEC_KEYS if list_value else FIELD_SPEC_KEYS - {"separator"}
    check.keys(spec, key, allowed)
    if ("column" in spec) == ("value" in spec):
        check.fail(key, "expected exactly one of `column` or `value`")
    required = spec.get("required", schema.required)
    if not isinstance(required, bool):
        check.fail(f"{key}.required", f"found {required!r}, expected true or false")
    return FieldSpec(
        column=check.text(spec["column"], f"{key}.column") if "column" in spec else None,
        value=_canonical(check, spec["value"], f"{key}.value", schema) if "value" in spec else None,
        required=required,
        codes=_parse_codes(check, spec.get("codes"), f"{key}.codes", schema),
        missing=_optional_canonical(check, spec.get("missing"), f"{key}.missing", schema),
        formats=_parse_spec_formats(check, spec.get("formats"), f"{key}.formats", schema),
        separator=check.optional_text(spec.get("separator"), f"{key}.separator"),
    )


def _canonical(check: KeyChecker, raw: Any, key: str, schema: Simple) -> str:
    if schema.kind == "code" and schema.vocabulary:
        return check.code(raw, key, schema.vocabulary)
    value = check.constant(raw, key)
    if schema.kind == "choice" and value not in schema.choices:
        check.fail(key, f"found {value!r}, expected one of {', '.join(schema.choices)}")
    return value


def _optional_canonical(check: KeyChecker, raw: Any, key: str, schema: Simple) -> str | None:
    if raw is None:
        return None
    if schema.kind not in ("text", "code", "choice"):
        check.fail(key, "`missing` applies to text and code fields only")
    return _canonical(check, raw, key, schema)


def _parse_codes(check: KeyChecker, raw: Any, key: str, schema: Simple) -> dict[str, str] | None:
    if raw is None:
        return None
    codes = check.mapping(raw, key)
    if not codes:
        check.fail(key, "expected at least one code")
    return {
        check.constant(agency_code, f"{key}.{agency_code}"): _canonical(
            check, canonical, f"{key}.{agency_code}", schema
        )
        for agency_code, canonical in codes.items()
    }


def _parse_spec_formats(check: KeyChecker, raw: Any, key: str, schema: Simple) -> tuple[str, ...]:
    if raw is None:
        return ()
    if schema.kind not in DATE_KINDS:
        check.fail(key, "formats apply to date fields only")
    return parse_formats(check, raw, key)


def parse_formats(check: KeyChecker, raw: Any, key: str) -> tuple[str, ...]:
    """Date formats: 'iso' or strptime formats with a year, a month for a day, a day for a time."""
    formats = [raw] if isinstance(raw, str) else check.sequence(raw, key)
    if not formats:
        check.fail(key, "expected at least one date format")
    for i, fmt in enumerate(formats):
        text = check.text(fmt, f"{key}[{i}]", strip=False)
        if text != "iso":
            _check_strptime_format(check, text, f"{key}[{i}]")
    return tuple(formats)


def _check_strptime_format(check: KeyChecker, fmt: str, key: str) -> None:
    has_month = any(d in fmt for d in ("%m", "%b", "%B"))
    if "%Y" not in fmt and "%y" not in fmt:
        check.fail(key, f"found {fmt!r}, expected 'iso' or a strptime format with %Y or %y")
    if "%d" in fmt and not has_month:
        check.fail(key, f"found {fmt!r}: a format with a day (%d) needs a month (%m)")
    if "%H" in fmt and "%d" not in fmt:
        check.fail(key, f"found {fmt!r}: a format with a time (%H) needs a day (%d)")


def _parse_entries(
    check: KeyChecker, raw: Any, key: str, schema: Compound
) -> tuple[EntrySpec, ...]:
    if isinstance(raw, list):
        if not schema.many:
            check.fail(key, "expected one entry (a mapping), not a list")
        if not raw:
            check.fail(key, "expected at least one entry")
        return tuple(_parse_entry(check, item, f"{key}[{i}]", schema) for i, item in enumerate(raw))
    return (_parse_entry(check, raw, key, schema),)


def _parse_entry(check: KeyChecker, raw: Any, key: str, schema: Compound) -> EntrySpec:
    if isinstance(raw, str) and "value" in schema.parts:
        return EntrySpec({"value": parse_spec(check, raw, key, schema.parts["value"], True)})
    entry = check.mapping(raw, key)
    parts = _entry_value(check, entry, key, schema)
    for name, item in entry.items():
        if name in FIELD_SPEC_KEYS or name in ("list", schema.value_alias):
            continue
        if name not in schema.parts:
            expected = ", ".join(p for p in schema.parts if p != "value")
            check.fail(f"{key}.{name}", f"unknown key; expected {expected or 'column'}")
        parts[name] = _entry_part(check, item, f"{key}.{name}", schema, name)
    _check_entry_complete(check, parts, key, schema)
    list_path = entry.get("list")
    if list_path is not None and not schema.many:
        check.fail(f"{key}.list", "this field is a single entry; `list` is for list fields")
    return EntrySpec(parts, check.optional_text(list_path, f"{key}.list"))


def _entry_value(
    check: KeyChecker, entry: dict[str, Any], key: str, schema: Compound
) -> dict[str, FieldSpec]:
    own = {k: v for k, v in entry.items() if k in FIELD_SPEC_KEYS}
    alias = schema.value_alias
    if alias is not None and alias in entry:
        if own:
            check.fail(f"{key}.{alias}", f"give either `{alias}` or `column`, not both")
        own_spec = parse_spec(check, entry[alias], f"{key}.{alias}", schema.parts["value"], True)
        return {"value": own_spec}
    if not own:
        return {}
    if "value" not in schema.parts:
        check.fail(f"{key}.{next(iter(own))}", "unknown key; give each part its own column")
    return {"value": parse_spec(check, own, key, schema.parts["value"], list_value=True)}


def _entry_part(check: KeyChecker, raw: Any, key: str, schema: Compound, name: str) -> FieldSpec:
    part_schema = schema.parts[name]
    if name in schema.constants and isinstance(raw, str | int):
        return FieldSpec(value=_canonical(check, raw, key, part_schema))
    return parse_spec(check, raw, key, part_schema)


def _check_entry_complete(
    check: KeyChecker, parts: dict[str, FieldSpec], key: str, schema: Compound
) -> None:
    if not parts:
        check.fail(key, f"expected at least one of {', '.join(schema.parts)}")
    has_value = "value" in parts
    if "value" in schema.parts and schema.many and not has_value:
        check.fail(key, f"expected a `column` (or `{schema.value_alias or 'value'}`)")
    if not schema.many and has_value and len(parts) > 1:
        check.fail(key, "give either `column` or the separate parts, not both")
    for name, part_schema in schema.parts.items():
        if part_schema.required and name not in parts:
            check.fail(f"{key}.{name}", f"missing: every entry needs `{name}`")
    if "source" in schema.parts and not has_value and len(parts) != 3:
        check.fail(key, "expected `column` or all of source, intelligence and handling")
