"""Places, vehicles, phones and organisations written differently resolve to one entity."""

from __future__ import annotations

import random
import time
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from joinedup.linkage import entities_normalise as norm
from joinedup.linkage.entities import (
    ENTITY_ID_PREFIXES,
    EntityResolution,
    resolve_organisations,
    resolve_phones,
    resolve_places,
    resolve_vehicles,
)


def table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows)


def together(resolution: EntityResolution, one: str, other: str) -> bool:
    return resolution.clusters[one] == resolution.clusters[other]


def pair(resolution: EntityResolution, one: str, other: str) -> dict[str, Any]:
    low, high = sorted((one, other))
    rows = [
        row
        for row in resolution.pairs.to_pylist()
        if (row["record_id_l"], row["record_id_r"]) == (low, high)
    ]
    assert len(rows) == 1, f"{one} and {other} were not compared"
    return rows[0]


def in_review(resolution: EntityResolution, one: str, other: str) -> bool:
    low, high = sorted((one, other))
    found = zip(
        resolution.review["record_id_l"].to_pylist(),
        resolution.review["record_id_r"].to_pylist(),
        strict=True,
    )
    return (low, high) in set(found)


STAR = {
    "record_id": "pl-a",
    "name": "Star Kebabs",
    "kind": "takeaway",
    "postcode": "MS1 4EF",
    "address_line": "12 High St",
}
STAR_HOUSE = {
    "record_id": "pl-b",
    "name": "STAR KEBAB HOUSE",
    "kind": "takeaway",
    "postcode": "MS14EF",
}
DRAGON = {"record_id": "pl-c", "name": "Golden Dragon", "kind": "takeaway", "postcode": "MS1 4EF"}


def test_same_takeaway_written_two_ways_is_one_place() -> None:
    resolution = resolve_places(table([STAR, STAR_HOUSE]))
    assert together(resolution, "pl-a", "pl-b")
    scored = pair(resolution, "pl-a", "pl-b")
    assert scored["decision"] == "match" and scored["match_probability"] > 0.95
    levels = {entry["field"]: entry["level"] for entry in scored["explanation"]}
    assert levels["name"] == "same" and levels["postcode"] == "same"


def test_different_takeaways_at_one_postcode_are_not_merged() -> None:
    resolution = resolve_places(table([STAR, STAR_HOUSE, DRAGON]))
    assert not together(resolution, "pl-a", "pl-c")
    assert not together(resolution, "pl-b", "pl-c")
    assert pair(resolution, "pl-a", "pl-c")["decision"] == "non_match"
    assert not in_review(resolution, "pl-a", "pl-c")


def test_same_name_at_another_postcode_is_another_premises() -> None:
    branch = {**STAR, "record_id": "pl-z", "postcode": "MS9 9ZZ", "address_line": "3 Mill Lane"}
    resolution = resolve_places(table([STAR, branch]))
    assert not together(resolution, "pl-a", "pl-z")
    assert resolution.pairs.num_rows == 0


def test_online_spaces_with_the_same_name_are_one_place() -> None:
    rows = [
        {"record_id": "on-1", "name": "The Estate Boys", "kind": "online_space"},
        {"record_id": "on-2", "name": "estate boys", "kind": "online_space", "postcode": "MS1 4EF"},
    ]
    assert together(resolve_places(table(rows)), "on-1", "on-2")


def test_same_uprn_is_decisive_even_when_names_differ() -> None:
    rows = [{**STAR, "uprn": "100012345"}, {**DRAGON, "uprn": "100012345", "postcode": "MS2 1AA"}]
    resolution = resolve_places(table(rows))
    assert together(resolution, "pl-a", "pl-c")
    assert pair(resolution, "pl-a", "pl-c")["decisive"]


def test_homes_match_on_house_number_and_street_but_not_next_door() -> None:
    rows = [
        {
            "record_id": "h1",
            "kind": "home",
            "postcode": "MS1 4EF",
            "address_line": "14 High Street",
        },
        {"record_id": "h2", "kind": "home", "postcode": "ms1 4ef", "address_line": "14, High St."},
        {"record_id": "h3", "kind": "home", "postcode": "MS1 4EF", "address_line": "16 High St"},
    ]
    resolution = resolve_places(table(rows))
    assert together(resolution, "h1", "h2")
    assert not together(resolution, "h1", "h3")
    assert pair(resolution, "h1", "h3")["decision"] == "non_match"


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("The Star Kebabs Ltd.", ["kebab", "star"]),
        ("STAR KEBAB HOUSE", ["kebab", "star"]),
        ("Joe's Takeaway", ["joe"]),
        ("A1 Taxis Private Hire", ["a1"]),
    ],
)
def test_place_names_normalise_to_the_same_words(written: str, words: list[str]) -> None:
    sql = f"SELECT {norm.name_words('$1')}"
    assert duckdb.execute(sql, [written]).fetchone() == (words,)


def test_address_words_keep_numbers_and_expand_street_abbreviations() -> None:
    sql = f"SELECT {norm.address_words('$1')}"
    found = duckdb.execute(sql, ["Flat 2, 12a High St"]).fetchone()
    assert found == (["12a", "2", "high", "street"],)


def test_names_only_partly_alike_at_one_postcode_go_to_review() -> None:
    similar = {**STAR_HOUSE, "name": "Star Grill Kebab", "kind": "other"}
    resolution = resolve_places(table([{**STAR, "kind": "other"}, similar]))
    assert not together(resolution, "pl-a", "pl-b")
    assert in_review(resolution, "pl-a", "pl-b")


def test_explanation_weights_add_up_to_the_match_weight() -> None:
    scored = pair(resolve_places(table([STAR, STAR_HOUSE])), "pl-a", "pl-b")
    fields = [entry["field"] for entry in scored["explanation"]]
    assert fields == ["uprn", "postcode", "name", "address_line", "kind"]
    contributions = sum(entry["weight"] for entry in scored["explanation"])
    assert scored["match_weight"] == pytest.approx(-5.0 + contributions)


CAR = {"record_id": "v1", "registration": "AB12 CDE", "make": "Ford", "colour": "Silver"}
CAR_LOWER = {"record_id": "v2", "registration": "ab12cde", "make": "ford", "model": "Focus"}
CAR_SLIP = {"record_id": "v3", "registration": "AB12 CDF", "make": "Ford", "colour": "silver"}


def test_registration_written_two_ways_is_one_vehicle() -> None:
    resolution = resolve_vehicles(table([CAR, CAR_LOWER]))
    assert together(resolution, "v1", "v2")
    assert not in_review(resolution, "v1", "v2")


def test_one_character_registration_slip_is_review_candidate_not_merged() -> None:
    resolution = resolve_vehicles(table([CAR, CAR_LOWER, CAR_SLIP]))
    assert not together(resolution, "v1", "v3")
    assert not together(resolution, "v2", "v3")
    assert pair(resolution, "v1", "v3")["decision"] == "review"
    assert in_review(resolution, "v1", "v3")
    levels = {entry["field"]: entry["level"] for entry in resolution.explain("v3", "v1")}
    assert levels["registration"] == "one_character_different"


def test_one_character_slip_on_a_different_make_is_not_even_reviewed() -> None:
    other = {**CAR_SLIP, "make": "BMW", "colour": "Black"}
    resolution = resolve_vehicles(table([CAR, other]))
    assert not together(resolution, "v1", "v3")
    assert resolution.review.num_rows == 0


def test_same_registration_with_different_make_stays_merged_but_is_flagged() -> None:
    resolution = resolve_vehicles(table([CAR, {**CAR_LOWER, "make": "Vauxhall"}]))
    assert together(resolution, "v1", "v2")
    assert in_review(resolution, "v1", "v2")
    assert (
        pair(resolution, "v1", "v2")["match_weight"]
        < pair(resolve_vehicles(table([CAR, CAR_LOWER])), "v1", "v2")["match_weight"]
    )


def test_phone_written_nationally_and_internationally_is_one_phone() -> None:
    rows = [
        {"record_id": "ph1", "number": "+447700900123"},
        {"record_id": "ph2", "number": "07700 900123"},
    ]
    resolution = resolve_phones(table(rows))
    assert together(resolution, "ph1", "ph2")
    assert resolution.review.num_rows == 0


def test_phone_one_digit_different_is_review_candidate_not_merged() -> None:
    rows = [
        {"record_id": "ph1", "number": "+447700900123"},
        {"record_id": "ph2", "number": "+447700900124"},
        {"record_id": "ph3", "number": "+447700900999"},
    ]
    resolution = resolve_phones(table(rows))
    assert len(set(resolution.clusters.values())) == 3
    assert in_review(resolution, "ph1", "ph2")
    assert resolution.review.num_rows == 1


def test_shared_licence_is_decisive_for_organisations() -> None:
    rows = [
        {
            "record_id": "o1",
            "name": "A1 Taxis Ltd",
            "kind": "taxi_firm",
            "postcode": "MS1 4EF",
            "licence_numbers": ["PH/0042"],
        },
        {
            "record_id": "o2",
            "name": "Alpha Cars",
            "kind": "taxi_firm",
            "postcode": "MS9 9ZZ",
            "licence_numbers": ["ph0042", "X1"],
        },
    ]
    resolution = resolve_organisations(table(rows))
    assert together(resolution, "o1", "o2")
    assert pair(resolution, "o1", "o2")["decisive"]


def test_organisations_without_licences_match_on_name_and_postcode() -> None:
    rows = [
        {"record_id": "o1", "name": "A1 Taxis Ltd", "kind": "taxi_firm", "postcode": "MS1 4EF"},
        {"record_id": "o2", "name": "A1 Cars", "kind": "taxi_firm", "postcode": "MS1 4EF"},
        {"record_id": "o3", "name": "Golden Dragon", "kind": "takeaway", "postcode": "MS1 4EF"},
    ]
    resolution = resolve_organisations(table(rows))
    assert together(resolution, "o1", "o2")
    assert not together(resolution, "o1", "o3")


def test_entity_ids_have_kind_prefixes_and_survive_a_rerun() -> None:
    first = resolve_vehicles(table([CAR, CAR_SLIP])).entity_ids()
    assert first == {"v1": "VH-0000001", "v3": "VH-0000002"}
    again = resolve_vehicles(table([CAR_LOWER, CAR_SLIP, CAR])).entity_ids(first)
    assert again == {"v1": "VH-0000001", "v2": "VH-0000001", "v3": "VH-0000002"}
    places = resolve_places(table([STAR, STAR_HOUSE, DRAGON])).entity_ids()
    assert places == {"pl-a": "PL-0000001", "pl-b": "PL-0000001", "pl-c": "PL-0000002"}
    assert ENTITY_ID_PREFIXES == {
        "place": "PL",
        "vehicle": "VH",
        "phone": "PH",
        "organisation": "OR",
    }


def test_optional_columns_may_be_absent_but_record_ids_must_be_unique() -> None:
    resolution = resolve_vehicles(
        table(
            [
                {"record_id": "v1", "registration": "AB12CDE"},
                {"record_id": "v2", "registration": "AB12 CDE"},
            ]
        )
    )
    assert together(resolution, "v1", "v2")
    with pytest.raises(ValueError, match="repeat a record_id"):
        resolve_phones(
            table([{"record_id": "p", "number": "1"}, {"record_id": "p", "number": "2"}])
        )


def _many_places(count: int, seed: int) -> pa.Table:
    """Takeaways, shops and homes spread over about 8,000 postcodes."""
    rng = random.Random(seed)
    words = ["Star", "Golden", "Dragon", "Royal", "Kebab", "Pizza", "Express", "Palace", "Oak"]

    def postcode() -> str:
        unit = rng.choice("ABDEFGHJ") + rng.choice("ABDEF")
        return f"MS{rng.randrange(1, 99)} {rng.randrange(1, 9)}{unit}"

    def name() -> str:
        return " ".join(rng.sample(words, 2)) + rng.choice(["", " House", " Ltd"])

    uprns = [str(rng.randrange(10**6)) if rng.random() < 0.3 else None for _ in range(count)]
    return pa.table(
        {
            "record_id": [f"pl{i:06d}" for i in range(count)],
            "name": [name() for _ in range(count)],
            "kind": [rng.choice(["takeaway", "home", "shop"]) for _ in range(count)],
            "postcode": [postcode() for _ in range(count)],
            "address_line": [f"{rng.randrange(1, 200)} High St" for _ in range(count)],
            "uprn": uprns,
        }
    )


@pytest.mark.slow
def test_hundred_thousand_places_resolve_in_seconds_by_blocking() -> None:
    places = _many_places(100_000, seed=3)
    started = time.perf_counter()
    resolution = resolve_places(places)
    assert time.perf_counter() - started < 15.0  # about 2 s on an idle two-core machine
    assert len(resolution.clusters) == 100_000
    assert resolution.pairs.num_rows < 200_000  # all pairs would be about 5,000,000,000
