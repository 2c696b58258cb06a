"""Read the person file of `joinedup link-file` (CSV or Parquet) and check it.

Every value is read as text (a phone number keeps its leading zero). The file must have
a `record_id` column whose values are present and unique; any other column of the
contract is optional, and extra columns are ignored. Problems raise InputError (or
FileFormatError) naming the file, before anything is written.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from joinedup.errors import FileFormatError, InputError
from joinedup.linkage.features import INPUT_COLUMNS, LIST_INPUT_COLUMNS

__all__ = ["read_people_file"]

_SHOWN = 5


def read_people_file(path: str | Path) -> pa.Table:
    """The contract's columns of a person file, every one as text, checked."""
    source = Path(path)
    table = _read(source)
    if "record_id" not in table.column_names:
        raise InputError(f"{source}: no record_id column (found: {', '.join(table.column_names)})")
    known = [c for c in table.column_names if c in INPUT_COLUMNS or c in LIST_INPUT_COLUMNS]
    table = table.select(known)
    _check_record_ids(source, table.column("record_id"))
    return table


def _read(source: Path) -> pa.Table:
    if not source.is_file():
        raise InputError(f"{source}: file not found")
    suffix = source.suffix.lower()
    try:
        if suffix == ".parquet":
            return _text_columns(pq.read_table(source))
        if suffix == ".csv":
            return _read_csv(source)
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as error:
        raise FileFormatError(str(source), f"cannot be read as {suffix[1:]}: {error}") from error
    raise InputError(f"{source}: expected a .csv or .parquet file")


def _read_csv(source: Path) -> pa.Table:
    with pa_csv.open_csv(source) as reader:
        names = reader.schema.names
    options = pa_csv.ConvertOptions(
        column_types={name: pa.string() for name in names},
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    return pa_csv.read_csv(source, convert_options=options)


def _text_columns(table: pa.Table) -> pa.Table:
    columns = []
    for column in table.columns:
        if pa.types.is_list(column.type) or pa.types.is_string(column.type):
            columns.append(column)
        elif pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
            columns.append(column.cast(pa.date32()).cast(pa.string()))
        else:
            columns.append(column.cast(pa.string()))
    return pa.table(columns, names=table.column_names)


def _check_record_ids(source: Path, column: Any) -> None:
    ids = [value.strip() if isinstance(value, str) else value for value in column.to_pylist()]
    blank_count = sum(1 for value in ids if not value)
    if blank_count:
        raise InputError(f"{source}: {blank_count} row(s) have no record_id")
    repeated = [value for value, count in Counter(ids).items() if count > 1]
    if repeated:
        shown = ", ".join(repr(v) for v in repeated[:_SHOWN])
        raise InputError(
            f"{source}: record_id must be unique; {len(repeated)} value(s) repeat, e.g. {shown}"
        )
