"""The cases the issue named, scored by the shipped model among a synthetic population."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Link = Callable[[list[dict[str, Any]]], set[frozenset[str]]]


def pair(first: str, second: str) -> frozenset[str]:
    return frozenset((first, second))


def test_kayleigh_smith_is_found_three_ways(linked_pairs: Link) -> None:
    found = linked_pairs([
        {"record_id": "t:police", "source": "POL", "forenames": "Kayleigh", "surname": "Smith",
         "dob": "2009-03-14", "sex": "female", "postcode": "MS9 9ZZ", "phone": "07700 900123"},
        {"record_id": "t:clinic", "source": "HLT", "forenames": "Kayley", "surname": "Smyth",
         "sex": "female", "postcode": "MS9 9ZZ", "phone": "+447700900123"},
        {"record_id": "t:school", "source": "EDU", "forenames": "Kayleigh Marie",
         "surname": "Pearson", "dob": "2009-03-14", "sex": "female", "postcode": "MS9 9ZZ"},
    ])  # fmt: skip
    assert pair("t:police", "t:clinic") in found
    assert pair("t:police", "t:school") in found


def test_twins_with_different_forenames_stay_apart(linked_pairs: Link) -> None:
    found = linked_pairs([
        {"record_id": f"t:{name}", "forenames": name, "surname": "Okafor", "dob": "2010-06-02",
         "sex": "female", "postcode": "MS9 8YY", "phone": "07700 900456"}
        for name in ("Chioma", "Adaeze")
    ])  # fmt: skip
    assert pair("t:Chioma", "t:Adaeze") not in found


def test_siblings_stay_apart(linked_pairs: Link) -> None:
    found = linked_pairs([
        {"record_id": "t:older", "forenames": "Jack", "surname": "Whitfield", "dob": "2007-01-20",
         "sex": "male", "postcode": "MS9 7XX", "phone": "07700 900789"},
        {"record_id": "t:younger", "forenames": "Leo", "surname": "Whitfield", "sex": "male",
         "postcode": "MS9 7XX", "phone": "07700 900789"},
    ])  # fmt: skip
    assert pair("t:older", "t:younger") not in found


def test_day_and_month_swapped_still_links(linked_pairs: Link) -> None:
    found = linked_pairs([
        {"record_id": "t:a", "forenames": "Tyler", "surname": "Brookes", "dob": "2008-04-11",
         "sex": "male", "postcode": "MS9 6WW"},
        {"record_id": "t:b", "forenames": "Tyler", "surname": "Brookes", "dob": "2008-11-04",
         "sex": "male", "postcode": "MS9 6WW"},
    ])  # fmt: skip
    assert pair("t:a", "t:b") in found


def test_kayley_smyth_without_date_of_birth_or_phone_is_found_but_not_her_family(
    linked_pairs: Link,
) -> None:
    found = linked_pairs([
        {"record_id": "t:police", "source": "POL", "forenames": "Kayleigh", "surname": "Smith",
         "dob": "2009-03-14", "sex": "female", "postcode": "MS9 9ZZ"},
        {"record_id": "t:clinic", "source": "HLT", "forenames": "Kayley", "surname": "Smyth",
         "sex": "female", "postcode": "MS9 9ZZ"},
        {"record_id": "t:sister", "source": "EDU", "forenames": "Kelly", "surname": "Smith",
         "dob": "2011-05-02", "sex": "female", "postcode": "MS9 9ZZ"},
        {"record_id": "t:mother", "source": "HLT", "forenames": "Karen", "surname": "Smith",
         "dob": "1985-01-20", "sex": "female", "postcode": "MS9 9ZZ"},
    ])  # fmt: skip
    assert pair("t:police", "t:clinic") in found
    family = {pair(a, b) for a in ("t:police", "t:clinic") for b in ("t:sister", "t:mother")}
    assert not family & found
    assert pair("t:sister", "t:mother") not in found
