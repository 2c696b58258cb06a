"""`--engine duckdb|spark` on `joinedup link` and `joinedup link-file`."""

from __future__ import annotations

import csv
import importlib.util
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow.csv as pa_csv
import pytest
from click.testing import CliRunner

from joinedup.cli import linkage as cli_linkage
from joinedup.cli import review as cli_review
from joinedup.cli.main import cli

PEOPLE = (
    "record_id,forenames,surname,dob,sex,postcode\n"
    "a,Kayleigh,Smith,2009-03-04,female,MS1 2AB\n"
    "b,Kayley,Smith,2009-03-04,female,MS1 2AB\n"
    "c,Amber,Smith,2011-07-01,female,MS1 2AB\n"
)


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE)
    return path


def test_the_command_lines_choices_are_the_cores() -> None:
    from joinedup.linkage.engines import ENGINES
    from joinedup.web.people.entity_review import ENTITY_KINDS

    assert cli_linkage.ENGINES == ENGINES
    assert cli_review.ENTITY_KINDS == ENTITY_KINDS


def test_spark_without_java_says_what_to_install_and_writes_nothing(
    people: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    out = tmp_path / "clusters.csv"
    for args in (["link-file", str(people), "--out", str(out)], ["link"]):
        result = CliRunner().invoke(cli, [*args, "--engine", "spark"])
        assert result.exit_code == 2, result.output
        assert "needs Java 17 or later" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_spark_with_an_old_java_says_which(
    people: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "jdk" / "bin"
    bin_dir.mkdir(parents=True)
    java = bin_dir / "java"
    java.write_text("#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n")
    java.chmod(0o755)
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    if importlib.util.find_spec("pyspark") is None:
        pytest.skip("pyspark is not installed: the pyspark message comes first")
    result = CliRunner().invoke(cli, ["link-file", str(people), "--out", str(tmp_path / "c.csv"),
                                      "--engine", "spark"])  # fmt: skip
    assert result.exit_code == 2
    assert f"{java} is Java 11" in result.output


def test_spark_without_pyspark_says_what_to_install(
    people: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec

    def without_pyspark(name: str, *args: Any) -> Any:
        return None if name == "pyspark" else real(name, *args)

    monkeypatch.setattr(cli_linkage.importlib.util, "find_spec", without_pyspark)
    result = CliRunner().invoke(
        cli, ["link-file", str(people), "--out", str(tmp_path / "c.csv"), "--engine", "spark"]
    )
    assert result.exit_code == 2
    assert "needs pyspark" in result.output and "`spark` extra" in result.output


def test_an_unknown_engine_is_refused(people: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["link-file", str(people), "--out", str(tmp_path / "c.csv"), "--engine", "flink"]
    )
    assert result.exit_code == 2 and "'flink' is not one of 'duckdb', 'spark'" in result.output


def spark_or_skip() -> None:
    """Skip, saying why, only without Java or pyspark (as tests/linkage/test_spark_engine)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (17 or later) on PATH; none found")
    pytest.importorskip("pyspark", reason="pyspark is not installed (pip install joinedup[spark])")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return sorted(csv.DictReader(f), key=lambda row: list(row.values()))


@pytest.fixture
def imported(
    small_borough: Path, manifest: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    from joinedup.web.records.importing import import_export

    monkeypatch.setenv("JOINEDUP_DATA_DIR", str(tmp_path / "data"))
    for export in manifest["exports"]:
        files = [small_borough / f for f in export["files"]]
        import_export(export["agency"], small_borough / export["mapping"], files, user="t")
    return small_borough


@pytest.mark.spark
@pytest.mark.django_db
def test_link_and_link_file_on_spark_give_what_duckdb_gives(imported: Path, tmp_path: Path) -> None:
    from joinedup.linkage.borough import person_table_from_borough
    from joinedup.web.people import models as pm

    spark_or_skip()
    assert CliRunner().invoke(cli, ["link"]).exit_code == 0
    on_duckdb = dict(pm.PersonLink.objects.values_list("source_person_id", "person__person_id"))
    result = CliRunner().invoke(cli, ["link", "--engine", "spark"])
    assert result.exit_code == 0, result.output
    assert "on spark" in result.output
    run = pm.LinkageRun.objects.first()
    assert run is not None and run.engine == "spark" and run.summary["new"] == 0
    on_spark = dict(pm.PersonLink.objects.values_list("source_person_id", "person__person_id"))
    assert on_spark == on_duckdb and len(on_spark) > 300
    records = person_table_from_borough(imported).select(["record_id", "forenames", "surname",
                                                          "dob", "sex", "postcode"])  # fmt: skip
    pa_csv.write_csv(records, tmp_path / "people.csv")
    outputs = {}
    for engine in ("duckdb", "spark"):
        clusters, pairs = tmp_path / f"{engine}-clusters.csv", tmp_path / f"{engine}-pairs.csv"
        args = ["link-file", str(tmp_path / "people.csv"), "--out", str(clusters)]
        done = CliRunner().invoke(cli, [*args, "--pairs", str(pairs), "--engine", engine])
        assert done.exit_code == 0, done.output
        outputs[engine] = (read_rows(clusters), read_rows(pairs), done.output)
    assert outputs["spark"][0] == outputs["duckdb"][0]
    assert outputs["spark"][2] == outputs["duckdb"][2]
    assert len(outputs["duckdb"][1]) > 100
    for spark_pair, duckdb_pair in zip(outputs["spark"][1], outputs["duckdb"][1], strict=True):
        assert spark_pair["record_id_l"] == duckdb_pair["record_id_l"]
        assert spark_pair["record_id_r"] == duckdb_pair["record_id_r"]
        weights = (float(spark_pair["match_weight"]), float(duckdb_pair["match_weight"]))
        assert weights[0] == pytest.approx(weights[1], abs=1e-6)
