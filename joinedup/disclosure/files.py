"""`disclose_file`: TABLE.csv in, OUT.csv (and REASONS.csv) out, the contract behind
`joinedup disclose` (docs/disclosure.md).

TABLE.csv is UTF-8 with a header row. Its label columns are the first column and every
column after it up to the first column in which any value looks like a number (3, -2, 3.5,
1,234 or 12%); from there on every column holds counts, each a whole number of 0 or more.
A row with `Total` in a label column and a column headed `Total` are margins, and must add
up. OUT.csv has the same header, rows
and labels, each count replaced by what is published. Outputs are written beside their
targets and renamed into place only when everything has been written.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from joinedup.disclosure.disclose import CellReason, DisclosureResult, disclose_table
from joinedup.disclosure.errors import TableProblems
from joinedup.disclosure.profiles import Profile
from joinedup.disclosure.tables import CountTable, PublishedTable
from joinedup.errors import FileFormatError, RowProblem

__all__ = ["disclose_file", "read_count_table", "write_outputs"]

NUMBER = re.compile(r"[-+]?[0-9][0-9,]*(\.[0-9]*)?%?")  # 3, -2, 3.5, 1,234, 12%
DIGITS = re.compile(r"[0-9]+")
WHOLE = "a whole number of 0 or more"


def disclose_file(
    table_path: Path | str,
    profile: Profile | str,
    out: Path | str,
    reasons: Path | str | None = None,
    level: str | None = None,
) -> DisclosureResult:
    """Read TABLE.csv, publish it under `profile`, write OUT.csv (and REASONS.csv)."""
    table = read_count_table(Path(table_path))
    result = disclose_table(table, profile, level)
    write_outputs(result.table, result.reasons, Path(out), Path(reasons) if reasons else None)
    return result


def read_count_table(path: Path) -> CountTable:
    """The table in `path`; FileFormatError or TableProblems (naming row and field) if bad."""
    header, rows = _read_rows(path)
    first_count = _first_count_column(path, header, rows)
    problems: list[RowProblem] = []
    labels: list[tuple[str, ...]] = []
    counts: list[tuple[int, ...]] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, row in rows:
        row_labels = tuple(row[:first_count])
        for field, label in zip(header[:first_count], row_labels, strict=True):
            if not label.strip():
                problems.append(RowProblem(str(path), line, field, label, "a label (or Total)"))
        if row_labels in seen:
            expected = f"labels not used by an earlier row (row {seen[row_labels]})"
            problems.append(
                RowProblem(str(path), line, header[0], " / ".join(row_labels), expected)
            )
        seen.setdefault(row_labels, line)
        labels.append(row_labels)
        counts.append(tuple(_count(path, line, header[j], row[j], problems)
                            for j in range(first_count, len(header))))  # fmt: skip
    if problems:
        raise TableProblems(problems)
    return CountTable.from_rows(
        str(path),
        header[:first_count],
        header[first_count:],
        list(zip(labels, counts, strict=True)),
    )


def write_outputs(
    published: PublishedTable,
    reasons: Sequence[CellReason],
    out: Path,
    reasons_path: Path | None = None,
) -> None:
    """Write OUT.csv (and REASONS.csv) whole, then rename them into place."""
    layout = published.layout
    outputs: list[tuple[Path, list[Sequence[str]]]] = [(out, [
        [*layout.label_columns, *layout.count_columns],
        *([*labels, *values] for labels, values in zip(layout.row_labels, published.values,
                                                       strict=True)),
    ])]  # fmt: skip
    if reasons_path is not None:
        outputs.append(
            (
                reasons_path,
                [["row", "column", "reason"], *([r.row, r.column, r.reason] for r in reasons)],
            )
        )
    partials = [(target.with_name(target.name + ".partial"), target) for target, _ in outputs]
    try:
        for (partial, _), (_, rows) in zip(partials, outputs, strict=True):
            with partial.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle).writerows(rows)
        for partial, target in partials:
            partial.replace(target)
    finally:
        for partial, _ in partials:
            partial.unlink(missing_ok=True)


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileFormatError(str(path), f"is not UTF-8 text ({error.reason})") from error
    except OSError as error:
        raise FileFormatError(str(path), f"cannot be read ({error.strerror})") from error
    try:
        lines = [(n, row) for n, row in enumerate(csv.reader(text.splitlines()), 1) if row]
    except csv.Error as error:
        raise FileFormatError(str(path), f"is not valid CSV ({error})") from error
    if not lines:
        raise FileFormatError(str(path), "is empty: expected a header row and rows of counts")
    (_, header), rows = lines[0], lines[1:]
    header = [h.strip() for h in header]
    problems = [RowProblem(str(path), 1, f"column {j + 1}", h, "a column name")
                for j, h in enumerate(header) if not h]  # fmt: skip
    problems += [RowProblem(str(path), 1, h, h, "a column name not used before")
                 for j, h in enumerate(header) if h and h in header[:j]]  # fmt: skip
    problems += [_ragged(path, line, header, row) for line, row in rows if len(row) != len(header)]
    if problems:
        raise TableProblems(problems)
    if not rows:
        raise FileFormatError(str(path), "has a header but no rows of counts", row=2)
    return header, rows


def _ragged(path: Path, line: int, header: list[str], row: list[str]) -> RowProblem:
    field = header[len(row)] if len(row) < len(header) else f"(after {header[-1]!r})"
    found = f"{len(row)} field(s)"
    return RowProblem(str(path), line, field, found, f"{len(header)} fields, one per column")


def _first_count_column(path: Path, header: list[str], rows: list[tuple[int, list[str]]]) -> int:
    """The first column (after the first) holding anything that looks like a number. A
    count column with a stray "x" must not become a label column published as it is."""
    for j in range(1, len(header)):
        if any(NUMBER.fullmatch(row[j].strip()) for _, row in rows):
            return j
    raise FileFormatError(
        str(path),
        "has no count columns: expected one or more label columns followed by columns of "
        "whole numbers",
        row=1,
    )


def _count(path: Path, line: int, field: str, text: str, problems: list[RowProblem]) -> int:
    value = text.strip()
    if DIGITS.fullmatch(value):
        return int(value)
    problems.append(RowProblem(str(path), line, field, text, WHOLE))
    return 0
