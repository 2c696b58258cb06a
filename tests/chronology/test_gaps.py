"""Periods with no recorded event are shown as gap entries."""

from __future__ import annotations

from datetime import date

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology import Entitlements, Filters, chronology_for_person, when_from_iso
from joinedup.chronology.gaps import find_gaps, whole_months_between

EVERYTHING = Entitlements.everything()


def _gaps(chronology: object) -> list[str]:
    return [e.summary for e in chronology.entries if e.kind == "gap"]  # type: ignore[attr-defined]


def test_gaps_longer_than_the_threshold_are_entries_in_place(tiny: AnalysisTables) -> None:
    chronology = chronology_for_person(tiny, "C1", EVERYTHING, gap_months=6)
    assert _gaps(chronology) == [
        "No recorded event for 86 months (March 2008 to May 2015).",
        "No recorded event for 7 months (June 2015 to December 2015).",
        # the referral recorded only as '2016' may have been as late as December 2016
        "No recorded event for 13 months (January 2017 to January 2018).",
    ]
    kinds = [e.kind for e in chronology.entries]
    assert kinds[:3] == ["birth", "gap", "event"]
    assert chronology.entries[-2].kind == "gap"


def test_the_threshold_is_configurable_and_can_be_off(tiny: AnalysisTables) -> None:
    assert len(_gaps(chronology_for_person(tiny, "C1", EVERYTHING, gap_months=12))) == 2
    assert _gaps(chronology_for_person(tiny, "C1", EVERYTHING, gap_months=None)) == []


def test_a_withheld_entry_still_breaks_a_gap(tiny: AnalysisTables) -> None:
    reader = Entitlements(criminal_offence=True)  # HLT:1 in May 2016 is withheld
    police = Filters(agencies=frozenset({"POL", "HLT"}), start=date(2016, 1, 1))
    chronology = chronology_for_person(tiny, "C1", reader, police, gap_months=4)
    assert _gaps(chronology) == []
    police_only = Filters(
        agencies=frozenset({"POL"}), start=date(2016, 1, 1), end=date(2016, 12, 31)
    )
    assert len(_gaps(chronology_for_person(tiny, "C1", reader, police_only, gap_months=4))) == 1


def test_a_year_only_date_covers_its_year() -> None:
    dates = [when_from_iso("2016"), when_from_iso("2016-11-30"), when_from_iso("2017-03-01")]
    assert find_gaps(dates, months=6) == []
    [gap] = find_gaps([when_from_iso("2016"), when_from_iso("2018-01-02")], months=6)
    assert gap.when.display == "January 2017 to January 2018"
    assert gap.gap_until is not None and gap.gap_until.iso == "2018-01-02"


def test_a_narrowed_chronology_says_so_on_its_gaps(tiny: AnalysisTables) -> None:
    police = chronology_for_person(tiny, "C1", EVERYTHING, Filters(agencies=frozenset({"POL"})))
    assert all("from the agencies and event types selected" in g for g in _gaps(police))


def test_whole_months_between() -> None:
    assert whole_months_between(date(2020, 1, 31), date(2020, 4, 30)) == 2
    assert whole_months_between(date(2020, 1, 1), date(2020, 4, 1)) == 3
