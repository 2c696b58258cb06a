"""Read one agency's export through its mapping into a validated CanonicalBatch.

    result = read_export(load_mapping("police.mapping.yaml"), [Path("nominals.csv")])
    if result.problems: ...          # every bad row: file, row, field, value, expected
    result.batch                     # the valid rows as canonical records

Nothing here writes anywhere: the caller decides whether to store the valid rows
(`--skip-invalid`) or nothing at all. A file that cannot be read raises
FileFormatError; a file that matches no table, InputError.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from joinedup.errors import RowProblem
from joinedup.records.canonical import CanonicalBatch
from joinedup.records.collect import Collector
from joinedup.records.mapping import Mapping, TableMapping, table_for_file, table_format
from joinedup.records.readers import file_sha256, read_rows
from joinedup.records.rows import RowInvalid, TableBuilder

__all__ = ["FileSummary", "Progress", "ReadResult", "read_export"]

Progress = Callable[[int], None]
"""Called now and then with the number of rows read so far (all files)."""

_PROGRESS_EVERY = 10_000


@dataclass(frozen=True, slots=True)
class FileSummary:
    path: str
    name: str
    sha256: str
    table: str
    record: str
    rows: int
    """Data rows read (valid or not)."""


@dataclass(slots=True)
class ReadResult:
    batch: CanonicalBatch
    """The valid rows only."""
    problems: list[RowProblem]
    """Every problem, in file and row order."""
    files: list[FileSummary]
    skipped_rows: set[tuple[str, int]]
    """(file name, row) of every row left out of the batch."""


def read_export(
    mapping: Mapping,
    paths: Sequence[str | Path],
    existing: dict[str, set[str]] | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read and validate every file; `existing` holds source_ids already stored, by kind."""
    plan = [(Path(path), table_for_file(mapping, path)) for path in paths]
    collector = Collector(mapping.agency_code, existing or {})
    builders: dict[int, TableBuilder] = {}
    today = date.today()
    files: list[FileSummary] = []
    for number, (path, table) in enumerate(plan):
        builder = builders.setdefault(id(table), TableBuilder(table, today))
        collector.file_number = number
        done = sum(f.rows for f in files)
        files.append(_read_file(path, builder, collector, _offset(progress, done)))
    collector.resolve_references()
    return ReadResult(collector.batch, collector.problems(), files, collector.skipped)


def _offset(progress: Progress | None, done: int) -> Progress | None:
    if progress is None:
        return None
    report = progress
    return lambda rows: report(done + rows)


def _read_file(
    path: Path, builder: TableBuilder, collector: Collector, progress: Progress | None
) -> FileSummary:
    table, name = builder.table, path.name
    source_label = table.fields["source_id"].label if "source_id" in table.fields else "source_id"
    has_header = table_format(table, path) != "jsonl"
    count = 0
    rows = read_rows(path, table)
    for row_number, row in rows:
        if count == 0 and has_header and _header_lacks_columns(builder, collector, name, row):
            skipped = [row_number] + [later for later, _ in rows]
            collector.skipped.update((name, number) for number in skipped)
            return _summary(path, table, len(skipped))
        count += 1
        try:
            built = builder.build(row)
        except RowInvalid as invalid:
            key = (builder.kind, builder.source_id_of(row))
            collector.reject(name, row_number, invalid.errors, key)
        else:
            collector.accept(built, name, row_number, source_label)
        if progress is not None and count % _PROGRESS_EVERY == 0:
            progress(count)
    if progress is not None:
        progress(count)
    return _summary(path, table, count)


def _header_lacks_columns(
    builder: TableBuilder, collector: Collector, name: str, row: dict[str, object]
) -> bool:
    """Report each required column missing from the header (as row 1)."""
    missing = builder.missing_columns(set(row))
    for column, field in missing:
        expected = f"a column named {column} (table {builder.table.name}, field {field})"
        collector.problem(name, 1, column, "", expected, skip=False)
    return bool(missing)


def _summary(path: Path, table: TableMapping, rows: int) -> FileSummary:
    return FileSummary(str(path), path.name, file_sha256(path), table.name, table.record, rows)
