"""`joinedup import` says whether and how it linked the person records it brought."""

from __future__ import annotations

import json
from pathlib import Path

from .test_commands import run_cli, tiny_files  # noqa: F401  (the fixture)

KAYLEIGH_AGAIN = "P4,Kayleigh,Smith,04/03/2009,F,W1,,MS1 2AB,,07700 900123\n"


def test_import_links_arriving_records_once_link_has_run(
    tiny_files: tuple[Path, Path, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    mapping, people, occurrences = tiny_files
    data = tmp_path / "data"
    command = ["import", "--agency", "TST", "--mapping", str(mapping), str(people)]
    command.append(str(occurrences))
    first = run_cli(command, data)
    assert first.returncode == 0, first.stderr
    assert "not linked" in first.stdout and "run `joinedup link`" in first.stdout
    linked = run_cli(["link"], data)
    assert linked.returncode == 0, linked.stderr
    assert "3 records → 3 persons" in linked.stdout and (data / "person_index.duckdb").exists()
    people.write_text(people.read_text() + KAYLEIGH_AGAIN)
    second = run_cli(command, data)
    assert second.returncode == 0, second.stderr
    assert "Persons: 1 new or changed record(s) linked: 1 to existing persons, 0 as new" in (
        second.stdout.replace("\n", " ")
    )
    status = json.loads(run_cli(["status", "--json"], data).stdout)
    assert status["agencies"][0]["counts"]["person"] == 4
