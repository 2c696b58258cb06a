"""Reading the synthetic exports back in their own formats, for the synth tests."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import python_calamine


def csv_rows(path: Path, encoding: str = "utf-8", delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def jsonl_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def parquet_rows(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def xlsx_rows(folder: Path, stem: str) -> Iterator[dict[str, Any]]:
    for path in sorted(folder.glob(f"{stem}*.xlsx")):
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        values = workbook.get_sheet_by_index(0).to_python()
        header = [str(h) for h in values[0]]
        for row in values[1:]:
            yield dict(zip(header, row, strict=True))


def person_ids(borough: Path) -> dict[str, list[str]]:
    """Every person record's source id, per agency, read from the export files."""
    return {
        "POL": [r["NOMINAL_REF"] for r in csv_rows(borough / "police/nominals.csv")],
        "CSC": [r["personId"] for r in jsonl_rows(borough / "social_care/people.jsonl")],
        "HLT": [r["patient_id"] for r in parquet_rows(borough / "health/patients.parquet")],
        "EDU": [str(r["UPN"]) for r in xlsx_rows(borough / "education", "pupils")],
        "LIC": [
            r["Licence No"]
            for r in csv_rows(borough / "licensing/licence_holders.csv", "cp1252", ";")
        ],
    }


def event_ids(borough: Path) -> dict[str, list[str]]:
    return {
        "POL": [r["OCC_REF"] for r in csv_rows(borough / "police/occurrences.csv")],
        "CSC": [r["episodeId"] for r in jsonl_rows(borough / "social_care/episodes.jsonl")],
        "HLT": [r["encounter_id"] for r in parquet_rows(borough / "health/encounters.parquet")],
        "EDU": [str(r["Ref"]) for r in xlsx_rows(borough / "education", "attendance_exclusions")],
        "LIC": [
            r["Event Ref"]
            for r in csv_rows(borough / "licensing/licence_events.csv", "cp1252", ";")
        ],
    }
