"""Person-index fixtures: a data folder of the test's own (the person index file lives
there), and the small borough imported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from joinedup.web.records.importing import import_export

from ..records.conftest import tiny  # noqa: F401  (the hand-made export, shared)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own data folder, so its person index file is its own."""
    folder = tmp_path / "data"
    monkeypatch.setenv("JOINEDUP_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def imported(small_borough: Path, manifest: dict[str, Any]) -> Path:
    for export in manifest["exports"]:
        files = [small_borough / f for f in export["files"]]
        import_export(export["agency"], small_borough / export["mapping"], files, user="t")
    return small_borough
