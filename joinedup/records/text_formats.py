"""CSV and JSON Lines readers (see readers.py for row numbering and the errors raised).

Bytes are decoded line by line in the declared encoding, strictly, so a decoding
error names its row.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from joinedup.errors import FileFormatError
from joinedup.records.mapping import TableMapping

__all__ = ["read_csv", "read_jsonl"]

Row = dict[str, Any]


def _decoded_lines(path: Path, encoding: str) -> Iterator[str]:
    """The file's lines as text, each with its line ending; UnicodeDecodeError if bad."""
    if "\n".encode(encoding) != b"\n":  # not ASCII-compatible (UTF-16, a BOM codec)
        with path.open(encoding=encoding, errors="strict", newline="") as text:
            yield from text
        return
    with path.open("rb") as handle:
        for line in handle:
            yield line.decode(encoding)


def _decode_problem(error: UnicodeDecodeError, encoding: str) -> str:
    bad = error.object[error.start : error.start + 1].hex()
    return f"not valid {encoding}: byte 0x{bad} cannot be decoded ({error.reason})"


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, 2)
        return handle.read(1) in (b"\n", b"\r")


def read_csv(path: Path, table: TableMapping) -> Iterator[tuple[int, Row]]:
    """Rows of a CSV file as dicts keyed by the (stripped) header names."""
    reader = csv.reader(
        _decoded_lines(path, table.encoding), delimiter=table.delimiter, strict=True
    )
    header = _csv_header(path, reader, table.encoding)
    width = len(header)
    row_number = 1
    while True:
        row_number += 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _csv_error(path, error, row_number) from error
        except UnicodeDecodeError as error:
            raise FileFormatError(
                str(path), _decode_problem(error, table.encoding), row_number
            ) from None
        if len(values) != width:
            if not values:
                continue
            raise _width_error(path, reader, values, width, row_number)
        yield row_number, dict(zip(header, values, strict=True))


def _csv_header(path: Path, reader: Iterator[list[str]], encoding: str) -> list[str]:
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return []
    except UnicodeDecodeError as error:
        raise FileFormatError(str(path), _decode_problem(error, encoding), 1) from error
    except csv.Error as error:
        raise _csv_error(path, error, 1) from error
    if header:
        header[0] = header[0].removeprefix("\ufeff")
    named = [name for name in header if name]
    duplicates = sorted({name for name in named if named.count(name) > 1})
    if duplicates:
        raise FileFormatError(str(path), f"the header repeats column {duplicates[0]!r}", 1)
    return header


def _csv_error(path: Path, error: csv.Error, row_number: int) -> FileFormatError:
    if "unexpected end of data" in str(error):
        return FileFormatError(
            str(path), "truncated: a quoted field is not closed at the end of the file", row_number
        )
    return FileFormatError(str(path), f"badly formed CSV: {error}", row_number)


def _width_error(
    path: Path, reader: Iterator[list[str]], values: list[str], width: int, row_number: int
) -> FileFormatError:
    is_last = next(reader, None) is None
    if is_last and len(values) < width and not _ends_with_newline(path):
        problem = f"truncated: the last row has {len(values)} of {width} fields and no line ending"
    else:
        problem = f"the row has {len(values)} fields, expected {width} as in the header"
    return FileFormatError(str(path), problem, row_number)


def read_jsonl(path: Path, table: TableMapping) -> Iterator[tuple[int, Row]]:
    """One JSON object per line; blank lines are skipped; row number = line number."""
    lines = _decoded_lines(path, table.encoding)
    line_number = 0
    while True:
        line_number += 1
        try:
            text = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError as error:
            raise FileFormatError(
                str(path), _decode_problem(error, table.encoding), line_number
            ) from None
        if text.strip():
            yield line_number, _json_object(path, text.removeprefix("\ufeff"), line_number)


def _json_object(path: Path, text: str, line_number: int) -> Row:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        if not text.endswith(("\n", "\r")):
            problem = "truncated: the last line is not complete JSON and has no line ending"
        else:
            problem = f"not valid JSON: {error.msg} at column {error.colno}"
        raise FileFormatError(str(path), problem, line_number) from error
    if not isinstance(value, dict):
        found = type(value).__name__
        raise FileFormatError(
            str(path), f"expected a JSON object on each line, found a {found}", line_number
        )
    return value
