"""Chronologies from a synthetic borough: every entry dated, attributed and in order."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from joinedup.analysis.borough import analysis_tables_from_borough
from joinedup.chronology import Entitlements, chronology_for_network, chronology_for_person


def test_the_busiest_child_has_an_ordered_attributed_chronology(small_borough: Path) -> None:
    tables = analysis_tables_from_borough(small_borough)
    children: set[str] = {
        r["person_id"] for r in tables.persons.to_pylist() if r["age_group"] == "child"
    }
    counts = Counter(
        p for p in tables.participants.column("person_id").to_pylist() if p in children
    )
    child: str = counts.most_common(1)[0][0]
    chronology = chronology_for_person(tables, child, Entitlements.everything())
    assert len(chronology.events()) == len(
        {  # each event once, even with two roles
            r["event_id"] for r in tables.participants.to_pylist() if r["person_id"] == child
        }
    )
    keys = [e.when.sort_key() for e in chronology.entries]
    assert keys == sorted(keys)
    assert all(e.agency and e.source_record for e in chronology.events())
    restricted = chronology_for_person(tables, child, Entitlements())
    shown_and_withheld = len(restricted.events()) + sum(w.count for w in restricted.withheld)
    assert shown_and_withheld == len(chronology.events())


def test_a_network_chronology_merges_agencies(small_borough: Path) -> None:
    tables = analysis_tables_from_borough(small_borough)
    people = sorted({r["person_id"] for r in tables.participants.to_pylist()})[:10]
    chronology = chronology_for_network(tables, people, Entitlements.everything())
    assert len({e.agency for e in chronology.events()}) >= 2
