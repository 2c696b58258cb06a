"""The person index in memory: hashed lookups, persons, term frequencies, undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest

from joinedup.linkage.features import features_table
from joinedup.linkage.index import PersonIndex, build_person_index, tf_table
from joinedup.linkage.realtime_features import add_keys
from joinedup.linkage.realtime_memory import IndexMemory, _hash_column, text_hash


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, background: pa.Table) -> Iterator[PersonIndex]:
    ids = [str(record) for record in background.column("record_id").to_pylist()]
    clusters = {record: f"P{number // 3}" for number, record in enumerate(ids)}
    path = Path(tmp_path_factory.mktemp("memory")) / "people.duckdb"
    with build_person_index(path, background, clusters) as built:
        yield built


def test_hashes_of_a_column_equal_the_hash_of_each_value() -> None:
    values = ["", "a", "ab", "zoë|smith", "x" * 70, "kayleigh|2009-03-14", "ab", "ba"]
    column = pa.array(["skipped", *values]).slice(1)
    assert _hash_column(column).tolist() == [text_hash(value) for value in values]
    assert text_hash("ab") != text_hash("ba")


def test_every_record_and_key_is_found_where_it_is(index: PersonIndex) -> None:
    memory = IndexMemory.load(index)
    rows = memory.rows(range(memory.size), ["record_id", "key_surname_dob"])
    for position, row in enumerate(rows):
        assert memory.position_of(row["record_id"]) == position
        if row["key_surname_dob"] is not None:
            assert position in memory.with_key("key_surname_dob", row["key_surname_dob"])
    assert memory.position_of("no such record") is None
    assert memory.with_key("key_surname_dob", "nobody|1900-01-01") == []


def test_term_frequencies_are_those_of_the_index_views(index: PersonIndex) -> None:
    memory = IndexMemory.load(index)
    for value, count in index.con.execute(
        f"SELECT value, count FROM {tf_table('surname')}"
    ).fetchall():
        assert memory.term_frequency("surname", value) == count / memory.totals["surname"]
    assert memory.linkable == index.linkable_count()


def test_a_replaced_row_is_found_no_more_and_undo_brings_it_back(
    index: PersonIndex, background: pa.Table
) -> None:
    memory = IndexMemory.load(index)
    first = memory.rows([0], memory.base.column_names)[0]
    person, surname = memory.person_at(0), first["surname"]
    before = (memory.linkable, memory.counts["surname"].get(surname), memory.members(person))
    mark = memory.mark()
    changed = add_keys(features_table(background.slice(0, 1)).to_pylist()[0])
    changed["surname"] = changed["key_surname_dob"] = "quist"
    memory.remove(0)
    position = memory.add(changed)
    memory.set_person(position, "P-NEW")
    memory.rename_person(person, "P-NEW")
    assert memory.position_of(first["record_id"]) == position
    assert 0 not in memory.with_key("key_forename_surname", first["key_forename_surname"])
    assert memory.with_key("key_surname_dob", "quist") == [position]
    assert memory.counts["surname"]["quist"] == 1
    assert memory.members(person) == []
    memory.undo(mark)
    assert memory.position_of(first["record_id"]) == 0
    assert memory.with_key("key_surname_dob", "quist") == []
    assert (memory.linkable, memory.counts["surname"].get(surname), memory.members(person)) == (
        before
    )
    assert memory.person_at(0) == person and not memory.journal.added


def test_undoing_a_third_version_finds_the_second_again(
    index: PersonIndex, background: pa.Table
) -> None:
    memory = IndexMemory.load(index)
    row = add_keys(features_table(background.slice(4, 1)).to_pylist()[0])
    versions = []
    for surname in ("quist", "quest", "quast"):
        mark = memory.mark()
        current = memory.position_of(row["record_id"])
        assert current is not None
        memory.remove(current)
        versions.append(memory.add({**row, "surname": surname}))
        if surname != "quast":
            memory.written()
    memory.undo(mark)
    assert memory.position_of(row["record_id"]) == versions[1]
    assert memory.counts["surname"].get("quast", 0) == 0
    assert memory.counts["surname"]["quest"] == 1
