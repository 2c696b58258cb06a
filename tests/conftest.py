"""Shared fixtures: a small synthetic borough built once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that touches the database, so it runs on PostgreSQL too."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if item.get_closest_marker("django_db") or {"db", "transactional_db"} & set(fixtures):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def small_borough(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic borough of 150 children (all five agencies), written once."""
    from joinedup.synth import generate_borough

    out = tmp_path_factory.mktemp("borough")
    generate_borough(out, children=150, years=(1995, 2025), seed=7)
    return out


@pytest.fixture(scope="session")
def manifest(small_borough: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((small_borough / "manifest.json").read_text())
    return data
