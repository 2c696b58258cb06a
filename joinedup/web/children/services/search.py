"""Search for a child: candidates from the database, scored by `matching.py`, by person.

Only persons the user may open are searched (`persons_visible_to`), and only the
records of agencies inside their sharing agreement, so a result never rests on a
record the user could not read. Candidates are found with a few indexed look-ups
(`candidates.py`); every candidate record is then scored, and the records of one
person make one result. Every search is audited (`person.search`) with the terms
typed and the person ids returned, never their names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from joinedup.records import vocabularies
from joinedup.web.access.services import entitlements_for, persons_visible_to
from joinedup.web.audit.services import record_event
from joinedup.web.children.services.candidates import candidate_records, records_of_persons
from joinedup.web.children.services.display import display_date, full_name
from joinedup.web.children.services.matching import (
    CandidateRecord,
    RecordMatch,
    RecordName,
    match_record,
)
from joinedup.web.children.services.terms import SearchTerms
from joinedup.web.records.models import SourcePerson

__all__ = ["PersonResult", "SearchTerms", "search_people"]

MAX_RESULTS = 50


@dataclass(frozen=True)
class PersonResult:
    """One person found: how they are recorded, by whom, and why they matched."""

    person_id: str
    score: float
    names: tuple[str, ...]  # every name and alias in the records, most common first
    dates_of_birth: tuple[str, ...]  # as recorded ('4 March 2009', 'March 2009')
    agencies: tuple[str, ...]  # agency names holding records
    reasons: tuple[str, ...]
    age_group: str


def search_people(
    user: Any, terms: SearchTerms, request: HttpRequest | None = None
) -> list[PersonResult]:
    """The persons the user may open that match, best first; the search is audited."""
    agencies = entitlements_for(user).agencies_visible
    records = candidate_records(terms, persons_visible_to(user), agencies)
    matches = _matches_by_person(terms, records)
    best = {pid: max(m.score for _, m in found) for pid, found in matches.items()}
    top = sorted(best, key=lambda pid: (-best[pid], pid))[:MAX_RESULTS]
    held = records_of_persons(top, agencies)
    results = [_result(pid, matches[pid], held[pid]) for pid in top]
    record_event(
        user,
        "person.search",
        detail={"terms": terms.audit_detail(), "person_ids": top},
        request=request,
    )
    return results


def _matches_by_person(
    terms: SearchTerms, records: list[SourcePerson]
) -> dict[str, list[tuple[SourcePerson, RecordMatch]]]:
    found: dict[str, list[tuple[SourcePerson, RecordMatch]]] = defaultdict(list)
    for record in records:
        match = match_record(terms, candidate(record))
        if match is not None:
            found[record.link.person.person_id].append((record, match))
    return found


def candidate(record: SourcePerson) -> CandidateRecord:
    """What the scorer needs of a SourcePerson (with other names and identifiers loaded)."""
    names = [RecordName("Name", record.forenames, record.surname)]
    for other in record.other_names.all():
        kind = vocabularies.label("other_name_kind", other.kind)
        names.append(
            RecordName(kind, other.forenames or record.forenames, other.surname or record.surname)
        )
    identifiers = tuple(
        (vocabularies.label("identifier_scheme", i.scheme), i.value)
        for i in record.identifiers.all()
    )
    return CandidateRecord(record.agency.code, record.source_id, tuple(names), record.dob,
                           identifiers)  # fmt: skip


def _result(
    person_id: str, matched: list[tuple[SourcePerson, RecordMatch]], records: list[SourcePerson]
) -> PersonResult:
    best_first = sorted(matched, key=lambda found: -found[1].score)
    reasons = [f"{r.agency.code}: {reason}" for r, m in best_first for reason in m.reasons]
    return PersonResult(
        person_id=person_id,
        score=max(m.score for _, m in matched),
        names=_names(records),
        dates_of_birth=tuple(dict.fromkeys(display_date(r.dob) for r in records if r.dob)),
        agencies=tuple(sorted({r.agency.name for r in records})),
        reasons=tuple(dict.fromkeys(reasons)),
        age_group=matched[0][0].link.person.age_group,
    )


def _names(records: list[SourcePerson]) -> tuple[str, ...]:
    counts: dict[str, int] = defaultdict(int)
    for record in records:
        for name in candidate(record).names:
            counts[full_name(name.forenames, name.surname)] += 1
    return tuple(sorted(counts, key=lambda n: (-counts[n], n)))
