"""Parquet and Excel readers (see readers.py for row numbering and the errors raised).

Parquet is read one record batch at a time so memory stays bounded; Excel cells
arrive as Python values (numbers as floats, dates as date/datetime).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import python_calamine

from joinedup.errors import FileFormatError
from joinedup.records.mapping import TableMapping

__all__ = ["read_parquet", "read_xlsx"]

Row = dict[str, Any]
_BATCH_ROWS = 8192


def read_parquet(path: Path, table: TableMapping) -> Iterator[tuple[int, Row]]:
    """Rows of a Parquet file; row 1 stands for the header, so data rows start at 2."""
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise FileFormatError(str(path), f"not a readable Parquet file: {error}") from error
    row_number = 1
    try:
        for batch in parquet.iter_batches(batch_size=_BATCH_ROWS):
            for row in batch.to_pylist():
                row_number += 1
                yield row_number, row
    except (pa.ArrowException, OSError) as error:
        problem = f"truncated or damaged Parquet data: {error}"
        raise FileFormatError(str(path), problem, row_number + 1) from error


def read_xlsx(path: Path, table: TableMapping) -> Iterator[tuple[int, Row]]:
    """Rows of one sheet (the named one, else the first), numbered as Excel shows them."""
    rows = _sheet(path, table).iter_rows()
    header: list[str] | None = None
    for row_number, values in enumerate(rows, start=1):
        if all(v == "" for v in values):
            continue
        if header is None:
            header = [_header_name(v) for v in values]
        else:
            yield row_number, dict(zip(header, values, strict=False))


def _header_name(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet(path: Path, table: TableMapping) -> python_calamine.CalamineSheet:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.CalamineError as error:
        problem = f"truncated or damaged: cannot be read as an Excel workbook ({error})"
        raise FileFormatError(str(path), problem) from error
    if table.sheet is None:
        return workbook.get_sheet_by_index(0)
    if table.sheet not in workbook.sheet_names:
        sheets = ", ".join(repr(name) for name in workbook.sheet_names)
        problem = f"has no sheet named {table.sheet!r}; expected one of its sheets: {sheets}"
        raise FileFormatError(str(path), problem)
    return workbook.get_sheet_by_name(table.sheet)
