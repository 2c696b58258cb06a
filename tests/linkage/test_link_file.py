from __future__ import annotations

import csv
from pathlib import Path

import pytest

from joinedup.errors import InputError
from joinedup.linkage.pipeline import link_file


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


PEOPLE = [
    {"record_id": "a1", "forenames": "Kayleigh", "surname": "Smith", "dob": "2009-03-14",
     "postcode": "MS1 1AA", "phone": "07700900123", "extra": "ignored"},
    {"record_id": "b7", "forenames": "Kayleigh", "surname": "Smith", "dob": "2009-03-14",
     "postcode": "MS1 1AA", "phone": "07700 900123", "extra": ""},
    {"record_id": "c3", "forenames": "Jordan", "surname": "Price", "dob": "1990-07-01",
     "postcode": "MS2 2BB", "phone": "", "extra": ""},
    {"record_id": "d4", "forenames": "", "surname": "", "dob": "", "postcode": "MS2 2BB",
     "phone": "", "extra": ""},
]  # fmt: skip


def test_link_file_writes_a_person_for_every_record(tmp_path: Path) -> None:
    people = write_csv(tmp_path / "people.csv", PEOPLE)
    result = link_file(people, tmp_path / "clusters.csv", tmp_path / "pairs.csv")
    with (tmp_path / "clusters.csv").open(encoding="utf-8") as handle:
        clusters = {row["record_id"]: row["person_id"] for row in csv.DictReader(handle)}
    assert set(clusters) == {"a1", "b7", "c3", "d4"}
    assert clusters["a1"] == clusters["b7"] != clusters["c3"]
    assert result.unlinkable_record_ids == ("d4",)
    with (tmp_path / "pairs.csv").open(encoding="utf-8") as handle:
        pairs = list(csv.DictReader(handle))
    assert [(p["record_id_l"], p["record_id_r"]) for p in pairs] == [("a1", "b7")]
    assert float(pairs[0]["match_probability"]) >= 0.9


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"id": "1", "surname": "Smith"}], "no record_id column"),
        ([{"record_id": "1", "surname": "A"}, {"record_id": "1", "surname": "B"}], "unique"),
        ([{"record_id": "", "surname": "A"}], "no record_id"),
    ],
)
def test_bad_people_files_write_nothing(
    tmp_path: Path, rows: list[dict[str, str]], message: str
) -> None:
    people = write_csv(tmp_path / "bad-people.csv", rows)
    with pytest.raises(InputError, match=message) as raised:
        link_file(people, tmp_path / "clusters.csv", tmp_path / "pairs.csv")
    assert "bad-people.csv" in str(raised.value)
    assert list(tmp_path.iterdir()) == [people]


def test_an_unsupported_file_type_is_an_input_error(tmp_path: Path) -> None:
    people = tmp_path / "people.txt"
    people.write_text("record_id\n1\n", encoding="utf-8")
    with pytest.raises(InputError, match="people.txt"):
        link_file(people, tmp_path / "clusters.csv")


def test_person_ids_are_minted_in_record_id_order(tmp_path: Path) -> None:
    people = write_csv(tmp_path / "people.csv", PEOPLE)
    link_file(people, tmp_path / "clusters.csv")
    with (tmp_path / "clusters.csv").open(encoding="utf-8") as handle:
        clusters = {row["record_id"]: row["person_id"] for row in csv.DictReader(handle)}
    assert clusters == {
        "a1": "P-0000001", "b7": "P-0000001", "c3": "P-0000002", "d4": "P-0000003",
    }  # fmt: skip


def test_a_cannot_link_keeps_matching_records_apart(tmp_path: Path) -> None:
    people = write_csv(tmp_path / "people.csv", PEOPLE)
    link_file(people, tmp_path / "clusters.csv", cannot_link=[("b7", "a1")])
    with (tmp_path / "clusters.csv").open(encoding="utf-8") as handle:
        clusters = {row["record_id"]: row["person_id"] for row in csv.DictReader(handle)}
    assert clusters["a1"] != clusters["b7"]


def test_a_must_link_joins_records_the_model_keeps_apart(tmp_path: Path) -> None:
    people = write_csv(tmp_path / "people.csv", PEOPLE)
    link_file(people, tmp_path / "clusters.csv", must_link=[("c3", "d4"), ("c3", "zz9")])
    with (tmp_path / "clusters.csv").open(encoding="utf-8") as handle:
        clusters = {row["record_id"]: row["person_id"] for row in csv.DictReader(handle)}
    assert clusters["c3"] == clusters["d4"] != clusters["a1"]


def test_contradictory_constraints_are_an_input_error(tmp_path: Path) -> None:
    people = write_csv(tmp_path / "people.csv", PEOPLE)
    with pytest.raises(InputError, match=r"people\.csv.*cannot-link"):
        link_file(
            people, tmp_path / "clusters.csv",
            must_link=[("a1", "c3")], cannot_link=[("c3", "a1")],
        )  # fmt: skip
    assert not (tmp_path / "clusters.csv").exists()
