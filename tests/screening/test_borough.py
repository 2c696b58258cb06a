"""Screening a synthetic borough: incremental equals full, the CSV, history, inquiry."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pyarrow as pa

from joinedup.analysis.borough import AnalysisTables
from joinedup.screening import (
    could_have_known,
    first_prompt_dates,
    rescreen_person,
    screen_children,
    screen_command_core,
    screening_history,
)
from joinedup.screening.incremental import add_events

AS_OF = date(2020, 1, 1)


def test_rescreening_one_child_gives_the_same_result_as_screening_everyone(
    borough_tables: AnalysisTables,
) -> None:
    full = {r.person_id: r for r in screen_children(borough_tables, as_of=AS_OF)}
    flagged = sorted((r for r in full.values() if r.indicators), key=lambda r: -r.score)[:5]
    assert flagged
    for result in flagged:
        assert rescreen_person(borough_tables, result.person_id, as_of=AS_OF) == result


def test_a_new_event_changes_only_that_childs_screening(borough_tables: AnalysisTables) -> None:
    person = screen_children(borough_tables, as_of=AS_OF)[0].person_id
    before = rescreen_person(borough_tables, person, as_of=AS_OF)
    event = {"event_id": "POL:NEW1", "agency": "POL", "event_type": "missing_episode",
             "occurred": "2019-12-20", "occurred_precision": "day",
             "occurred_on": date(2019, 12, 20), "summary": "Missing overnight."}  # fmt: skip
    events = pa.Table.from_pylist([event], schema=borough_tables.events.schema)
    who = pa.Table.from_pylist([{"event_id": "POL:NEW1", "person_id": person,
                                 "record_id": "POL:X", "role": "subject"}],
                               schema=borough_tables.participants.schema)  # fmt: skip
    after = rescreen_person(add_events(borough_tables, events, who), person, as_of=AS_OF)
    assert before is not None and after is not None
    assert "significant_missing_overnight" in after.indicator_ids
    assert after.score >= before.score + 5


def test_the_results_csv_has_one_row_per_child(
    borough_tables: AnalysisTables, tmp_path: Path
) -> None:
    out = tmp_path / "results.csv"
    results = screen_command_core(borough_tables, None, out, AS_OF)
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["person_id", "sources", "score", "suggested_grade", "indicators",
                             "rules_version"]  # fmt: skip
    assert len(rows) == len(results) == len({r["person_id"] for r in rows})
    flagged = next(r for r in rows if r["indicators"])
    assert all(":" in s for s in flagged["sources"].split(";"))


def test_history_finds_the_first_date_a_child_would_have_been_prompted(
    borough_tables: AnalysisTables,
) -> None:
    history = screening_history(borough_tables)
    first = first_prompt_dates(history).to_pylist()
    assert first
    for row in first[:5]:
        [again] = screen_children(
            borough_tables, evaluation_dates={row["person_id"]: row["first_prompt_date"]}
        )
        assert (again.score, again.suggested_grade) == (row["score"], row["suggested_grade"])


def test_could_have_known_sets_each_agencys_first_indicator_against_action(
    borough_tables: AnalysisTables,
) -> None:
    found = could_have_known(borough_tables)
    rows = found.per_child.to_pylist()
    assert rows and all(r["agency_first_indicator"] >= r["first_indicator"] for r in rows)
    acted = [r for r in rows if r["first_protective_action"]]
    assert all(r["first_protective_action"] >= r["first_indicator"] for r in acted)
    assert sum(found.by_agency["children"].to_pylist()) == len(rows)
    assert sum(found.by_year["children"].to_pylist()) == len({r["person_id"] for r in rows})
