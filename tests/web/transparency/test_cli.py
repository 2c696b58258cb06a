"""`joinedup annual-report`, `export-figures` and `compare-areas` against a published year."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from joinedup.cli.main import JoinedUpGroup
from joinedup.cli.transparency import annual_report, compare_areas_command, export_figures
from joinedup.transparency import load_area_export
from joinedup.web import bootstrap
from joinedup.web.transparency.models import Publication
from tests.web.transparency.conftest import child

pytestmark = pytest.mark.django_db
GROUP = JoinedUpGroup(commands=[annual_report, export_figures, compare_areas_command])


@pytest.fixture(autouse=True)
def _django_is_set_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bootstrap, "_ready", True)  # pytest-django has set it up


def run(*args: str) -> Result:
    return CliRunner().invoke(GROUP, list(args))


@pytest.fixture
def published(items: dict[str, Any], publish: Callable[..., Publication]) -> Publication:
    items["referrals"] = [child()] * 3 + [child("Male")] * 12
    return publish(2024)


def test_export_figures_writes_a_loadable_folder(published: Publication, tmp_path: Path) -> None:
    done = run("export-figures", "--year", "2024-25", "--out", str(tmp_path / "ours"))
    assert done.exit_code == 0, done.output
    loaded = load_area_export(tmp_path / "ours")
    assert loaded.area == "Demo borough safeguarding partnership"
    assert loaded.year == "2024-25" and loaded.profile_id == "nhs v1 (sub-national)"
    manifest = json.loads((tmp_path / "ours" / "manifest.json").read_text())
    assert "profile/nhs.yaml" in manifest["files"] and "figures.yaml" in manifest["files"]
    assert len(loaded.tables) == len(published.tables)


def test_compare_areas_prints_both_side_by_side(published: Publication, tmp_path: Path) -> None:
    run("export-figures", "--year", "2024", "--out", str(tmp_path / "a"))
    run("export-figures", "--year", "2024", "--out", str(tmp_path / "b"))
    done = run("compare-areas", str(tmp_path / "a"), str(tmp_path / "b"), "--figure", "referrals")
    assert done.exit_code == 0, done.output
    assert "Female" in done.output and "*" in done.output


def test_an_unpublished_year_is_an_error_without_a_traceback(tmp_path: Path) -> None:
    done = run("annual-report", "--year", "2019", "--out", str(tmp_path / "r.pdf"))
    assert done.exit_code == 2
    assert "2019-20 has not been published" in done.output
    assert "Traceback" not in done.output
    assert not (tmp_path / "r.pdf").exists()


def test_annual_report_writes_a_pdf(published: Publication, tmp_path: Path) -> None:
    done = run("annual-report", "--year", "2024", "--out", str(tmp_path / "report.pdf"))
    assert done.exit_code == 0, done.output
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
