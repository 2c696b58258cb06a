"""Real-time matching: one record scored as in batch, placed by the clustering rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from joinedup.linkage import realtime
from joinedup.linkage.clustering import cluster_records
from joinedup.linkage.index import PersonIndex, build_person_index, open_person_index
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.realtime import (
    add_or_update_record,
    find_matches_for_new_record,
    link_arriving_records,
)
from joinedup.linkage.realtime_scoring import PairScorer
from joinedup.linkage.scoring import calibrated, score_blocked_pairs
from joinedup.linkage.stable_ids import assign_person_ids, mint_person_ids

from .conftest import people_table

AMY = {"surname": "Okafor", "dob": "2010-06-02", "sex": "female", "postcode": "MS9 8YY",
       "phone": "07700 900456"}  # fmt: skip
KAYLEIGH = {"forenames": "Kayleigh", "surname": "Smith", "dob": "2009-03-14", "sex": "female",
            "postcode": "MS9 9ZZ", "phone": "07700 900123"}  # fmt: skip
HAND_MADE = [
    {"record_id": "t:chioma1", "source": "POL", "forenames": "Chioma", **AMY},
    {"record_id": "t:chioma2", "source": "EDU", "forenames": "Chioma", **AMY, "phone": None},
    {"record_id": "t:kayleigh1", "source": "POL", **KAYLEIGH},
    {"record_id": "t:kayleigh2", "source": "HLT", **KAYLEIGH, "forenames": "Kayley"},
]


def batch_persons(records: pa.Table, model: LinkageModel) -> dict[str, str]:
    """Person IDs as the batch run gives them: every blocked pair scored, then clustered."""
    pairs = calibrated(score_blocked_pairs(records, model), model)
    ids = [str(record) for record in records.column("record_id").to_pylist()]
    return assign_person_ids(cluster_records(ids, pairs), {}, mint_person_ids())


@pytest.fixture(scope="module")
def population(background: pa.Table) -> pa.Table:
    return pa.concat_tables([background, people_table(HAND_MADE, background)])


@pytest.fixture(scope="module")
def batch(population: pa.Table, shipped_model: LinkageModel) -> dict[str, str]:
    return batch_persons(population, shipped_model)


@pytest.fixture
def index(tmp_path: Path, population: pa.Table, batch: dict[str, str]) -> Iterator[PersonIndex]:
    with build_person_index(tmp_path / "people.duckdb", population, batch) as built:
        yield built


def minted() -> Any:
    return mint_person_ids(prefix="N")


def test_realtime_scores_equal_splink_batch_scores(
    index: PersonIndex, population: pa.Table, shipped_model: LinkageModel
) -> None:
    batch_pairs = score_blocked_pairs(population, shipped_model)
    rows = population.to_pylist()[::37]
    for row in rows:
        expected = _batch_weights_of(batch_pairs, row["record_id"])
        found = find_matches_for_new_record(index, row, shipped_model)
        assert {match.record_id for match in found} == set(expected)
        for match in found:
            assert match.match_weight == pytest.approx(expected[match.record_id], abs=1e-6)
    assert len(rows) > 20


def _batch_weights_of(pairs: pa.Table, record_id: str) -> dict[str, float]:
    weights = {}
    for left, right, weight in zip(
        pairs.column("record_id_l").to_pylist(),
        pairs.column("record_id_r").to_pylist(),
        pairs.column("match_weight").to_pylist(),
        strict=True,
    ):
        if record_id in (left, right):
            weights[right if left == record_id else left] = weight
    return weights


def test_new_record_matching_an_existing_person_joins_it(
    index: PersonIndex, batch: dict[str, str], shipped_model: LinkageModel
) -> None:
    new = {"record_id": "t:kayleigh3", "source": "SOC", **KAYLEIGH, "forenames": "Kayleigh Marie"}
    result = add_or_update_record(index, new, shipped_model, new_person_id=minted())
    assert result.person_id == batch["t:kayleigh1"]
    assert not result.created_person
    assert index.person_of("t:kayleigh3") == batch["t:kayleigh1"]


def test_twin_with_a_different_forename_gets_a_new_person(
    index: PersonIndex, batch: dict[str, str], shipped_model: LinkageModel
) -> None:
    twin = {"record_id": "t:adaeze", "source": "EDU", "forenames": "Adaeze", **AMY}
    result = add_or_update_record(index, twin, shipped_model, new_person_id=minted())
    assert result.created_person
    assert result.person_id == "N-0000001"
    assert result.person_id != batch["t:chioma1"]
    assert any(match.record_id == "t:chioma1" for match in result.matches)


def test_a_changed_record_moves_to_the_person_it_now_matches(
    index: PersonIndex, batch: dict[str, str], shipped_model: LinkageModel
) -> None:
    changed = {"record_id": "t:kayleigh2", "source": "HLT", "forenames": "Chioma", **AMY}
    result = add_or_update_record(index, changed, shipped_model, new_person_id=minted())
    assert result.person_id == batch["t:chioma1"]
    assert index.person_of("t:kayleigh2") == batch["t:chioma1"]
    assert index.person_of("t:kayleigh1") == batch["t:kayleigh1"]


def test_cannot_link_keeps_a_record_out_of_a_person(
    index: PersonIndex, batch: dict[str, str], shipped_model: LinkageModel
) -> None:
    new = {"record_id": "t:kayleigh3", "source": "SOC", **KAYLEIGH}
    result = add_or_update_record(
        index, new, shipped_model, cannot_link=[("t:kayleigh2", "t:kayleigh3")],
        new_person_id=minted(),
    )  # fmt: skip
    assert result.created_person
    assert result.person_id != batch["t:kayleigh1"]


def test_must_link_across_two_persons_merges_them_keeping_the_larger(
    index: PersonIndex, batch: dict[str, str], shipped_model: LinkageModel
) -> None:
    new = {"record_id": "t:kayleigh3", "source": "SOC", **KAYLEIGH}
    links = [("t:kayleigh3", "t:kayleigh1"), ("t:chioma1", "t:kayleigh3")]
    result = add_or_update_record(
        index, new, shipped_model, must_link=links, new_person_id=minted()
    )
    kept, gone = sorted([batch["t:kayleigh1"], batch["t:chioma1"]])
    assert (result.person_id, result.merged_person_ids) == (kept, (gone,))
    assert index.person_of("t:chioma2") == kept


def test_record_arriving_in_realtime_gets_the_person_batch_gives_it(
    tmp_path: Path, population: pa.Table, shipped_model: LinkageModel
) -> None:
    arriving = population.to_pylist()[-1]
    earlier = population.slice(0, population.num_rows - 1)
    with build_person_index(
        tmp_path / "p.duckdb", earlier, batch_persons(earlier, shipped_model)
    ) as index:
        result = add_or_update_record(index, arriving, shipped_model, new_person_id=minted())
        together = batch_persons(population, shipped_model)
        assert result.person_id == index.person_of("t:kayleigh1")
        assert together["t:kayleigh2"] == together["t:kayleigh1"]


def test_nothing_is_written_when_only_finding_matches(
    index: PersonIndex, shipped_model: LinkageModel
) -> None:
    before = index.linkable_count()
    new = {"record_id": "t:kayleigh3", **KAYLEIGH}
    assert find_matches_for_new_record(index, new, shipped_model)
    assert index.record("t:kayleigh3") is None
    assert index.linkable_count() == before


def test_arriving_records_in_one_batch_equal_arriving_one_at_a_time(
    tmp_path: Path, population: pa.Table, shipped_model: LinkageModel
) -> None:
    earlier = population.slice(0, population.num_rows - 40)
    clusters = batch_persons(earlier, shipped_model)
    changed = [
        {**row, "postcode": "MS9 8YY", "forenames": "Chioma"}
        for row in earlier.to_pylist()[5:200:20]
    ]
    arriving = pa.concat_tables(
        [population.slice(population.num_rows - 40), people_table(changed, population)]
    )
    with build_person_index(tmp_path / "one.duckdb", earlier, clusters) as index:
        one_by_one = {
            row["record_id"]: add_or_update_record(index, row, shipped_model, new_person_id=minted)
            for minted in [mint_person_ids(prefix="N")]
            for row in arriving.to_pylist()
        }
    with build_person_index(tmp_path / "batch.duckdb", earlier, clusters) as index:
        together = link_arriving_records(
            index, arriving, shipped_model, new_person_id=mint_person_ids(prefix="N")
        )
    assert list(together) == list(one_by_one)
    for record_id, expected in one_by_one.items():
        found = together[record_id]
        assert (found.person_id, found.created_person) == (
            expected.person_id, expected.created_person
        )  # fmt: skip
        assert (found.merged_person_ids, found.split_person_ids) == (
            expected.merged_person_ids, expected.split_person_ids
        )  # fmt: skip
        assert [(m.record_id, m.person_id) for m in found.matches] == [
            (m.record_id, m.person_id) for m in expected.matches
        ]
        for got, want in zip(found.matches, expected.matches, strict=True):
            assert got.match_weight == pytest.approx(want.match_weight, abs=1e-9)


def test_a_record_leaving_the_person_it_held_together_splits_it(
    tmp_path: Path, population: pa.Table, batch: dict[str, str], shipped_model: LinkageModel
) -> None:
    held = dict(batch)
    for record in ("t:chioma1", "t:chioma2", "t:kayleigh1", "t:kayleigh2"):
        held[record] = "P-HELD"
    with build_person_index(tmp_path / "held.duckdb", population, held) as index:
        changed = {"record_id": "t:kayleigh2", "forenames": "Zebedee", "surname": "Quist",
                   "dob": "1971-01-09", "postcode": "ZZ1 1ZZ"}  # fmt: skip
        result = add_or_update_record(index, changed, shipped_model, new_person_id=minted())
        assert result.person_id != "P-HELD"
        assert result.split_person_ids == ("N-0000002",)
        assert index.person_of("t:chioma1") == index.person_of("t:chioma2") == "P-HELD"
        assert index.person_of("t:kayleigh1") == "N-0000002"


def test_a_record_leaving_a_person_that_still_holds_together_splits_nothing(
    index: PersonIndex, batch: dict[str, str], shipped_model: LinkageModel
) -> None:
    changed = {"record_id": "t:chioma2", "forenames": "Zebedee", "surname": "Quist"}
    result = add_or_update_record(index, changed, shipped_model, new_person_id=minted())
    assert result.split_person_ids == ()
    assert index.person_of("t:chioma1") == batch["t:chioma1"]


def test_a_batch_with_a_repeated_record_id_is_refused(
    index: PersonIndex, population: pa.Table, shipped_model: LinkageModel
) -> None:
    twice = population.slice(0, 2).to_pylist()
    twice[1]["record_id"] = twice[0]["record_id"]
    with pytest.raises(ValueError, match="repeat a record_id"):
        link_arriving_records(
            index, pa.Table.from_pylist(twice, schema=population.schema), shipped_model,
            new_person_id=minted(),
        )  # fmt: skip


def test_the_index_file_holds_what_was_matched_in_memory(
    tmp_path: Path, population: pa.Table, shipped_model: LinkageModel
) -> None:
    earlier = population.slice(0, population.num_rows - 30)
    arriving = population.slice(population.num_rows - 30).to_pylist()
    changed = [{**row, "forenames": "Chioma", **AMY} for row in earlier.to_pylist()[3:60:7]]
    path = tmp_path / "kept.duckdb"
    with build_person_index(path, earlier, batch_persons(earlier, shipped_model)) as index:
        mint = mint_person_ids(prefix="N")
        for row in arriving + changed:
            add_or_update_record(index, row, shipped_model, new_person_id=mint)
        links = [("t:kayleigh3", "t:kayleigh1"), ("t:chioma1", "t:kayleigh3")]
        new = {"record_id": "t:kayleigh3", "source": "SOC", **KAYLEIGH}
        merged = add_or_update_record(
            index, new, shipped_model, must_link=links, new_person_id=mint
        )
        probes = [{**row, "record_id": f"probe:{n}"} for n, row in enumerate(arriving[::3])]
        in_memory = [find_matches_for_new_record(index, row, shipped_model) for row in probes]
        counts = index.con.execute(
            "SELECT count(*), count(DISTINCT record_id), count(DISTINCT person_id) "
            "FROM joinedup_index_records"
        ).fetchall()[0]
    with open_person_index(path) as index:
        assert [find_matches_for_new_record(index, row, shipped_model) for row in probes] == (
            in_memory
        )
        assert counts[0] == counts[1] == population.num_rows + 1
        assert merged.merged_person_ids
        for record in ("t:chioma1", "t:chioma2", "t:kayleigh1", changed[0]["record_id"]):
            assert index.person_of(record) == merged.person_id
        frequencies = dict(
            index.con.execute("SELECT value, count FROM joinedup_index_tf_surname").fetchall()
        )
        assert frequencies["okafor"] >= 2 + len(changed)


def test_an_error_while_placing_writes_nothing_and_forgets_nothing(
    index: PersonIndex, population: pa.Table, shipped_model: LinkageModel
) -> None:
    zed = {"forenames": "Zed", "surname": "Quist", "dob": "1971-01-09", "postcode": "ZZ1 1ZZ"}
    arriving = people_table([{"record_id": f"t:new{n}", **zed} for n in range(3)], population)
    probe = {"record_id": "t:probe", **zed}
    changed = {**population.to_pylist()[0], **zed}
    before = index.con.execute("SELECT count(*) FROM joinedup_index_records").fetchall()
    matches_before = find_matches_for_new_record(index, probe, shipped_model)

    def failing() -> str:
        raise RuntimeError("no more IDs")

    with pytest.raises(RuntimeError, match="no more IDs"):
        link_arriving_records(index, arriving, shipped_model, new_person_id=failing)
    with pytest.raises(RuntimeError, match="no more IDs"):
        add_or_update_record(index, changed, shipped_model, new_person_id=failing)
    assert index.con.execute("SELECT count(*) FROM joinedup_index_records").fetchall() == before
    assert index.record("t:new0") is None
    assert find_matches_for_new_record(index, probe, shipped_model) == matches_before
    result = add_or_update_record(index, changed, shipped_model, new_person_id=minted())
    assert index.person_of(changed["record_id"]) == result.person_id
    assert [m.record_id for m in find_matches_for_new_record(index, probe, shipped_model)] == [
        changed["record_id"]
    ]


def test_scores_are_the_same_when_duckdb_scores_the_pairs(
    index: PersonIndex,
    population: pa.Table,
    shipped_model: LinkageModel,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = population.to_pylist()[5::61]
    compiled = [find_matches_for_new_record(index, row, shipped_model) for row in rows]
    in_duckdb = PairScorer(shipped_model, compiled=False)
    monkeypatch.setattr(realtime, "scorer_for", lambda model: in_duckdb)
    found = [find_matches_for_new_record(index, row, shipped_model) for row in rows]
    assert [[m.record_id for m in matches] for matches in found] == [
        [m.record_id for m in matches] for matches in compiled
    ]
    for got, want in zip(found, compiled, strict=True):
        assert [m.match_weight for m in got] == pytest.approx([m.match_weight for m in want])
    assert sum(len(matches) for matches in found) > 20


def test_records_sharing_only_an_identifier_or_a_street_are_compared_as_in_batch(
    tmp_path: Path, population: pa.Table, shipped_model: LinkageModel
) -> None:
    rows = [
        {"record_id": "t:id1", "forenames": "Precious", "surname": "Adeyemi", "other_id": "AB 12"},
        {"record_id": "t:id2", "forenames": "Aaliyah", "surname": "Zimmer", "other_id": "ab12"},
        {"record_id": "t:st1", "forenames": "Iwan", "surname": "Pryce", "address": "14 Lark Rise"},
        {"record_id": "t:st2", "forenames": "Ola", "surname": "Berg", "address": "14, LARK rise W"},
    ]
    extra = pa.Table.from_pylist([{name: row.get(name) for name in ("record_id", "forenames",
                                  "surname", "other_id", "address")} for row in rows])  # fmt: skip
    together = pa.concat_tables([population, extra], promote_options="permissive")
    batch_pairs = score_blocked_pairs(together, shipped_model)
    clusters = batch_persons(together, shipped_model)
    with build_person_index(tmp_path / "ids.duckdb", together, clusters) as index:
        for row, other in ((rows[1], "t:id1"), (rows[3], "t:st1")):
            matches = find_matches_for_new_record(index, row, shipped_model)
            found = {match.record_id: match.match_weight for match in matches}
            expected = _batch_weights_of(batch_pairs, row["record_id"])
            assert set(found) == set(expected) and other in found
            assert found[other] == pytest.approx(expected[other], abs=1e-6)
