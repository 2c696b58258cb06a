"""A person's multi-agency chronology as JSON: the pages' chronology, entry by entry.

The chronology core applies the reader's entitlements per entry and field: entries
from agencies outside the agreement, and special-category or criminal-offence entries
the reader is not entitled to, are counted in `withheld`, never silently dropped; the
restricted narrative is null unless the reader may read that agency's narratives.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from joinedup.chronology import ChronologyEntry, Filters, When
from joinedup.records import vocabularies
from joinedup.records.partial_dates import PartialDate, parse_iso_partial_date
from joinedup.web.api.errors import Invalid, answers
from joinedup.web.api.opening import PERSON_ERRORS, PurposeParams, open_person
from joinedup.web.api.pages import PageOut, PageParams, page_of
from joinedup.web.api.people import OpeningOut, opening_out
from joinedup.web.children.services.chronology import chronology_of

__all__ = ["router"]

router = Router(tags=["Chronology"])


class ChronologyParams(Schema):
    agency: list[str] = Field([], description="Only these agencies (codes); repeat for more.")
    type: list[str] = Field([], description="Only these event types (codes); repeat for more.")
    from_: str = Field("", alias="from", description="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")
    to: str = Field("", description="To this date (inclusive): YYYY, YYYY-MM or YYYY-MM-DD.")


class WhenOut(Schema):
    iso: str = Field(description="As recorded: '2023', '2023-05', '2023-05-12T23:10'.")
    precision: str = Field(description="year, month, day or minute.")
    display: str


class PersonInvolvedOut(Schema):
    role: str
    role_label: str
    person_id: str | None = Field(description="null when the reader may not see who it is.")
    name: str | None


class EntryOut(Schema):
    kind: str = Field(description="event, birth or gap.")
    when: WhenOut
    agency: str
    event_type: str
    event_type_label: str
    summary: str
    narrative: str | None = Field(description="Restricted: null unless the reader may read it.")
    place: str | None
    people: list[PersonInvolvedOut]
    source_record: str | None = Field(description="AGENCY:source_id; null for gaps.")
    sensitivity: str | None
    grade: str | None = Field(description="The 3x5x2 grade of intelligence, such as '1AP'.")
    flags: list[str] = Field(description="Turning points: first indicator, escalation, ...")
    gap_until: WhenOut | None


class WithheldOut(Schema):
    agency: str
    reason: str = Field(description="outside_agreement, special_category or criminal_offence.")
    count: int
    statement: str


class ChronologyOut(Schema):
    person: OpeningOut
    covers: str
    sharing: list[str] = Field(description="What was shown, what was withheld and why.")
    withheld: list[WithheldOut]
    pagination: PageOut
    entries: list[EntryOut]


@router.get(
    "/people/{person_id}/chronology",
    response=answers(ChronologyOut, *PERSON_ERRORS),
    summary="A chronology",
)
def chronology(
    request: HttpRequest,
    person_id: str,
    purpose: Query[PurposeParams],
    narrowing: Query[ChronologyParams],
    paging: Query[PageParams],
) -> ChronologyOut:
    """Every agency's events about the person from birth, with gaps and turning points, as
    the reader may see them; filter by agency, type and period; entries are paged."""
    filters = _filters(narrowing)
    opening = open_person(request, person_id, purpose, "chronology")
    found = chronology_of(opening.person, opening.reader, filters)
    entries, info = page_of(found.entries, len(found.entries), paging)
    return ChronologyOut(
        person=opening_out(opening), covers=found.filters.describe(),
        sharing=list(found.sharing_statement()),
        withheld=[WithheldOut(agency=w.agency, reason=w.reason, count=w.count,
                              statement=w.statement()) for w in found.withheld],
        pagination=info, entries=[_entry(e) for e in entries],
    )  # fmt: skip


def _filters(given: ChronologyParams) -> Filters:
    unknown = sorted(set(given.type) - vocabularies.codes("event_type"))
    if unknown:
        raise Invalid(f"type: unknown event type {', '.join(unknown)}; see docs/chronology.md")
    start, end = _day(given.from_, "from"), _day(given.to, "to")
    if start and end and end.latest() < start.earliest():
        raise Invalid("to: the end of the period must not be before its start")
    return Filters(
        agencies=frozenset(a.upper() for a in given.agency) or None,
        event_types=frozenset(given.type) or None,
        start=start.earliest() if start else None,
        end=end.latest() if end else None,
    )


def _day(text: str, name: str) -> PartialDate | None:
    if not text.strip():
        return None
    try:
        return parse_iso_partial_date(text)
    except ValueError as error:
        raise Invalid(f"{name}: {error}") from None


def _when(when: When) -> WhenOut:
    return WhenOut(iso=when.iso, precision=when.precision, display=when.display)


def _entry(entry: ChronologyEntry) -> EntryOut:
    return EntryOut(
        kind=entry.kind, when=_when(entry.when), agency=entry.agency,
        event_type=entry.event_type, event_type_label=entry.event_type_label,
        summary=entry.summary, narrative=entry.narrative, place=entry.place,
        people=[PersonInvolvedOut(role=p.role, role_label=p.role_label, person_id=p.person_id,
                                  name=p.name) for p in entry.people],
        source_record=entry.source_record, sensitivity=entry.sensitivity, grade=entry.grade,
        flags=list(entry.flags), gap_until=_when(entry.gap_until) if entry.gap_until else None,
    )  # fmt: skip
