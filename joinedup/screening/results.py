"""What screening hands back: one `ScreeningResult` per child, and the results CSV.

The suggested grade is a prompt, not a decision: the practitioner records the agreed
grade and rationale (DOMAIN.md §C, S37, S38). Each indicator lists the events that
triggered it, so every point in the score can be traced to a dated, sourced record.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa

__all__ = ["CSV_COLUMNS", "Evidence", "IndicatorFound", "ScreeningResult", "write_results_csv"]

CSV_COLUMNS = ("person_id", "sources", "score", "suggested_grade", "indicators", "rules_version")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One event that triggered an indicator."""

    event_id: str
    agency: str
    date: date
    event_type: str


@dataclass(frozen=True, slots=True)
class IndicatorFound:
    rule_id: str
    label: str
    points: int
    evidence: tuple[Evidence, ...]
    category: str = ""


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """A child's screening at one date: a prompt for a practitioner, never a decision."""

    person_id: str
    score: int
    suggested_grade: str
    scheme: str
    rules_version: str
    indicators: tuple[IndicatorFound, ...]
    as_of: date | None = None

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(i.rule_id for i in self.indicators)


def sources_by_person(sources: pa.Table) -> dict[str, list[str]]:
    """person_id -> sorted 'AGENCY:source_id' of the agency records linked to them."""
    linked: dict[str, set[str]] = defaultdict(set)
    columns = sources.select(["person_id", "agency", "source_id"]).to_pydict()
    for person, agency, source in zip(*columns.values(), strict=True):
        linked[person].add(f"{agency}:{source}")
    return {person: sorted(records) for person, records in linked.items()}


def write_results_csv(results: Iterable[ScreeningResult], sources: pa.Table, path: Path) -> int:
    """One row per child: person_id, sources, score, suggested_grade, indicators,
    rules_version. Lists are ';'-joined. Returns the number of rows written."""
    linked = sources_by_person(sources)
    rows = 0
    with Path(path).open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_COLUMNS)
        for result in results:
            writer.writerow(_csv_row(result, linked.get(result.person_id, [])))
            rows += 1
    return rows


def _csv_row(result: ScreeningResult, sources: list[str]) -> list[object]:
    return [
        result.person_id,
        ";".join(sources),
        result.score,
        result.suggested_grade,
        ";".join(result.indicator_ids),
        result.rules_version,
    ]
