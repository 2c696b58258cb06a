"""`joinedup audit export` writes entries between two dates as CSV for an auditor."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.utils import timezone

from joinedup.cli.main import cli
from joinedup.web.audit.exporting import COLUMNS
from joinedup.web.audit.models import AuditEntry
from joinedup.web.audit.services import record_event
from tests.web.audit.conftest import ALICE

pytestmark = pytest.mark.usefixtures("chain")


def export(*args: str) -> list[dict[str, str]]:
    out = Path(args[-1])
    result = CliRunner().invoke(cli, ["audit", "export", *args[:-1], "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_export_writes_every_column_and_is_itself_audited(tmp_path: Path) -> None:
    rows = export(str(tmp_path / "audit.csv"))
    assert list(rows[0]) == COLUMNS
    assert [r["sequence"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[3]["detail"] == '{"reason": "police at door"}'
    assert rows[1]["hash"] == AuditEntry.objects.get(sequence=2).hash
    last = AuditEntry.objects.order_by("-sequence").first()
    assert last is not None and last.action == "audit.export"
    assert last.detail["entries"] == 5


def test_export_keeps_to_the_dates(tmp_path: Path) -> None:
    today = timezone.localdate()
    yesterday = (today - timedelta(days=1)).isoformat()
    assert export("--from", today.isoformat(), "--to", today.isoformat(), str(tmp_path / "a.csv"))
    assert export("--to", yesterday, str(tmp_path / "b.csv")) == []


def test_export_defuses_spreadsheet_formulas(tmp_path: Path) -> None:
    record_event(ALICE, "person.view", purpose='=HYPERLINK("http://evil")')
    rows = export(str(tmp_path / "audit.csv"))
    assert rows[-1]["purpose"] == """'=HYPERLINK("http://evil")"""


def test_export_rejects_a_bad_date(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["audit", "export", "--from", "31/12/2025", "--out", str(tmp_path / "x.csv")]
    )
    assert result.exit_code == 2
    assert "expected a date as YYYY-MM-DD" in result.output
