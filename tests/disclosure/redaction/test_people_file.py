"""Reading PEOPLE.csv: link-file columns plus other names, address, e-mail, vehicle."""

from __future__ import annotations

from pathlib import Path

import pytest

from joinedup.disclosure.redaction import KnownPerson, read_known_people
from joinedup.errors import FileFormatError, ValidationFailed

HEADER = (
    "record_id,person_id,source,forenames,surname,dob,postcode,phone,nhs_number,"
    "other_names,address,email,vehicle"
)


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "people.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_reads_every_column(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "R1,P1,POL,Jade Louise,Smith,2009-04-03,MS4 2AB,07700 900123,999 104 7298,"
        '"Jaydee; JJ",12 Acacia Avenue,jade@example.net,AB12CDE',
    )
    assert read_known_people(path) == [
        KnownPerson(
            ref="P1", forenames="Jade Louise", surname="Smith", other_names=("Jaydee", "JJ"),
            dob="2009-04-03", postcode="MS4 2AB", address="12 Acacia Avenue",
            phone="07700 900123", email="jade@example.net", nhs_number="9991047298",
            vehicle="AB12CDE",
        )
    ]  # fmt: skip


def test_link_file_columns_alone_are_enough_and_record_id_is_the_ref(tmp_path: Path) -> None:
    path = write(tmp_path, "R7,Sam,Lee,2001", header="record_id,forenames,surname,dob")
    assert read_known_people(path) == [KnownPerson("R7", "Sam", "Lee", dob="2001")]


def test_bad_rows_name_file_row_field_and_expectation(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "R1,P1,POL,Jade,Smith,03/04/2009,,,,,,,",
        ",P2,POL,Sam,Lee,,,,12345,,,,",
    )
    with pytest.raises(ValidationFailed) as raised:
        read_known_people(path)
    message = str(raised.value)
    assert f"{path}, row 2, field 'dob': found '03/04/2009', expected an ISO date" in message
    assert f"{path}, row 3, field 'record_id'" in message
    assert f"{path}, row 3, field 'nhs_number': found '12345', expected ten digits" in message


def test_a_row_longer_than_the_header_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "R1,Sam,Lee,2001,extra", header="record_id,forenames,surname,dob")
    with pytest.raises(ValidationFailed, match="row 2, field '\\(row\\)'"):
        read_known_people(path)


def test_no_record_id_column(tmp_path: Path) -> None:
    path = write(tmp_path, "Sam,Lee", header="forenames,surname")
    with pytest.raises(FileFormatError, match="no record_id column"):
        read_known_people(path)


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="file not found"):
        read_known_people(tmp_path / "nope.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("record_id,surname\nR1,Zo\xeb\n".encode("latin-1"))
    with pytest.raises(FileFormatError, match="not UTF-8"):
        read_known_people(latin)
