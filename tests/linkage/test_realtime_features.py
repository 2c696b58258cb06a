"""A record featured in Python for real-time matching equals the batch SQL's features."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from joinedup.linkage import feature_sql
from joinedup.linkage.features import features_table
from joinedup.linkage.index import BLOCKING_KEYS, RECORDS_TABLE, build_person_index, text_values
from joinedup.linkage.realtime_features import add_keys, record_features
from joinedup.linkage.realtime_sql import FeatureSQL
from joinedup.linkage.realtime_values import address, clean_name

from .conftest import people_table

AWKWARD = [
    {"record_id": "a1", "forenames": "  Mary-Jane  o'NEIL ", "surname": "Smith-Jones",
     "dob": "2009-02-29", "sex": " F ", "postcode": "ms9 9zz", "phone": "07700 900123",
     "phones": ["+44 7700 900123", "0044 7700 900456", "7700900789", "12"],
     "postcodes": ["MS99ZZ", "ZZ1 1ZZ", "AB", None], "emails": [" A@B.CO ", "nope@", "x@y.z"],
     "other_names": ["Mary Jane Smith", "Jones", "  ", "Anne-Marie  O Hara"]},
    {"record_id": "a2", "forenames": "\tKAYLEIGH\n", "surname": "", "dob": "2010-01-01",
     "nhs_number": "943 476 5919", "upn": " a123 456 ", "pnc_id": "12/34", "sex": "girl"},
    {"record_id": "a3", "forenames": "Jo", "dob": "2010-13-05", "postcode": "SW1A1AA",
     "nhs_number": "4010232137", "other_id": "  ", "address": " 12, Ann St.  NSW "},
    {"record_id": "a4", "dob": "2011-06", "phone": "0207 946 0000", "sex": "U"},
    {"record_id": "a5", "dob": " 1975 ", "emails": ["first.last@example.org"]},
    {"record_id": "a6", "dob": "1889-05-05", "nhs_number": "1111111111"},
    {"record_id": "a7", "forenames": "--", "surname": "'", "dob": "2010-6-2", "postcode": ""},
    {"record_id": "a8"},
    {"record_id": "a9", "forenames": "Zoë Æbba İlkay", "surname": "Łukasz-Ørsted\u00a0Straße",
     "other_names": ["Chloé Müller", "Ｆｕｌｌ Ｗｉｄｔｈ", "ñandú ǅemal"],
     "address": "Rue de l'Église, 3ème",
     "postcode": "ｍｓ９ ９ｚｚ", "phone": "０７７００ 900 123", "nhs_number": "٩٤٣٤٧٦٥٩١٩"},
]  # fmt: skip


@pytest.fixture(scope="module")
def sql() -> Iterator[FeatureSQL]:
    helper = FeatureSQL()
    yield helper
    helper.con.close()


def _texts(table: pa.Table) -> list[dict[str, Any]]:
    return [text_values(row) for row in table.to_pylist()]


def _python_rows(table: pa.Table, sql: FeatureSQL) -> list[dict[str, Any] | None]:
    return [record_features(text, sql.list_distinct) for text in _texts(table)]


def _sql_rows(table: pa.Table) -> list[dict[str, Any]]:
    """The batch features, in the order of `table` (the SQL does not keep it)."""
    rows = {row["record_id"]: row for row in features_table(table).to_pylist()}
    return [rows[record] for record in table.column("record_id").to_pylist()]


def test_python_features_equal_the_sql_features_of_every_background_record(
    background: pa.Table, sql: FeatureSQL
) -> None:
    expected = _sql_rows(background)
    found = _python_rows(background, sql)
    assert found == expected
    assert sum(len(want["forenames_all"]) > 1 for want in expected) > 50


def test_python_features_equal_the_sql_features_of_awkward_values(
    background: pa.Table, sql: FeatureSQL
) -> None:
    table = people_table(AWKWARD, background)
    assert _python_rows(table, sql) == _sql_rows(table)


def test_dates_and_numbers_are_featured_as_their_text() -> None:
    record = {"record_id": "d1", "forenames": "Amy", "dob": dt.date(2010, 6, 2),
              "nhs_number": 9434765919}  # fmt: skip
    row = record_features(text_values(record), FeatureSQL().list_distinct)
    assert row is not None
    assert (row["dob_full"], row["nhs_number"]) == ("2010-06-02", "9434765919")


@pytest.mark.parametrize("column", ["dob", "sex", "upn", "pnc_id", "other_id"])
def test_identifiers_and_dates_that_are_not_ascii_are_left_to_the_sql(
    sql: FeatureSQL, column: str
) -> None:
    record = {"record_id": "u1", "forenames": "Zoë", column: "\u00a02010-01-02ß"}
    assert record_features(record, sql.list_distinct) is None
    assert sql.features([record])[0]["forename1"] == "zoe"
    assert record_features({**record, column: "2010-01-02"}, sql.list_distinct) is not None


def test_every_character_folds_as_duckdb_folds_it() -> None:
    characters = [chr(c) for c in range(0x80, 0x30000) if not 0xD800 <= c <= 0xDFFF]
    with duckdb.connect() as con:
        con.register("characters", pa.table({"c": characters}))
        expected = con.sql(
            f"SELECT {feature_sql.clean_name('c')}, {feature_sql.address('c')} FROM characters"
        ).fetchall()
    found = [(clean_name(c), address(c)) for c in characters]
    assert found == expected


def test_keys_added_in_python_equal_the_keys_the_index_stores(
    tmp_path: Path, background: pa.Table, sql: FeatureSQL
) -> None:
    table = pa.concat_tables([background, people_table(AWKWARD, background)])
    clusters = {str(record): "P" for record in table.column("record_id").to_pylist()}
    with build_person_index(tmp_path / "keys.duckdb", table, clusters) as index:
        columns = ", ".join(key.column for key in BLOCKING_KEYS)
        stored = index.con.execute(
            f"SELECT record_id, {columns} FROM {RECORDS_TABLE} ORDER BY record_id"
        ).fetchall()
    rows = {row["record_id"]: add_keys(row) for row in features_table(table).to_pylist()}
    for record_id, *keys in stored:
        assert [rows[record_id][key.column] for key in BLOCKING_KEYS] == keys
    transposed = add_keys(features_table(people_table(AWKWARD[:1], background)).to_pylist()[0])
    assert transposed["probe_key_transposed"] == "smithjones|mary"
