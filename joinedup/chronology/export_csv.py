"""A chronology as CSV: one row per entry, the same columns always, so chronologies from
several agencies or runs can be merged, sorted and analysed (DOMAIN.md D13).

The CSV holds the table only; who produced it, when, for what purpose and what was
withheld go in a companion text file beside it (`<name>.csv.about.txt`), so the table
stays machine-readable. Fields a reader is not entitled to (the narrative) are empty.
"""

from __future__ import annotations

import csv
from pathlib import Path

from joinedup.chronology.entries import Chronology, ChronologyEntry
from joinedup.chronology.header import Production, header_fields
from joinedup.chronology.turning import flag_label

__all__ = ["CSV_COLUMNS", "about_path", "csv_row", "write_csv"]

CSV_COLUMNS = (
    "entry_kind",
    "date",
    "date_iso",
    "date_precision",
    "agency",
    "event_type",
    "event_type_label",
    "summary",
    "narrative",
    "place",
    "people",
    "source_record",
    "sensitivity",
    "grade",
    "turning_points",
)


def csv_row(entry: ChronologyEntry) -> dict[str, str]:
    """One entry as CSV values; turning points as labels joined with '; '."""
    marks = [flag_label(f) for f in entry.flags if f not in ("gap", "birth")]
    return {
        "entry_kind": entry.kind,
        "date": entry.when.display,
        "date_iso": entry.when.iso,
        "date_precision": entry.when.precision,
        "agency": entry.agency,
        "event_type": entry.event_type,
        "event_type_label": entry.event_type_label,
        "summary": entry.summary,
        "narrative": entry.narrative or "",
        "place": entry.place or "",
        "people": entry.people_display(),
        "source_record": entry.source_record or "",
        "sensitivity": entry.sensitivity or "",
        "grade": entry.grade or "",
        "turning_points": "; ".join(marks),
    }


def about_path(csv_path: Path) -> Path:
    return csv_path.with_name(csv_path.name + ".about.txt")


def write_csv(chronology: Chronology, path: Path, production: Production) -> Path:
    """Write the table to `path` and the header beside it; returns the header's path."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(csv_row(e) for e in chronology.entries)
    lines = [f"{name}: {value}" for name, value in header_fields(chronology, production)]
    lines += ["", "Sharing statement:", *chronology.sharing_statement()]
    about = about_path(path)
    about.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return about
