"""Read the rows of one agency file, whatever its format, checking it is what it claims.

`read_rows(path, table)` yields `(row_number, row)` lazily. Row numbers are the
lines a person would see opening the file: in CSV, Excel and Parquet the header is
row 1, so the first data row is row 2 (Excel rows keep the sheet's own numbering if
the table starts lower down); in JSON Lines a row number is the line number.
A file that is empty, truncated, not in its declared encoding or not what its
extension says raises FileFormatError naming the file (and the row where known).
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from joinedup.errors import FileFormatError
from joinedup.records.binary_formats import read_parquet, read_xlsx
from joinedup.records.mapping import TableMapping, table_format
from joinedup.records.text_formats import read_csv, read_jsonl

__all__ = ["EMPTY", "Row", "check_file_kind", "file_sha256", "read_rows"]

Row = dict[str, Any]
Reader = Callable[[Path, TableMapping], Iterator[tuple[int, Row]]]

EMPTY = "the file is empty: expected a header row"
_SNIFF_BYTES = 65536
_NAMES = {"csv": "CSV", "jsonl": "JSON Lines", "parquet": "Parquet", "xlsx": "Excel (.xlsx)"}
_READERS: dict[str, Reader] = {
    "csv": read_csv,
    "jsonl": read_jsonl,
    "parquet": read_parquet,
    "xlsx": read_xlsx,
}


def read_rows(path: str | Path, table: TableMapping) -> Iterator[tuple[int, Row]]:
    """Check the file is what it claims, then yield its data rows lazily.

    Raises FileFormatError at once for an empty (zero-byte) or mislabelled file, and
    while iterating for a truncated file or a decoding error. A file with its header and
    no data rows is an export with nothing in it this time (a small agency's extract, an
    incremental extract with no changes): it yields no rows.
    """
    file_path = Path(path)
    file_format = table_format(table, file_path)
    check_file_kind(file_path, file_format, table.encoding)
    return _READERS[file_format](file_path, table)


def check_file_kind(path: Path, file_format: str, encoding: str = "utf-8") -> None:
    """Refuse an empty file or one whose bytes are not the format its name says."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise FileFormatError(str(path), f"cannot be read: {error.strerror}") from error
    if size == 0:
        raise FileFormatError(str(path), EMPTY)
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        handle.seek(max(size - 4, 0))
        tail = handle.read(4)
    problem = _kind_problem(path, file_format, head, tail, encoding)
    if problem:
        raise FileFormatError(str(path), problem)


def _kind_problem(path: Path, file_format: str, head: bytes, tail: bytes, encoding: str) -> str:
    name = _NAMES[file_format]
    if file_format == "parquet":
        if not head.startswith(b"PAR1"):
            return f"not a Parquet file: {_describe(head)}"
        if tail != b"PAR1" or len(head) < 12:
            return "truncated: the Parquet footer is missing (the file was cut off)"
        return ""
    if file_format == "xlsx":
        if not head.startswith(b"PK\x03\x04"):
            return f"not an Excel (.xlsx) file: {_describe(head)}"
        if not zipfile.is_zipfile(path):
            return "truncated or damaged: the Excel file's zip directory is missing"
        return ""
    if head.startswith((b"PK\x03\x04", b"PAR1")):
        return f"not a {name} file: {_describe(head)}"
    if b"\x00" in head and "16" not in encoding and "32" not in encoding:
        return f"not a {name} file: it contains NUL bytes, so it is binary data, not text"
    return ""


def _describe(head: bytes) -> str:
    """What the first bytes suggest the file really is."""
    if head.startswith(b"PAR1"):
        return "it is a Parquet file"
    if head.startswith(b"PK\x03\x04"):
        return "it is a zip archive (an Excel .xlsx file?)"
    if head.lstrip().startswith(b"{"):
        return "it looks like JSON text"
    if b"\x00" not in head[:1024]:
        return "it looks like text (a CSV file?)"
    return f"it starts with the bytes {head[:8].hex(' ')}"


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    with Path(path).open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
