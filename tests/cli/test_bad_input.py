"""Each kind of bad input: a clear message naming file (and row and field), nothing
written, exit status 2, no traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from joinedup.cli.main import cli
from joinedup.web.records import models as m
from tests.web.records.conftest import MAPPING, OCCURRENCES, PEOPLE

pytestmark = pytest.mark.django_db


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


HEADER = PEOPLE[0]
CASES: dict[str, tuple[bytes, list[str]]] = {
    "missing required column": (
        "\n".join([HEADER.replace("REF,", ""), *[r.split(",", 1)[1] for r in PEOPLE[1:]]]).encode(),
        ["people.csv, row 1", "REF"],
    ),
    "unknown code": (
        "\n".join([*PEOPLE, "P4,Leah,Ward,04/03/2010,X,W1,,MS1 2AB,,"]).encode(),
        ["people.csv, row 5, field 'SEX'", "'X'"],
    ),
    "impossible date": (
        "\n".join([*PEOPLE, "P4,Leah,Ward,31/02/2010,F,W1,,MS1 2AB,,"]).encode(),
        ["people.csv, row 5, field 'DOB'", "31/02/2010"],
    ),
    "duplicate source_id": (
        "\n".join([*PEOPLE, "P1,Leah,Ward,04/03/2010,F,W1,,MS1 2AB,,"]).encode(),
        ["people.csv, row 5, field 'REF'", "row 2"],
    ),
    "wrong encoding": (
        "\n".join([*PEOPLE, "P4,Zoë,Ward,04/03/2010,F,W1,,MS1 2AB,,"]).encode("cp1252"),
        ["people.csv, row 5", "utf-8"],
    ),
    "empty file": (b"", ["people.csv", "empty"]),
    "truncated file": (("\n".join(PEOPLE) + '\nP4,"Leah').encode(), ["people.csv, row 5"]),
    "not what its extension says": (zip_bytes(), ["people.csv", "not"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_nothing_is_written(tmp_path: Path, case: str) -> None:
    content, expected_fragments = CASES[case]
    (tmp_path / "tst.mapping.yaml").write_text(MAPPING)
    (tmp_path / "people.csv").write_bytes(content)
    (tmp_path / "occurrences.csv").write_text("\n".join(OCCURRENCES) + "\n")
    result = CliRunner().invoke(
        cli,
        [
            "import",
            "--agency",
            "TST",
            "--mapping",
            str(tmp_path / "tst.mapping.yaml"),
            str(tmp_path / "people.csv"),
            str(tmp_path / "occurrences.csv"),
        ],
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for fragment in expected_fragments:
        assert fragment in result.output, f"{fragment!r} not in {result.output!r}"
    assert not m.SourcePerson.objects.exists()
    assert not m.Event.objects.exists()
    assert not m.ImportBatch.objects.exists()


def test_skip_invalid_prints_exactly_the_skipped_rows(tmp_path: Path) -> None:
    (tmp_path / "tst.mapping.yaml").write_text(MAPPING)
    (tmp_path / "people.csv").write_text(
        "\n".join([*PEOPLE, "P4,Leah,Ward,31/02/2010,F,W1,,MS1 2AB,,"]) + "\n"
    )
    (tmp_path / "occurrences.csv").write_text("\n".join(OCCURRENCES) + "\n")
    result = CliRunner().invoke(
        cli,
        [
            "import",
            "--skip-invalid",
            "--agency",
            "TST",
            "--mapping",
            str(tmp_path / "tst.mapping.yaml"),
            str(tmp_path / "people.csv"),
            str(tmp_path / "occurrences.csv"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "1 rows skipped" in result.output
    assert "people.csv, row 5, field 'DOB'" in result.output
    assert m.SourcePerson.objects.count() == 3


def test_square_brackets_in_an_error_message_are_printed_as_written(tmp_path: Path) -> None:
    mapping = tmp_path / "[police].mapping.yaml"
    mapping.write_text("agency: [not, a, mapping\n", encoding="utf-8")
    args = ["import", "--agency", "POL", "--mapping", str(mapping), str(mapping)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "[police].mapping.yaml" in result.stderr
