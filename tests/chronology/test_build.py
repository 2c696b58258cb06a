"""A person's, a context's and a network's chronology: order, filters and people."""

from __future__ import annotations

from datetime import date

import pytest

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology import (
    Entitlements,
    Filters,
    chronology_for_context,
    chronology_for_network,
    chronology_for_person,
)
from joinedup.errors import InputError
from tests.chronology.conftest import KEBAB

EVERYTHING = Entitlements.everything()


def _sources(chronology: object) -> list[str]:
    return [e.source_record for e in chronology.events()]  # type: ignore[attr-defined]


def test_entries_are_in_date_order_and_a_year_only_date_comes_first_in_its_year(
    tiny: AnalysisTables,
) -> None:
    chronology = chronology_for_person(tiny, "C1", EVERYTHING)
    assert _sources(chronology) == [
        "CSC:1", "CSC:2", "POL:1", "CSC:5", "HLT:1", "POL:2", "CSC:3", "CSC:4",
    ]  # fmt: skip
    year_only = chronology.events()[1]
    assert (year_only.when.display, year_only.when.precision) == ("2016", "year")


def test_a_person_chronology_starts_from_birth(tiny: AnalysisTables) -> None:
    first = chronology_for_person(tiny, "C1", EVERYTHING).entries[0]
    assert (first.kind, first.when.display) == ("birth", "4 March 2008")


def test_each_entry_carries_agency_type_summary_place_and_source(tiny: AnalysisTables) -> None:
    entry = next(e for e in chronology_for_person(tiny, "C1", EVERYTHING).events()
                 if e.source_record == "POL:2")  # fmt: skip
    assert entry.agency == "POL"
    assert (entry.event_type, entry.event_type_label) == ("crime_report", "Crime report")
    assert entry.summary == "Summary of POL:2"
    assert entry.place == "Star Kebabs, MS3 3CC"
    assert entry.when.display == "10 June 2016 23:10"


def test_filter_by_agency_and_type(tiny: AnalysisTables) -> None:
    police = chronology_for_person(tiny, "C1", EVERYTHING, Filters(agencies=frozenset({"POL"})))
    assert _sources(police) == ["POL:1", "POL:2"]
    referrals = Filters(event_types=frozenset({"referral"}))
    assert _sources(chronology_for_person(tiny, "C1", EVERYTHING, referrals)) == ["CSC:2", "CSC:4"]


def test_filter_by_period_keeps_partial_dates_that_overlap_it(tiny: AnalysisTables) -> None:
    period = Filters(start=date(2016, 3, 1), end=date(2016, 6, 30))
    chronology = chronology_for_person(tiny, "C1", EVERYTHING, period)
    assert _sources(chronology) == ["CSC:2", "HLT:1", "POL:2"]
    assert all(e.kind != "birth" for e in chronology.entries)


def test_filtered_out_entries_are_not_counted_as_withheld(tiny: AnalysisTables) -> None:
    police = chronology_for_person(tiny, "C1", EVERYTHING, Filters(agencies=frozenset({"POL"})))
    assert police.withheld == ()


def test_people_are_shown_with_their_roles(tiny: AnalysisTables) -> None:
    entry = chronology_for_person(tiny, "C1", EVERYTHING).events()[5]
    assert entry.people_display() == "Amy Ash (Victim); Carl Cole (Suspect)"


def test_reporters_are_described_by_role_only(tiny: AnalysisTables) -> None:
    contact = chronology_for_person(tiny, "C1", EVERYTHING).events()[0]
    reporter = contact.people[1]
    assert (reporter.name, reporter.person_id) == (None, None)
    assert reporter.display() == "Reporter (not named)"
    assert "Nina" not in contact.people_display()


def test_a_suspect_is_named_only_to_a_reader_entitled_to_offence_data(
    tiny: AnalysisTables,
) -> None:
    incident = "POL:4"
    without = chronology_for_person(tiny, "C2", Entitlements(criminal_offence=False))
    entry = next(e for e in without.events() if e.source_record == incident)
    assert entry.people_display() == "Ben Best (Subject); Suspect (not named)"
    with_offence_data = chronology_for_person(tiny, "C2", Entitlements(criminal_offence=True))
    entry = next(e for e in with_offence_data.events() if e.source_record == incident)
    assert entry.people_display() == "Ben Best (Subject); Carl Cole (Suspect)"


def test_a_context_chronology_holds_every_event_at_the_place(tiny: AnalysisTables) -> None:
    chronology = chronology_for_context(tiny, KEBAB, EVERYTHING)
    assert _sources(chronology) == ["POL:2", "POL:3"]
    assert chronology.subject.describe() == f"Star Kebabs, MS3 3CC ({KEBAB})"


def test_a_peer_group_and_a_network_merge_their_members_events(tiny: AnalysisTables) -> None:
    peers = chronology_for_context(tiny, {"C1", "C2"}, EVERYTHING)
    assert "POL:3" in _sources(peers) and "CSC:1" in _sources(peers)
    network = chronology_for_network(tiny, ["A1", "C2"], EVERYTHING)
    assert _sources(network) == ["POL:2", "POL:3", "POL:4"]
    assert network.subject.label == "Network of 2 people"


def test_an_unknown_person_is_an_input_error(tiny: AnalysisTables) -> None:
    with pytest.raises(InputError, match="P-404"):
        chronology_for_person(tiny, "P-404", EVERYTHING)
    with pytest.raises(InputError, match="P-404"):
        chronology_for_network(tiny, ["C1", "P-404"], EVERYTHING)
