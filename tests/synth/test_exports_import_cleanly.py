"""Every agency's export reads through its own mapping with no problems, and the
records read are exactly those the ground truth lists."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.synth.conftest import read_truth


def test_every_export_reads_cleanly_through_its_mapping(borough_dir: Path) -> None:
    mapping_module = pytest.importorskip("joinedup.records.mapping")
    export_module = pytest.importorskip("joinedup.records.export")
    manifest = json.loads((borough_dir / "manifest.json").read_text("utf-8"))
    people = Counter(r["agency"] for r in read_truth(borough_dir, "persons"))
    events = Counter(r["agency"] for r in read_truth(borough_dir, "events"))
    for export in manifest["exports"]:
        mapping = mapping_module.load_mapping(borough_dir / export["mapping"])
        paths = [borough_dir / f for f in export["files"]]
        result = export_module.read_export(mapping, paths)
        assert list(result.problems) == [], (export["agency"], list(result.problems)[:5])
        assert len(result.batch.persons) == people[export["agency"]]
        assert len(result.batch.events) == events[export["agency"]]


def test_a_tiny_borough_reads_cleanly_though_some_exports_have_no_rows(tmp_path: Path) -> None:
    from joinedup.records.export import read_export
    from joinedup.records.mapping import load_mapping
    from joinedup.synth import generate_borough

    generate_borough(tmp_path, children=5, years=(2015, 2025), seed=3)
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    persons = {}
    for export in manifest["exports"]:
        paths = [tmp_path / f for f in export["files"]]
        result = read_export(load_mapping(tmp_path / export["mapping"]), paths)
        assert list(result.problems) == [], export["agency"]
        persons[export["agency"]] = len(result.batch.persons)
    assert 0 in persons.values() and sum(persons.values()) > 0, persons
