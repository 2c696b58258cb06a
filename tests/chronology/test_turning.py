"""Turning points and strengths are marked, over the whole history."""

from __future__ import annotations

from datetime import date

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology import (
    DEFAULT_INDICATOR_EVENT_TYPES,
    Entitlements,
    Filters,
    chronology_for_person,
)
from joinedup.chronology.turning import flag_label

EVERYTHING = Entitlements.everything()


def _flags(chronology: object) -> dict[str, tuple[str, ...]]:
    return {e.source_record: e.flags for e in chronology.events() if e.flags}  # type: ignore[attr-defined]


def test_first_indicator_referral_plan_and_strength(tiny: AnalysisTables) -> None:
    flags = _flags(chronology_for_person(tiny, "C1", EVERYTHING))
    assert flags["POL:1"] == ("first_indicator",)
    assert flags["CSC:2"] == ("first_referral",)
    assert flags["CSC:3"] == ("plan_start",)
    assert flags["CSC:5"] == ("strength",)
    assert "first_referral" not in flags.get("CSC:4", ())


def test_screening_can_say_which_events_were_indicators(tiny: AnalysisTables) -> None:
    chronology = chronology_for_person(tiny, "C1", EVERYTHING, indicator_event_ids={"HLT:1"})
    flags = _flags(chronology)
    assert flags["HLT:1"] == ("first_indicator",)
    assert "first_indicator" not in flags.get("POL:1", ())


def test_a_filtered_chronology_does_not_call_a_later_referral_the_first(
    tiny: AnalysisTables,
) -> None:
    later = chronology_for_person(tiny, "C1", EVERYTHING, Filters(start=date(2017, 1, 1)))
    [referral] = later.events()
    assert "first_referral" not in referral.flags


def test_a_different_home_address_is_marked(tiny: AnalysisTables) -> None:
    assert "new_home_address" in _flags(chronology_for_person(tiny, "C1", EVERYTHING))["CSC:4"]


def test_firsts_are_for_the_child_not_for_an_adult_in_the_event(tiny: AnalysisTables) -> None:
    adult = chronology_for_person(tiny, "A1", EVERYTHING)
    assert all("first_indicator" not in e.flags for e in adult.events())


def test_the_default_indicator_list_is_documented_data() -> None:
    assert {"missing_episode", "found_with_adult"} <= DEFAULT_INDICATOR_EVENT_TYPES
    assert "gp_appointment" not in DEFAULT_INDICATOR_EVENT_TYPES
    assert flag_label("first_referral") == "First referral to children's services"
