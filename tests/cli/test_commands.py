"""The command line: help, status, synth, and bad input reported without a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from joinedup.cli.main import cli

COMMANDS = ["demo", "serve", "synth", "import", "status", "manage"]


def test_help_lists_every_command_with_its_purpose() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        line = next(line for line in result.output.splitlines() if line.strip().startswith(name))
        assert len(line.split(maxsplit=1)) == 2, f"{name} has no one-line purpose"


def test_synth_rejects_malformed_years_without_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["synth", "--years", "2025-1985", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--years '2025-1985'" in result.output and "Traceback" not in result.output


def test_import_with_neither_mapping_nor_manifest_explains_usage() -> None:
    result = CliRunner().invoke(cli, ["import"])
    assert result.exit_code == 2
    assert "expected --agency CODE --mapping MAPPING.yaml FILE... or --manifest" in result.output


def run_cli(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["JOINEDUP_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "joinedup", *args],
        env=env,
        text=True,
        capture_output=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def tiny_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    from tests.web.records.conftest import MAPPING, OCCURRENCES, PEOPLE

    mapping = tmp_path / "tst.mapping.yaml"
    mapping.write_text(MAPPING)
    people = tmp_path / "people.csv"
    people.write_text("\n".join(PEOPLE) + "\n")
    occurrences = tmp_path / "occurrences.csv"
    occurrences.write_text("\n".join(OCCURRENCES) + "\n")
    return mapping, people, occurrences


def test_real_process_imports_then_reports_status_as_json(
    tiny_files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    mapping, people, occurrences = tiny_files
    done = run_cli(
        ["import", "--agency", "TST", "--mapping", str(mapping), str(people), str(occurrences)],
        tmp_path / "data",
    )
    assert done.returncode == 0, done.stderr
    status = run_cli(["status", "--json"], tmp_path / "data")
    report = json.loads(status.stdout)
    [agency] = report["agencies"]
    assert agency["code"] == "TST" and agency["counts"]["person"] == 3
    assert agency["counts"]["event"] == 2 and len(report["batches"]) == 1


def test_real_process_bad_file_exits_2_names_file_row_field_and_writes_nothing(
    tiny_files: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    mapping, people, occurrences = tiny_files
    people.write_text(people.read_text() + "P9,Ann,Lee,12/13/2010,F,W1,,MS1 2AB,,\n")
    done = run_cli(
        ["import", "--agency", "TST", "--mapping", str(mapping), str(people), str(occurrences)],
        tmp_path / "data",
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert "people.csv, row 5, field 'DOB'" in done.stderr
    status = run_cli(["status", "--json"], tmp_path / "data")
    assert json.loads(status.stdout)["agencies"] == []


def test_link_file_without_record_id_says_so_and_writes_nothing(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("forenames,surname,dob\nKayleigh,Smith,2009-03-04\n")
    out = tmp_path / "clusters.csv"
    result = CliRunner().invoke(cli, ["link-file", str(people), "--out", str(out)])
    assert result.exit_code == 2
    assert "record_id" in result.output and "people.csv" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_link_file_writes_a_person_for_every_record(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text(
        "record_id,forenames,surname,dob,sex,postcode\n"
        "a,Kayleigh,Smith,2009-03-04,female,MS1 2AB\n"
        "b,Kayleigh,Smith,2009-03-04,female,MS1 2AB\n"
        "c,Amber,Smith,2009-03-04,female,MS1 2AB\n"
        "d,,,,,\n"
    )
    out, pairs = tmp_path / "clusters.csv", tmp_path / "pairs.csv"
    result = CliRunner().invoke(
        cli, ["link-file", str(people), "--out", str(out), "--pairs", str(pairs)]
    )
    assert result.exit_code == 0, result.output
    rows = dict(line.split(",") for line in out.read_text().split()[1:])
    clusters = {k.strip('"'): v.strip('"') for k, v in rows.items()}
    assert clusters["a"] == clusters["b"] != clusters["c"]
    assert len(set(clusters.values())) == 3
    assert "nothing to link on" in result.output and "d" in result.output
