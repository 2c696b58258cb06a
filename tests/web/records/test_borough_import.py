"""Round trip: every agency of the synthetic borough, in its own layout and format."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from joinedup.web.records import models as m
from joinedup.web.records.importing import import_export

pytestmark = pytest.mark.django_db

FORMATS = {"POL": "csv", "CSC": "jsonl", "HLT": "parquet", "EDU": "xlsx", "LIC": "csv"}


def truth_counts(borough: Path, name: str) -> Counter[str]:
    with (borough / "truth" / name).open(newline="", encoding="utf-8") as f:
        return Counter(row["agency"] for row in csv.DictReader(f))


def import_agency(borough: Path, manifest: dict[str, Any], code: str) -> m.ImportBatch:
    [export] = [e for e in manifest["exports"] if e["agency"] == code]
    files = [borough / f for f in export["files"]]
    return import_export(code, borough / export["mapping"], files, user="tester").batch


@pytest.mark.parametrize("code", sorted(FORMATS))
def test_agency_export_round_trips_into_canonical_records(
    small_borough: Path, manifest: dict[str, Any], code: str
) -> None:
    [export] = [e for e in manifest["exports"] if e["agency"] == code]
    assert export["format"] == FORMATS[code]
    batch = import_agency(small_borough, manifest, code)
    people = m.SourcePerson.objects.filter(agency__code=code)
    assert people.count() == truth_counts(small_borough, "persons.csv")[code] > 0
    assert (
        m.Event.objects.filter(agency__code=code).count()
        == truth_counts(small_borough, "events.csv")[code]
    )
    for entry in batch.files:
        digest = hashlib.sha256((small_borough / entry["path"]).read_bytes()).hexdigest()
        assert entry["sha256"] == digest
    assert batch.skipped == 0 and batch.changed == 0


def test_whole_borough_imports_from_manifest_and_reimport_changes_nothing(
    small_borough: Path, manifest: dict[str, Any]
) -> None:
    codes = [e["agency"] for e in manifest["exports"]]
    first = [import_agency(small_borough, manifest, c) for c in codes]
    again = [import_agency(small_borough, manifest, c) for c in codes]
    assert sum(b.created for b in first) > 0
    assert [(b.created, b.changed) for b in again] == [(0, 0)] * len(codes)
    assert [b.unchanged for b in again] == [b.created for b in first]
    assert m.SourcePerson.objects.count() == sum(
        truth_counts(small_borough, "persons.csv").values()
    )
