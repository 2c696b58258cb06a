"""The export for other areas: a folder another partnership can load and compare.

    manifest.json                  format, schema_version, area, year, profile, files + SHA-256
    figures.yaml, breakdowns.yaml  what each figure counts and its categories
    profile/<name>.yaml            the disclosure-control profile's rule file
    tables/<figure>/<table>.csv    each protected table, in the `joinedup disclose` output shape
    reasons/<figure>/<table>.csv   row, column, reason for every cell the profile changed

Only protected values are ever written: no count behind a symbol, no person. docs/transparency.md
describes the format; `load_area_export` checks a folder against it and names the file and
field of anything wrong.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from joinedup.disclosure import CellReason, Layout, PublishedTable
from joinedup.errors import FileFormatError, InputError
from joinedup.transparency.tables import MEASURE

__all__ = [
    "FORMAT",
    "SCHEMA_VERSION",
    "AreaExport",
    "ComparedCell",
    "ExportedTable",
    "compare_areas",
    "load_area_export",
    "write_area_export",
]

FORMAT = "joinedup-area-figures"
SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
_NEEDED = {
    "format": str, "schema_version": int, "area": str, "year": str, "period_start": str,
    "period_end": str, "complete": bool, "profile": dict, "figures_version": str,
    "published_at": str, "tables": list, "files": dict,
}  # fmt: skip


@dataclass(frozen=True)
class ExportedTable:
    figure: str
    table: str  # the table's slug within the figure: by-sex, ethnicity-recording
    published: PublishedTable
    reasons: tuple[CellReason, ...] = ()

    @property
    def file(self) -> str:
        return f"tables/{self.figure}/{self.table}.csv"

    @property
    def reasons_file(self) -> str:
        return f"reasons/{self.figure}/{self.table}.csv"


@dataclass(frozen=True)
class AreaExport:
    area: str
    year: str
    period_start: str
    period_end: str
    complete: bool
    profile_name: str
    profile_version: int
    level: str
    figures_version: str
    published_at: str
    tables: tuple[ExportedTable, ...]
    extra_files: Mapping[str, bytes] = field(default_factory=dict)  # figures.yaml, profile

    @property
    def profile_id(self) -> str:
        return f"{self.profile_name} v{self.profile_version} ({self.level})"


@dataclass(frozen=True, slots=True)
class ComparedCell:
    figure: str
    table: str
    row: str
    column: str
    first: str
    second: str


def write_area_export(export: AreaExport, out: Path) -> list[str]:
    """Write the folder `out` whole (built beside it, then renamed); the files written."""
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{out}: the folder exists and is not empty; choose a new folder")
    contents: dict[str, bytes] = dict(export.extra_files)
    for table in export.tables:
        contents[table.file] = _csv_bytes(_table_rows(table.published))
        contents[table.reasons_file] = _csv_bytes(
            [["row", "column", "reason"], *([r.row, r.column, r.reason] for r in table.reasons)]
        )
    manifest = _manifest(export, contents)
    contents[MANIFEST] = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for name, data in contents.items():
            (building / name).parent.mkdir(parents=True, exist_ok=True)
            (building / name).write_bytes(data)
        if out.exists():
            out.rmdir()
        building.rename(out)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return sorted(contents)


def _manifest(export: AreaExport, contents: Mapping[str, bytes]) -> dict[str, Any]:
    profile_file = next((n for n in export.extra_files if n.startswith("profile/")), None)
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "area": export.area,
        "year": export.year,
        "period_start": export.period_start,
        "period_end": export.period_end,
        "complete": export.complete,
        "profile": {
            "name": export.profile_name,
            "version": export.profile_version,
            "level": export.level,
            "file": profile_file,
        },  # fmt: skip
        "figures_version": export.figures_version,
        "published_at": export.published_at,
        "tables": [
            {
                "figure": t.figure,
                "table": t.table,
                "name": t.published.name,
                "file": t.file,
                "reasons": t.reasons_file,
                "label_columns": list(t.published.layout.label_columns),
                "column_variable": t.published.layout.column_variable,
            }
            for t in export.tables
        ],  # fmt: skip
        "files": {
            name: hashlib.sha256(data).hexdigest() for name, data in sorted(contents.items())
        },
    }


def _table_rows(table: PublishedTable) -> list[list[str]]:
    layout = table.layout
    return [
        [*layout.label_columns, *layout.count_columns],
        *([*labels, *values] for labels, values in zip(layout.row_labels, table.values,
                                                       strict=True)),
    ]  # fmt: skip


def _csv_bytes(rows: Sequence[Sequence[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def load_area_export(path: Path | str) -> AreaExport:
    """Read and check an export folder; FileFormatError naming the file and field if bad."""
    folder = Path(path)
    manifest_path = folder / MANIFEST
    manifest = _read_manifest(manifest_path)
    files: dict[str, Any] = manifest["files"]
    for name, digest in files.items():
        _check_file(folder, name, digest, manifest_path)
    profile = manifest["profile"]
    for key, kind in (("name", str), ("version", int), ("level", str)):
        if not isinstance(profile.get(key), kind):
            raise FileFormatError(
                str(manifest_path), f"field 'profile.{key}': expected a {kind.__name__}"
            )
    tables = tuple(_table(folder, manifest_path, n, entry, files)
                   for n, entry in enumerate(manifest["tables"]))  # fmt: skip
    return AreaExport(
        area=manifest["area"], year=manifest["year"], period_start=manifest["period_start"],
        period_end=manifest["period_end"], complete=manifest["complete"],
        profile_name=profile["name"], profile_version=profile["version"], level=profile["level"],
        figures_version=manifest["figures_version"], published_at=manifest["published_at"],
        tables=tables,
        extra_files={n: (folder / n).read_bytes() for n in files
                     if not n.startswith(("tables/", "reasons/"))},
    )  # fmt: skip


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise FileFormatError(
            str(path), "is missing: an export folder has a manifest.json"
        ) from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FileFormatError(str(path), f"is not a JSON manifest ({error})") from error
    if not isinstance(manifest, dict):
        raise FileFormatError(str(path), "expected a JSON object")
    for key, kind in _NEEDED.items():
        if not isinstance(manifest.get(key), kind):
            found = type(manifest.get(key)).__name__ if key in manifest else "nothing"
            raise FileFormatError(
                str(path), f"field {key!r}: found {found}, expected a {kind.__name__}"
            )
    if manifest["format"] != FORMAT:
        raise FileFormatError(
            str(path), f"field 'format': found {manifest['format']!r}, expected {FORMAT!r}"
        )
    if manifest["schema_version"] != SCHEMA_VERSION:
        raise FileFormatError(
            str(path),
            f"field 'schema_version': found {manifest['schema_version']}, expected "
            f"{SCHEMA_VERSION} (this version of joinedup reads schema {SCHEMA_VERSION} only)",
        )
    return manifest


def _check_file(folder: Path, name: str, digest: Any, manifest: Path) -> None:
    target = (folder / name).resolve()
    if folder.resolve() not in target.parents:
        raise FileFormatError(str(manifest), f"field 'files': {name!r} is outside the folder")
    if not target.is_file():
        raise FileFormatError(str(folder / name), "is listed in manifest.json but missing")
    actual = hashlib.sha256(target.read_bytes()).hexdigest()
    if actual != digest:
        raise FileFormatError(
            str(folder / name),
            f"SHA-256 is {actual}, manifest.json says {digest}: the file was changed after export",
        )


def _table(
    folder: Path, manifest: Path, n: int, entry: Any, files: Mapping[str, Any]
) -> ExportedTable:
    where = f"field 'tables[{n}]"
    if not isinstance(entry, dict):
        raise FileFormatError(str(manifest), f"{where}': expected an object")
    for key in ("figure", "table", "name", "file", "reasons", "label_columns", "column_variable"):
        if key not in entry:
            raise FileFormatError(str(manifest), f"{where}.{key}': missing")
        if key in ("file", "reasons") and entry[key] not in files:
            raise FileFormatError(
                str(manifest), f"{where}.{key}': {entry[key]!r} is not in 'files'"
            )
    rows = _read_csv(folder / entry["file"])
    labels = len(entry["label_columns"])
    header = rows[0]
    if header[:labels] != entry["label_columns"] or len(header) <= labels:
        raise FileFormatError(
            str(folder / entry["file"]),
            f"header {header}: expected the label columns {entry['label_columns']} then counts",
            row=1,
        )
    for line, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            raise FileFormatError(
                str(folder / entry["file"]), f"{len(row)} fields, expected {len(header)}", row=line
            )
    layout = Layout(
        name=str(entry["name"]), label_columns=tuple(header[:labels]),
        count_columns=tuple(header[labels:]),
        row_labels=tuple(tuple(r[:labels]) for r in rows[1:]),
        column_variable=str(entry.get("column_variable") or MEASURE),
    )  # fmt: skip
    published = PublishedTable(layout, tuple(tuple(r[labels:]) for r in rows[1:]))
    reasons_rows = _read_csv(folder / entry["reasons"])
    if reasons_rows[0] != ["row", "column", "reason"]:
        raise FileFormatError(
            str(folder / entry["reasons"]), "expected the header row,column,reason", row=1
        )
    reasons = tuple(
        CellReason(layout.name, r[0], r[1], r[2]) for r in reasons_rows[1:] if len(r) == 3
    )
    return ExportedTable(str(entry["figure"]), str(entry["table"]), published, reasons)


def _read_csv(path: Path) -> list[list[str]]:
    try:
        rows = [r for r in csv.reader(path.read_text(encoding="utf-8-sig").splitlines()) if r]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise FileFormatError(str(path), f"cannot be read as UTF-8 CSV ({error})") from error
    if not rows:
        raise FileFormatError(str(path), "is empty: expected a header row")
    return rows


def compare_areas(
    first: AreaExport, second: AreaExport, *, allow_different_profiles: bool = False
) -> list[ComparedCell]:
    """Every published cell the two exports share (same figure, table, row and column),
    side by side. Exports made under different profiles are refused unless allowed: a
    '*' under nhs and a 'c' under dfe hide different ranges, and rounded and unrounded
    counts do not compare."""
    if (first.profile_name, first.profile_version, first.level) != (
        second.profile_name, second.profile_version, second.level,
    ) and not allow_different_profiles:  # fmt: skip
        raise InputError(
            f"{first.area} was published under {first.profile_id} and {second.area} under "
            f"{second.profile_id}: their figures do not compare (give --allow-different-profiles "
            "to compare them anyway)"
        )
    theirs = {(t.figure, t.table): t.published for t in second.tables}
    found = []
    for table in first.tables:
        other = theirs.get((table.figure, table.table))
        if other is None:
            continue
        mine, their = _cells(table.published), _cells(other)
        found += [ComparedCell(table.figure, table.table, row, column, value, their[row, column])
                  for (row, column), value in mine.items() if (row, column) in their]  # fmt: skip
    return found


def _cells(table: PublishedTable) -> dict[tuple[str, str], str]:
    layout = table.layout
    return {
        (layout.row_name(r), layout.count_columns[c]): table.values[r][c]
        for r, c in layout.positions()
    }
