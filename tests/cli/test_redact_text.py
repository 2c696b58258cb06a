"""`joinedup redact-text IN.txt --known PEOPLE.csv --out OUT.txt [--spans SPANS.json]`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from joinedup.cli.main import JoinedUpGroup
from joinedup.cli.redact import redact_text

PEOPLE = (
    "record_id,person_id,forenames,surname,dob,postcode,phone,nhs_number,other_names\n"
    "R1,P1,Jade,O'Neill,2009-04-03,MS4 2AB,07700 900123,9434765919,Jaydee\n"
    "R2,P2,William,Hall,1980-01-02,,,,\n"
)
TEXT = (
    "Case note\r\n"
    "JADE O’NEILL (DOB 03/04/2009) of MS4 2AB was seen with William Hall.\r\n"
    "Jaydee's phone is 07700 900123; NHS 943 476 5919. Café staff saw Hall.\r\n"
)


def run(*args: str) -> Result:
    group = JoinedUpGroup(commands={"redact-text": redact_text})
    return CliRunner().invoke(group, ["redact-text", *args])


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    text, people = tmp_path / "note.txt", tmp_path / "people.csv"
    text.write_bytes(TEXT.encode("utf-8"))
    people.write_text(PEOPLE, encoding="utf-8")
    return text, people


def test_redacts_the_text_and_writes_the_spans(files: tuple[Path, Path], tmp_path: Path) -> None:
    text, people = files
    out, spans = tmp_path / "out.txt", tmp_path / "spans.json"
    result = run(str(text), "--known", str(people), "--out", str(out), "--spans", str(spans))
    assert result.exit_code == 0, result.output
    assert "8 span(s) redacted" in result.output
    assert out.read_bytes().decode("utf-8") == (
        "Case note\r\n"
        "[Name] (DOB [Date of birth]) of [Postcode] was seen with [Name].\r\n"
        "[Name]'s phone is [Phone number]; NHS [NHS number]. Café staff saw [Name].\r\n"
    )
    written = json.loads(spans.read_text(encoding="utf-8"))
    assert [s["category"] for s in written] == [
        "name", "date_of_birth", "postcode", "name", "name", "phone", "nhs_number", "name",
    ]  # fmt: skip
    for span in written:
        assert {"start", "end", "category", "text"} <= set(span)
        assert TEXT[span["start"] : span["end"]] == span["text"]
    assert written[0] == {
        "start": 11, "end": 23, "category": "name", "text": "JADE O’NEILL", "source": "known",
        "person_ref": "P1",
    }  # fmt: skip


def test_known_only_leaves_unknown_identifiers(files: tuple[Path, Path], tmp_path: Path) -> None:
    text, people = files
    people.write_text("record_id,forenames,surname\nR1,Jade,O'Neill\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run(str(text), "--known", str(people), "--out", str(out), "--known-only")
    assert result.exit_code == 0, result.output
    assert "MS4 2AB" in out.read_text(encoding="utf-8")
    assert "O’NEILL" not in out.read_text(encoding="utf-8")


def test_missing_input_file_exits_non_zero_and_writes_nothing(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    _, people = files
    out = tmp_path / "out.txt"
    result = run(str(tmp_path / "missing.txt"), "--known", str(people), "--out", str(out))
    assert result.exit_code == 2
    assert "missing.txt: file not found" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_bad_csv_row_exits_non_zero_names_the_row_and_writes_nothing(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    text, people = files
    people.write_text("record_id,forenames,surname,dob\nR1,Jade,Smith,3 April 2009\n", "utf-8")
    out, spans = tmp_path / "out.txt", tmp_path / "spans.json"
    result = run(str(text), "--known", str(people), "--out", str(out), "--spans", str(spans))
    assert result.exit_code == 2
    assert "row 2, field 'dob': found '3 April 2009', expected an ISO date" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() and not spans.exists()
    assert set(tmp_path.iterdir()) == {text, people}


def test_output_in_a_missing_folder_writes_nothing(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    text, people = files
    out, spans = tmp_path / "out.txt", tmp_path / "no" / "spans.json"
    result = run(str(text), "--known", str(people), "--out", str(out), "--spans", str(spans))
    assert result.exit_code == 2
    assert "its folder does not exist" in result.output
    assert not out.exists()
    assert set(tmp_path.iterdir()) == {text, people}


def test_non_utf8_input_is_a_clear_error(files: tuple[Path, Path], tmp_path: Path) -> None:
    text, people = files
    text.write_bytes("Caf\xe9".encode("latin-1"))
    result = run(str(text), "--known", str(people), "--out", str(tmp_path / "out.txt"))
    assert result.exit_code == 2
    assert "not UTF-8 text" in result.output


def test_help_names_the_contract() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "--known" in result.output and "--spans" in result.output
    assert isinstance(redact_text, click.Command)


def test_presidio_without_the_extra_is_a_clear_error(
    files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "presidio_analyzer", None)
    monkeypatch.setitem(sys.modules, "presidio_analyzer.predefined_recognizers", None)
    text, people = files
    out = tmp_path / "out.txt"
    result = run(str(text), "--known", str(people), "--out", str(out), "--presidio")
    assert result.exit_code == 2
    assert "pip install 'joinedup[presidio]'" in result.output
    assert not out.exists()
