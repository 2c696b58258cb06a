"""CSV export: one row per entry, the same columns always, and a header beside it."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology import (
    CSV_COLUMNS,
    Entitlements,
    Production,
    chronology_for_person,
    write_chronology,
    write_csv,
)
from joinedup.errors import InputError

PRODUCTION = Production(
    "A. Analyst", "MACE meeting 12 May 2026", datetime(2026, 5, 1, 9, 30, tzinfo=UTC)
)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_csv_has_the_documented_columns_and_a_row_per_entry(
    tiny: AnalysisTables, tmp_path: Path
) -> None:
    chronology = chronology_for_person(tiny, "C1", Entitlements.everything())
    write_csv(chronology, tmp_path / "c.csv", PRODUCTION)
    rows = _read(tmp_path / "c.csv")
    assert tuple(rows[0]) == CSV_COLUMNS == (
        "entry_kind", "date", "date_iso", "date_precision", "agency", "event_type",
        "event_type_label", "summary", "narrative", "place", "people", "source_record",
        "sensitivity", "grade", "turning_points",
    )  # fmt: skip
    assert len(rows) == len(chronology.entries)
    referral = next(r for r in rows if r["source_record"] == "CSC:2")
    assert (referral["date"], referral["date_iso"], referral["date_precision"]) == (
        "2016", "2016", "year",
    )  # fmt: skip
    assert referral["turning_points"] == "First referral to children's services"


def test_csv_leaves_fields_the_reader_may_not_see_empty(
    tiny: AnalysisTables, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    write_chronology(tiny, "C1", path, Entitlements(), "court bundle", "A. Analyst")
    rows = _read(path)
    assert all(r["narrative"] == "" for r in rows)
    assert "HLT" not in {r["agency"] for r in rows}


def test_the_header_goes_beside_the_csv(tiny: AnalysisTables, tmp_path: Path) -> None:
    chronology = chronology_for_person(tiny, "C1", Entitlements())
    about = write_csv(chronology, tmp_path / "c.csv", PRODUCTION).read_text()
    assert "Purpose: MACE meeting 12 May 2026" in about
    assert "Produced by: A. Analyst" in about
    assert "Produced at: 1 May 2026 09:30 UTC" in about
    assert "Subject: Amy Ash, born 4 March 2008 (person C1)" in about
    assert "1 entry from HLT not shown" in about


def test_a_purpose_is_required(tiny: AnalysisTables, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="purpose"):
        write_chronology(tiny, "C1", tmp_path / "c.csv", Entitlements(), " ", "A. Analyst")


def test_only_csv_and_pdf_are_written(tiny: AnalysisTables, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.csv or \.pdf"):
        write_chronology(tiny, "C1", tmp_path / "c.docx", Entitlements(), "MACE", "A. Analyst")
