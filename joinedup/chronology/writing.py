"""One call for the command line: build a person's chronology and write it out.

    write_chronology(tables, "P-000123", Path("chronology.pdf"), reader,
                     purpose="MACE meeting 12 May 2026", produced_by="A. Analyst")

The extension chooses the format: `.csv` (with a `.csv.about.txt` header beside it) or
`.pdf`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology.build import chronology_for_person
from joinedup.chronology.entitlements import Entitlements
from joinedup.chronology.entries import Chronology
from joinedup.chronology.export_csv import write_csv
from joinedup.chronology.export_pdf import write_pdf
from joinedup.chronology.filters import Filters
from joinedup.chronology.gaps import DEFAULT_GAP_MONTHS
from joinedup.chronology.header import Production
from joinedup.errors import InputError

__all__ = ["FORMATS", "write_chronology"]

FORMATS = (".csv", ".pdf")


def write_chronology(
    tables: AnalysisTables,
    person_id: str,
    out_path: Path,
    reader: Entitlements,
    purpose: str,
    produced_by: str,
    filters: Filters | None = None,
    *,
    produced_at: datetime | None = None,
    gap_months: int | None = DEFAULT_GAP_MONTHS,
    indicator_event_ids: Iterable[str] | None = None,
) -> Chronology:
    """Build the chronology the reader may see and write it as CSV or PDF by extension."""
    suffix = out_path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{out_path}: a chronology is written as .csv or .pdf, not {suffix!r}")
    production = (Production(produced_by, purpose, produced_at) if produced_at
                  else Production(produced_by, purpose))  # fmt: skip
    chronology = chronology_for_person(tables, person_id, reader, filters,
                                       gap_months=gap_months,
                                       indicator_event_ids=indicator_event_ids)  # fmt: skip
    if suffix == ".csv":
        write_csv(chronology, out_path, production)
    else:
        write_pdf(chronology, out_path, production)
    return chronology
