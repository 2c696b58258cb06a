"""The analysis commands in `joinedup --help`, and `joinedup demo` screening its borough
(real processes, each with its own SQLite data folder)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from joinedup.cli.main import cli
from tests.cli.test_commands import run_cli


def test_help_lists_the_analysis_commands_in_the_designed_order() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line]
    designed = ["demo", "serve", "synth", "import", "link", "screen", "network", "chronology",
                "link-file"]  # fmt: skip
    assert [name for name in listed if name in designed] == designed


@pytest.mark.slow
def test_demo_screens_and_charts_the_borough_it_builds_as_of_its_last_event(tmp_path: Path) -> None:
    data = tmp_path / "data"
    demo = run_cli(["demo", "--children", "150", "--no-serve"], data)
    assert demo.returncode == 0, demo.stderr
    screened = re.search(
        r"screened (\d+) children as of (\d+ \w+ \d{4}) with seraf.yaml", demo.stdout
    )
    assert screened is not None, demo.stdout
    assert screened.group(2).endswith("2025"), "the synthetic borough's records end in 2025"
    assert re.search(r"Run 1: [\d,]+ persons and entities, [\d,]+ links", demo.stdout), demo.stdout
    out = tmp_path / "results.csv"
    again = run_cli(["screen", "--out", str(out)], data)
    assert again.returncode == 0, again.stderr
    assert "Run 2:" in again.stdout
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and len(rows) == int(re.findall(r"screened (\d+)", again.stdout)[0])
