from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

from joinedup.linkage.features import features_table
from joinedup.linkage.names import names_equivalent


def one(**columns: object) -> dict[str, Any]:
    table = pa.table({"record_id": ["r1"], **{k: [v] for k, v in columns.items()}})
    row: dict[str, Any] = features_table(table).to_pylist()[0]
    return row


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Bob", "Robert"),
        ("Kayley", "Kayleigh"),
        ("Kaylee", "Kayleigh"),
        ("Mohamed", "Muhammad"),
        ("Mohammad", "Mohammed"),
        ("Ayesha", "Aisha"),
        ("Shivonne", "Siobhan"),
        ("Zoë", "Zoe"),
        ("Davy", "David"),
    ],
)
def test_nicknames_and_transliterations_are_equivalent(first: str, second: str) -> None:
    assert names_equivalent(first, second)


def test_nickname_roots_do_not_chain() -> None:
    assert names_equivalent("Ron", "Ronald") and names_equivalent("Ron", "Aaron")
    assert not names_equivalent("Ronald", "Aaron")


def test_names_are_lowered_folded_and_stripped() -> None:
    row = one(forenames="Zoë-Anne  Marie", surname="O'Brien", other_names=["Zoe Smith"])
    assert row["forename1"] == "zoe"
    assert row["surname"] == "obrien"
    assert {"smith", "obrien"} <= set(row["surnames_all"])
    assert {"anne", "marie"} <= set(row["forenames_all"])


def test_transliterated_forenames_share_a_blocking_key() -> None:
    assert one(forenames="Mohamed")["forename_key"] == one(forenames="Muhammad")["forename_key"]


def test_first_of_january_is_a_placeholder_for_year_only() -> None:
    row = one(dob="2009-01-01")
    assert (row["dob_precision"], row["dob_year"], row["dob_full"]) == ("year", 2009, None)
    assert row["dob_placeholder"] is True


@pytest.mark.parametrize(
    ("dob", "precision", "full"),
    [("2009-03-14", "day", "2009-03-14"), ("2009-03", "month", None), ("2009", "year", None),
     ("2009-02-30", "year", None), ("", None, None), ("not a date", None, None)],
)  # fmt: skip
def test_partial_dates_keep_their_precision(dob: str, precision: str | None, full: str) -> None:
    row = one(dob=dob)
    assert (row["dob_precision"], row["dob_full"]) == (precision, full)


@pytest.mark.parametrize(
    ("number", "kept"),
    [("943 476 5919", "9434765919"), ("9434765918", None), ("0000000000", None), ("12345", None)],
)
def test_nhs_numbers_need_a_valid_check_digit(number: str, kept: str | None) -> None:
    assert one(nhs_number=number)["nhs_number"] == kept


def test_phones_become_e164_and_postcodes_split() -> None:
    row = one(phone="07700 900123", postcode="tf1 2ab", postcodes=["TF3 4CD"])
    assert row["phones_all"] == ["+447700900123"]
    assert (row["postcode"], row["pc_sector"], row["pc_district"]) == ("TF12AB", "TF1 2", "TF1")
    assert set(row["postcodes_all"]) == {"TF12AB", "TF34CD"}


def test_a_record_with_nothing_to_link_on_is_not_linkable() -> None:
    assert one(postcode="TF1 2AB", sex="female")["linkable"] is False
    assert one(surname="Smith")["linkable"] is True
