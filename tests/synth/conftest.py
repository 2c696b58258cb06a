"""A small synthetic borough, generated once for the synth tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from joinedup.synth import BoroughSummary, generate_borough


@pytest.fixture(scope="session")
def borough_600(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BoroughSummary]:
    out = tmp_path_factory.mktemp("synth600")
    summary = generate_borough(out, children=600, years=(1985, 2025), seed=11)
    return out, summary


@pytest.fixture(scope="session")
def borough_dir(borough_600: tuple[Path, BoroughSummary]) -> Path:
    return borough_600[0]


def read_truth(borough: Path, name: str) -> list[dict[str, str]]:
    with (borough / "truth" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
