"""The search scorer on its own: names through the linkage name tables, dates, identifiers."""

from __future__ import annotations

import pytest

from joinedup.records.partial_dates import PartialDate
from joinedup.web.children.services.matching import (
    CandidateRecord,
    RecordName,
    jaro_winkler,
    match_record,
)
from joinedup.web.children.services.terms import SearchTerms

KAYLEY = CandidateRecord(
    agency="POL",
    source_id="P1234",
    names=(RecordName("Name", "KAYLEY", "SMYTH"), RecordName("Nickname", "Kay", "SMYTH")),
    dob="2009-03-04",
    identifiers=(("NHS number", "9434765919"), ("PNC ID", "98/123456A")),
)


def test_spelling_variants_of_forename_and_surname_match_with_reasons() -> None:
    found = match_record(SearchTerms("Kayleigh Smith"), KAYLEY)
    assert found is not None
    assert found.reasons == (
        "Name Kayley Smyth: Kayley is another form of Kayleigh; Smyth is another spelling of Smith",
    )


def test_a_typing_slip_in_each_name_still_matches() -> None:
    found = match_record(SearchTerms("Kayly Smtyh"), KAYLEY)
    assert found is not None and "spelled like" in found.reasons[0]


def test_names_typed_the_other_way_round_match() -> None:
    found = match_record(SearchTerms("Smith Kayleigh"), KAYLEY)
    assert found is not None and "the other way round" in found.reasons[0]


def test_a_different_child_does_not_match() -> None:
    assert match_record(SearchTerms("Daniel Hart"), KAYLEY) is None
    assert match_record(SearchTerms("Kayleigh Hart"), KAYLEY) is None


def test_date_of_birth_with_day_and_month_swapped_matches() -> None:
    found = match_record(SearchTerms(dob=PartialDate(2009, 4, 3)), KAYLEY)
    assert found is not None
    assert found.reasons == (
        "Date of birth matches with day and month swapped (recorded as 4 March 2009)",
    )
    assert match_record(SearchTerms(dob=PartialDate(2009, 5, 3)), KAYLEY) is None


@pytest.mark.parametrize("typed", [PartialDate(2009), PartialDate(2009, 3)])
def test_a_partial_date_of_birth_finds_every_date_inside_it(typed: PartialDate) -> None:
    found = match_record(SearchTerms(dob=typed), KAYLEY)
    assert found is not None and "which fits" in found.reasons[0]
    assert match_record(SearchTerms(dob=PartialDate(2010)), KAYLEY) is None


def test_name_with_a_conflicting_date_of_birth_ranks_below_one_that_fits() -> None:
    fits = match_record(SearchTerms("Kayley Smyth", PartialDate(2009, 3, 4)), KAYLEY)
    differs = match_record(SearchTerms("Kayley Smyth", PartialDate(2011, 8, 20)), KAYLEY)
    assert fits is not None and differs is not None
    assert differs.score < fits.score
    assert "Date of birth differs (recorded as 4 March 2009)" in differs.reasons


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("943 476 5919", "NHS number 9434765919 matches"),
        ("1998/0123456a", "PNC ID 98/123456A matches"),
        ("p1234", "POL reference P1234 matches"),
    ],
)
def test_identifiers_match_in_any_form_they_are_typed(typed: str, reason: str) -> None:
    found = match_record(SearchTerms(identifier=typed), KAYLEY)
    assert found is not None and found.reasons == (reason,)
    assert match_record(SearchTerms(identifier="943 476 5918"), KAYLEY) is None


def test_jaro_winkler_agrees_with_the_published_examples() -> None:
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.9611, abs=1e-4)
    assert jaro_winkler("dixon", "dicksonx") == pytest.approx(0.8133, abs=1e-4)
    assert jaro_winkler("", "x") == 0.0
