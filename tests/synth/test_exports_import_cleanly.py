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
