"""The child's screening prompts: what each rule file found, with the events behind it.

A screening result is a prompt for a practitioner's judgement, never a decision: the
page shows each indicator found, the events that triggered it (agency, date, type), the
points, the score and the grade the rules suggest, and the rule file's version.

An indicator can rest on events the reader may not see (a health record for a police
analyst). Naming such an indicator would disclose what the event was, so it is not
listed: the page says how many indicators and points are not shown, and why, so the
score is never unexplained. An indicator with some visible evidence is listed with the
visible events and a count of the others.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from joinedup.chronology import Entitlements
from joinedup.chronology.entitlements import reason_withheld
from joinedup.chronology.select import event_rows
from joinedup.records import vocabularies
from joinedup.web.analysis.models import ScreeningResult
from joinedup.web.children.services.display import display_date
from joinedup.web.children.services.rule_files import default_scheme, grade_label, rule_file_for
from joinedup.web.children.services.tables import analysis_tables
from joinedup.web.people.models import Person

__all__ = ["Evidence", "Prompt", "SchemeScreening", "screening_of"]

CATEGORY_LABELS = {
    "vulnerability": "Vulnerability",
    "moderate": "Moderate indicator",
    "significant": "Significant indicator",
}


@dataclass(frozen=True)
class Evidence:
    agency: str
    date: str
    event_type: str


@dataclass(frozen=True)
class Prompt:
    label: str
    category: str
    points: int
    evidence: tuple[Evidence, ...]
    withheld: int  # events behind this indicator the reader may not see


@dataclass(frozen=True)
class SchemeScreening:
    scheme: str
    title: str
    rules_version: str
    rules_file: str
    as_of: date
    screened_at: datetime
    score: int
    suggested_grade: str
    prompts_referral: bool
    prompts: tuple[Prompt, ...]
    hidden_indicators: int
    hidden_points: int


def screening_of(person: Person, reader: Entitlements) -> list[SchemeScreening]:
    """The latest screening of the child under each rule file, as the reader may see it."""
    results = list(ScreeningResult.objects.filter(person=person).select_related("run"))
    ids = {e["event_id"] for r in results for i in r.indicators for e in i["evidence"]}
    events = {row["event_id"]: row for row in event_rows(analysis_tables(), ids)}
    return [_scheme(result, events, reader) for result in sorted(results, key=_scheme_order)]


def _scheme_order(result: ScreeningResult) -> tuple[bool, str]:
    return (result.scheme != default_scheme(), result.scheme)


def _scheme(
    result: ScreeningResult, events: Mapping[str, Any], reader: Entitlements
) -> SchemeScreening:
    prompts = [_prompt(i, events, reader) for i in result.indicators]
    shown = [p for p in prompts if p.evidence]
    hidden = [p for p in prompts if not p.evidence]
    rules = rule_file_for(result.scheme)
    return SchemeScreening(
        scheme=result.scheme,
        title=rules.title if rules else result.scheme,
        rules_version=result.rules_version,
        rules_file=result.run.rules_file,
        as_of=result.run.as_of,
        screened_at=result.screened_at,
        score=result.score,
        suggested_grade=grade_label(result.scheme, result.suggested_grade),
        prompts_referral=bool(rules and result.suggested_grade in rules.prompt_grades),
        prompts=tuple(shown),
        hidden_indicators=len(hidden),
        hidden_points=sum(p.points for p in hidden),
    )


def _prompt(
    indicator: Mapping[str, Any], events: Mapping[str, Any], reader: Entitlements
) -> Prompt:
    visible, withheld = [], 0
    for evidence in indicator["evidence"]:
        row = events.get(evidence["event_id"])
        if row is None or reason_withheld(row, reader) is not None:
            withheld += 1
            continue
        label = vocabularies.label("event_type", evidence["event_type"])
        visible.append(Evidence(evidence["agency"], display_date(evidence["date"]), label))
    return Prompt(
        label=indicator["label"],
        category=CATEGORY_LABELS.get(indicator["category"], indicator["category"]),
        points=int(indicator["points"]),
        evidence=tuple(visible),
        withheld=withheld,
    )
