"""Compile field specs into fast readers: a function from a row to a canonical value.

Each table's specs are compiled once; per row, a reader fetches the cell, applies
`missing`/defaults and `codes`, converts by the field's kind and raises FieldError
(naming the column, the value found and what was expected) when it cannot.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from joinedup.records import normalise, vocabularies
from joinedup.records.canonical import IntelligenceGrade
from joinedup.records.dates import date_parser
from joinedup.records.mapping_fields import FieldSpec
from joinedup.records.partial_dates import PartialDate, PartialDateTime
from joinedup.records.schema import Simple

__all__ = ["FieldError", "Reader", "ListReader", "as_text", "compile_field", "compile_list"]

Row = dict[str, Any]
Reader = Callable[[Row], Any]
ListReader = Callable[[Row], list[Any]]
Convert = Callable[[Any], Any]
_MAX_CODES_SHOWN = 15
_MAX_VALUE_SHOWN = 80


class FieldError(Exception):
    """One bad value: the column (label), the value found and what was expected."""

    def __init__(self, label: str, value: str, expected: str) -> None:
        super().__init__(f"{label}: found {value!r}, expected {expected}")
        self.label = label
        self.value = value
        self.expected = expected


def is_blank(raw: Any) -> bool:
    if raw is None or raw == "" or raw == []:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    return isinstance(raw, float) and raw != raw  # NaN


def as_text(raw: Any) -> str:
    """A cell as text: strings stripped, whole floats without '.0', dates in ISO form."""
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, date | datetime):
        return raw.isoformat()
    if isinstance(raw, dict | list):
        raise ValueError("a single value, not a JSON object or array")
    return str(raw)


def shown(raw: Any) -> str:
    text = raw if isinstance(raw, str) else repr(raw)
    return text if len(text) <= _MAX_VALUE_SHOWN else text[:_MAX_VALUE_SHOWN] + "…"


def getter(column: str) -> Reader:
    """Read a column; a dotted path reaches into nested JSON objects."""
    if "." not in column:
        return lambda row: row.get(column)
    path = column.split(".")

    def get_nested(row: Row) -> Any:
        value: Any = row.get(column)
        if value is None:
            value = row
            for key in path:
                if not isinstance(value, dict):
                    return None
                value = value.get(key)
        return value

    return get_nested


def compile_field(spec: FieldSpec, schema: Simple, formats: tuple[str, ...], today: date) -> Reader:
    """A reader of one single-valued field; blank gives `missing`, the default or None."""
    convert = converter(spec, schema, formats, today)
    if spec.value is not None:
        constant = convert(spec.value)
        return lambda row: constant
    column, label, required = spec.column or "", spec.label, spec.required
    get = getter(column)
    flat = "." not in column
    blank_value = spec.missing if spec.missing is not None else schema.default

    def read(row: Row) -> Any:
        raw = row.get(column) if flat else get(row)
        if raw.__class__ is str and raw and not raw.isspace() or not is_blank(raw):
            try:
                return convert(raw)
            except ValueError as error:
                raise FieldError(label, shown(raw), str(error)) from None
        if required and blank_value is None:
            raise FieldError(label, "", "a value: this field is required")
        return blank_value

    return read


def compile_list(
    spec: FieldSpec, schema: Simple, formats: tuple[str, ...], today: date
) -> ListReader:
    """A reader of a list value: a JSON array, or one cell split by `separator`."""
    convert = converter(spec, schema, formats, today)
    if spec.value is not None:
        constant = [convert(spec.value)]
        return lambda row: constant
    get, label, separator = getter(spec.column or ""), spec.label, spec.separator
    single = compile_field(spec, schema, formats, today)

    def read(row: Row) -> list[Any]:
        raw = get(row)
        splittable = isinstance(raw, list) or (separator is not None and isinstance(raw, str))
        if not splittable or is_blank(raw):
            value = single(row)
            return [] if value is None else [value]
        items = raw if isinstance(raw, list) else raw.split(separator)
        try:
            return [convert(item) for item in items if not is_blank(item)]
        except ValueError as error:
            raise FieldError(label, shown(raw), str(error)) from None

    return read


def converter(spec: FieldSpec, schema: Simple, formats: tuple[str, ...], today: date) -> Convert:
    """Non-blank cell -> canonical value, by the field's kind; ValueError if it cannot."""
    if schema.kind in ("date", "datetime", "day"):
        return _date_converter(schema.kind, spec.formats or formats, today)
    convert = _KIND_CONVERTERS.get(schema.kind, as_text)
    if schema.kind == "code":
        convert = _vocabulary_code(str(schema.vocabulary))
    if schema.kind == "choice":
        convert = _choice(schema.choices)
    if spec.codes is None:
        return convert
    after = as_text if schema.kind == "code" else convert
    return _agency_codes(spec.codes, after)


def _agency_codes(codes: dict[str, str], after: Convert) -> Convert:
    folded = {code.casefold(): canonical for code, canonical in codes.items()}
    accepted = sorted(codes)
    expected = "one of the codes " + ", ".join(accepted[:_MAX_CODES_SHOWN])
    if len(accepted) > _MAX_CODES_SHOWN:
        expected += f" (and {len(accepted) - _MAX_CODES_SHOWN} more)"

    def convert(raw: Any) -> Any:
        text = as_text(raw)
        canonical = codes.get(text) or folded.get(text.casefold())
        if canonical is None:
            raise ValueError(expected)
        return after(canonical)

    return convert


def _vocabulary_code(vocabulary: str) -> Convert:
    codes = vocabularies.codes(vocabulary)
    folded = {code.casefold(): code for code in codes}
    listed = sorted(codes)
    expected = f"a code of vocabulary {vocabulary}: " + ", ".join(listed[:_MAX_CODES_SHOWN])
    if len(listed) > _MAX_CODES_SHOWN:
        expected += f" (and {len(listed) - _MAX_CODES_SHOWN} more)"

    def convert(raw: Any) -> str:
        text = as_text(raw)
        code = folded.get(text.casefold())
        if code is None:
            raise ValueError(expected)
        return code

    return convert


def _choice(choices: tuple[str, ...]) -> Convert:
    expected = "one of " + ", ".join(choices)

    def convert(raw: Any) -> str:
        text = as_text(raw).lower()
        if text not in choices:
            raise ValueError(expected)
        return text

    return convert


def _date_converter(kind: str, formats: tuple[str, ...], today: date) -> Convert:
    parse = date_parser(formats, today)
    if kind == "datetime":
        return lambda raw: PartialDateTime(*parse(raw))
    if kind == "date":
        return lambda raw: PartialDate(*parse(raw)[:3])

    def full_date(raw: Any) -> date:
        year, month, day, _, _ = parse(raw)
        if month is None or day is None:
            raise ValueError("a full date (day, month and year)")
        return date(year, month, day)

    return full_date


def _grade(raw: Any) -> IntelligenceGrade:
    code = as_text(raw).upper().replace(" ", "")
    ok = len(code) == 3 and all(
        part in vocabularies.codes(vocabulary)
        for part, vocabulary in zip(code, _GRADE_VOCABULARIES, strict=True)
    )
    if not ok:
        raise ValueError("a 3x5x2 grade such as '1AP' (source 1-3, intelligence A-E, P or C)")
    return IntelligenceGrade(code[0], code[1], code[2])


_GRADE_VOCABULARIES = ("intelligence_source", "intelligence_assessment", "handling_code")


def _with_written(normalise_value: Callable[[str], str]) -> Convert:
    """(normalised, as written): for registrations and numbers that become records."""

    def convert(raw: Any) -> tuple[str, str]:
        written = as_text(raw)
        return normalise_value(written), written

    return convert


_KIND_CONVERTERS: dict[str, Convert] = {
    "postcode": lambda raw: normalise.normalise_postcode(as_text(raw)),
    "phone": lambda raw: normalise.normalise_phone(as_text(raw)),
    "phone_written": _with_written(normalise.normalise_phone),
    "registration_written": _with_written(normalise.normalise_registration),
    "nhs_number": lambda raw: normalise.normalise_nhs_number(as_text(raw)),
    "upn": lambda raw: normalise.normalise_upn(as_text(raw)),
    "pnc_id": lambda raw: normalise.normalise_pnc_id(as_text(raw)),
    "ni_number": lambda raw: normalise.normalise_ni_number(as_text(raw)),
    "email": lambda raw: normalise.normalise_email(as_text(raw)),
    "registration": lambda raw: normalise.normalise_registration(as_text(raw)),
    "grade": _grade,
}
