"""One arriving record's features in Python, equal to those of `features.features_sql`.

DuckDB needs tens of milliseconds to run the features SQL over a single row (its regular
expressions are compiled on every run); this takes a fraction of one. It follows the SQL
step by step (`feature_sql.py` says what each value means) and is tested equal to it on
every record of the small borough and on awkward hand-made values.

Two things are left to DuckDB or refused:

- the order of `list_distinct`, which is DuckDB's hash order, not first-seen: lists with
  two or more distinct values are handed to a `ListDistinct` callback that runs DuckDB's
  own `list_distinct` on them, all in one query;
- text that is not plain ASCII where DuckDB's Unicode rules would show (its `trim`,
  `lower` and `upper` in dates, sex, e-mails and identifiers): `record_features` returns
  None and the caller features the record with the SQL. Names and addresses in any script
  are featured here: folding, accent stripping (canonical decomposition, marks dropped)
  and lowering agree with DuckDB's on every character below U+30000 (tested), and only
  ASCII letters and digits survive them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from joinedup.linkage import realtime_values as normalise
from joinedup.linkage.feature_sql import UK_POSTCODE
from joinedup.linkage.features import FEATURE_COLUMNS, INPUT_COLUMNS, LIST_INPUT_COLUMNS
from joinedup.linkage.index import BLOCKING_KEYS
from joinedup.linkage.names import forename_roots_table, surname_keys_table
from joinedup.linkage.realtime_compile import compile_row_expression

__all__ = ["ListDistinct", "add_keys", "prepare_keys", "record_features"]

ListDistinct = Callable[[list[list[str]]], list[list[str]]]
"""DuckDB's `list_distinct` of each list (order as DuckDB gives it)."""

_UK_POSTCODE = re.compile(UK_POSTCODE)


def record_features(
    record: Mapping[str, Any], list_distinct: ListDistinct
) -> dict[str, Any] | None:
    """The feature row of `record` (text values, see `index.text_values`), or None.

    None when any text is not ASCII or a list column holds something else than a list.
    """
    if not _plain(record):
        return None
    raw = {name: record.get(name) for name in (*INPUT_COLUMNS, *LIST_INPUT_COLUMNS)}
    lists = _Lists(list_distinct)
    row = _cleaned(raw, lists)
    lists.resolve()
    _name(row)
    _date(row)
    return _final(row)


def prepare_keys() -> None:
    """Compile the key expressions now (else the first `add_keys` does it)."""
    _key_expressions()


def add_keys(row: dict[str, Any]) -> dict[str, Any]:
    """`row` with its blocking keys (as the index stores them) and `probe_<key>` values.

    Both are NULL when the record has nothing to link on (`index.BLOCKING_KEYS`).
    """
    for key, stored, probe in _key_expressions():
        row[key] = stored(row) if row["linkable"] else None
        row[f"probe_{key}"] = probe(row) if row["linkable"] else None
    return row


@cache
def _key_expressions() -> list[tuple[str, Callable[[Any], Any], Callable[[Any], Any]]]:
    """The index's key expressions compiled to Python (once per process)."""
    return [
        (key.column, compile_row_expression(key.stored), compile_row_expression(key.probe))
        for key in BLOCKING_KEYS
    ]


def _plain(record: Mapping[str, Any]) -> bool:
    """Whether every value is text this module features as the SQL does."""
    for name in (*INPUT_COLUMNS, *LIST_INPUT_COLUMNS):
        value = record.get(name)
        if name in LIST_INPUT_COLUMNS and not (value is None or isinstance(value, list)):
            return False
        items = value if name in LIST_INPUT_COLUMNS else [value]
        check = normalise.foldable if name in _FOLDED else str.isascii if name in _ASCII else None
        for item in items or []:
            if item is None:
                continue
            if not isinstance(item, str) or (check is not None and not check(item)):
                return False
    return True


_FOLDED = frozenset({"forenames", "surname", "other_names", "address"})
_ASCII = frozenset({"dob", "sex", "emails", "upn", "pnc_id", "other_id"})


class _Lists:
    """Lists waiting for DuckDB's `list_distinct`, filled in by one call."""

    def __init__(self, list_distinct: ListDistinct) -> None:
        self.list_distinct = list_distinct
        self.waiting: list[tuple[dict[str, Any], str, list[str]]] = []

    def distinct(self, row: dict[str, Any], name: str, values: list[str | None]) -> None:
        present = [value for value in values if value is not None]
        if len(set(present)) < 2:
            row[name] = present[:1]
        else:
            self.waiting.append((row, name, present))

    def resolve(self) -> None:
        if self.waiting:
            answers = self.list_distinct([values for _, _, values in self.waiting])
            for (row, name, _), answer in zip(self.waiting, answers, strict=True):
                row[name] = answer
        self.waiting.clear()


def _cleaned(raw: dict[str, Any], lists: _Lists) -> dict[str, Any]:
    postcodes = [normalise.postcode_unit(v) for v in [raw["postcode"], *(raw["postcodes"] or [])]]
    phones = [normalise.phone(v) for v in [raw["phone"], *(raw["phones"] or [])]]
    others = [normalise.clean_name(v) for v in raw["other_names"] or []]
    row: dict[str, Any] = {
        "record_id": raw["record_id"],
        "source": raw["source"],
        "forenames_clean": normalise.clean_name(raw["forenames"]),
        "surname_clean": normalise.clean_name(raw["surname"]),
        "other_clean": [name for name in others if name is not None],
        "dob_parts": normalise.date_parts(raw["dob"]),
        "sex": normalise.sex(raw["sex"]),
        "postcode_first": normalise.postcode_unit(raw["postcode"]),
        "nhs_number": normalise.nhs_number(raw["nhs_number"]),
        "upn": normalise.identifier(raw["upn"]),
        "pnc_id": normalise.identifier(raw["pnc_id"]),
        "address": normalise.address(raw["address"]),
        "other_id": normalise.identifier(raw["other_id"]),
    }
    lists.distinct(row, "postcodes_all", postcodes)
    lists.distinct(row, "phones_all", phones)
    lists.distinct(row, "emails_all", [normalise.email(v) for v in raw["emails"] or []])
    _named_lists(row, lists)
    return row


def _named_lists(row: dict[str, Any], lists: _Lists) -> None:
    forenames, surname, others = row["forenames_clean"], row["surname_clean"], row["other_clean"]
    every_forename = (forenames.split(" ") if forenames is not None else []) + [
        word for name in others for word in name.split(" ")[:-1]
    ]
    every_forename += [name for name in others if " " not in name]
    lists.distinct(row, "forenames_all", every_forename)
    surnames = [None if surname is None else surname.replace(" ", "")]
    surnames += surname.split(" ") if surname is not None and " " in surname else []
    surnames += [name.split(" ")[-1] for name in others]
    lists.distinct(row, "surnames_all", [s for s in surnames if s is not None and len(s) > 1])


def _name(row: dict[str, Any]) -> None:
    forenames, surname = row["forenames_clean"], row["surname_clean"]
    row["forename1"] = None if forenames is None else forenames.split(" ")[0]
    row["surname"] = None if surname is None else surname.replace(" ", "")
    postcodes = row["postcodes_all"]
    row["postcode"] = row["postcode_first"] or (postcodes[0] if postcodes else None)


def _date(row: dict[str, Any]) -> None:
    year, month, day = row["dob_parts"]
    placeholder = month == 1 and day == 1
    ok_year = year is not None and 1890 <= year <= 2100
    ok_month = ok_year and month is not None and 1 <= month <= 12 and day is None
    ok_day = ok_year and not placeholder and _is_date(year, month, day)
    precision = "day" if ok_day else "month" if ok_month else "year" if ok_year else None
    row["dob_placeholder"] = placeholder
    row["dob_precision"] = precision
    row["dob_year"] = year if ok_year else None
    row["dob_month"] = month if ok_month or ok_day else None
    row["dob_day"] = day if ok_day else None
    row["dob_full"] = f"{year:04d}-{month:02d}-{day:02d}" if precision == "day" else None
    row["dob_ym"] = f"{year:04d}-{month:02d}" if precision in ("day", "month") else None


def _is_date(year: int | None, month: int | None, day: int | None) -> bool:
    if year is None or month is None or day is None:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _final(row: dict[str, Any]) -> dict[str, Any]:
    forename1, surname, postcode = row["forename1"], row["surname"], row["postcode"]
    roots, forename_keys = _forename_tables()
    uk = postcode is not None and _UK_POSTCODE.fullmatch(postcode) is not None
    row["forename_letters"] = None if forename1 is None else "".join(sorted(forename1))
    row["forename_roots"] = roots.get(forename1, [forename1] if forename1 is not None else None)
    row["forename_key"] = forename_keys.get(forename1, forename1)
    row["surname_key"] = _surname_keys().get(surname, surname) if surname is not None else None
    row["pc_sector"] = f"{postcode[:-3]} {postcode[-3]}" if uk else None
    row["pc_district"] = postcode[:-3] if uk else None
    address = row["address"]
    row["address_tokens"] = None if address is None else address.split(" ")
    row["linkable"] = any(
        row[name] is not None
        for name in ("forename1", "surname", "dob_year", "nhs_number", "upn", "pnc_id", "other_id")
    )
    return {name: row[name] for name in FEATURE_COLUMNS}


@cache
def _forename_tables() -> tuple[dict[str, list[str]], dict[str, str]]:
    table = forename_roots_table().to_pydict()
    names = table["name"]
    return dict(zip(names, table["roots"], strict=True)), dict(
        zip(names, table["key"], strict=True)
    )


@cache
def _surname_keys() -> dict[str, str]:
    table = surname_keys_table().to_pydict()
    return dict(zip(table["name"], table["key"], strict=True))
