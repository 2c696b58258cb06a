"""Real-time matching: one record scored as in batch, placed by the clustering rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from joinedup.linkage.clustering import cluster_records
from joinedup.linkage.index import PersonIndex, build_person_index
from joinedup.linkage.model import LinkageModel
from joinedup.linkage.realtime import (
    add_or_update_record,
    find_matches_for_new_record,
    link_arriving_records,
)
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
