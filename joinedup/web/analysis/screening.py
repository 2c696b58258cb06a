"""Screening every child in the system of record, and keeping the results.

`screen_everyone` loads and checks the rule file first (an invalid file stores
nothing), builds the analysis tables from the database, screens every child with
`joinedup.screening` and, in one transaction, records the run and replaces the
scheme's results with one `ScreeningResult` per child: the indicators found, the
events behind each, the score and the suggested grade. A suggested grade is a prompt
for a practitioner, never a decision (see grades.py for the agreed grade).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from joinedup.analysis.borough import AnalysisTables
from joinedup.errors import InputError
from joinedup.screening import (
    RuleFile,
    ScreeningResult,
    load_rule_file,
    screen_children,
    shipped_rule_files,
)
from joinedup.web.analysis import models as am
from joinedup.web.analysis.sync import analysis_tables_from_database
from joinedup.web.audit.services import CommandLineActor, record_event
from joinedup.web.people.models import Person
from joinedup.web.records import models as rm

__all__ = [
    "ScreeningOutcome",
    "latest_event_date",
    "person_index",
    "resolve_rule_file",
    "screen_everyone",
    "stored_indicators",
]


@dataclass(frozen=True)
class ScreeningOutcome:
    run: am.ScreeningRun
    rules: RuleFile
    results: list[ScreeningResult]
    """The results stored: one per child in the person index."""
    tables: AnalysisTables
    not_linked: int
    """Children screened whose records are not linked to a person yet (not stored)."""

    def grade_counts(self) -> list[tuple[str, int]]:
        """(grade, children) in the rule file's order, lowest grade first."""
        counts = Counter(r.suggested_grade for r in self.results)
        return [(g.id, counts[g.id]) for g in self.rules.grades]

    def prompted(self) -> int:
        return sum(r.suggested_grade in self.rules.prompt_grades for r in self.results)


def resolve_rule_file(name_or_path: str | None) -> Path | None:
    """A shipped scheme's name (`seraf`, `rag`, ...) or a path; None for the default."""
    if name_or_path is None:
        return None
    shipped = {p.stem: p for p in shipped_rule_files()}
    return shipped.get(name_or_path, Path(name_or_path))


def screen_everyone(
    user: str,
    rules_path: Path | str | None = None,
    as_of: date | None = None,
    progress: Callable[[str], None] = lambda step: None,
) -> ScreeningOutcome:
    """Screen every child at `as_of` (default today) and store the run and results."""
    rules = load_rule_file(rules_path)
    persons = person_index()
    when = as_of or timezone.localdate()
    progress("reading the records")
    tables = analysis_tables_from_database()
    progress(f"screening with {rules.scheme} {rules.version}")
    screened = screen_children(tables, rules, as_of=when)
    stored = [r for r in screened if r.person_id in persons]
    progress(f"storing {len(stored):,} results")
    run = _store(user, rules, when, stored, persons)
    return ScreeningOutcome(run, rules, stored, tables, len(screened) - len(stored))


def latest_event_date() -> date | None:
    """The day of the latest recorded event: screening a synthetic or historical borough
    as of then shows what a practitioner would have been prompted with at the time."""
    latest: date | None = rm.Event.objects.aggregate(latest=Max("occurred_on"))["latest"]
    return latest


def person_index() -> dict[str, int]:
    """person_id -> primary key of every active person; refuses an empty index."""
    persons = dict(Person.objects.filter(active=True).values_list("person_id", "pk"))
    if not persons:
        raise InputError(
            "no persons in the person index yet: import the agencies' records "
            "(`joinedup import`) and link them (`joinedup link`) first"
        )
    return persons


@transaction.atomic
def _store(
    user: str, rules: RuleFile, as_of: date, results: list[ScreeningResult], persons: dict[str, int]
) -> am.ScreeningRun:
    now = timezone.now()
    run = am.ScreeningRun.objects.create(
        started_at=now, run_by=user, scheme=rules.scheme, rules_version=rules.version,
        rules_file=Path(rules.path).name, rules_digest=rules.digest, as_of=as_of,
        children=len(results),
    )  # fmt: skip
    am.ScreeningResult.objects.filter(scheme=rules.scheme).delete()
    am.ScreeningResult.objects.bulk_create(
        (_model(run, r, persons[r.person_id], now) for r in results), batch_size=500
    )
    record_event(
        CommandLineActor(user), "screening.run", target_type="screening_run", target_id=run.pk,
        detail={"scheme": rules.scheme, "rules_version": rules.version,
                "as_of": as_of.isoformat(), "children": len(results)},
    )  # fmt: skip
    return run


def _model(
    run: am.ScreeningRun, result: ScreeningResult, person_pk: int, now: Any
) -> am.ScreeningResult:
    return am.ScreeningResult(
        person_id=person_pk, run=run, scheme=result.scheme, rules_version=result.rules_version,
        score=result.score, suggested_grade=result.suggested_grade,
        indicators=stored_indicators(result), screened_at=now,
    )  # fmt: skip


def stored_indicators(result: ScreeningResult) -> list[dict[str, Any]]:
    """The indicators as stored: rule, label, category, points and the evidence events."""
    return [
        {"rule_id": i.rule_id, "label": i.label, "category": i.category, "points": i.points,
         "evidence": [{"event_id": e.event_id, "agency": e.agency, "date": e.date.isoformat(),
                       "event_type": e.event_type} for e in i.evidence]}
        for i in result.indicators
    ]  # fmt: skip
