"""Imported agency records of a person, as one record kind (`agency_record`).

One record is a `records.SourcePerson` (one agency's record of one person) with the
events only it took part in. Its type comes from the events it carries (the schedule's
`classify_by_events`: looked after, child protection) or else its agency's kind
(`agency_defaults`). Its date of birth is the record's own (a partial date counts from
its latest possible day); it "closed" at its last event (the latest day that event could
mean), or, with no events, when an import last changed it.

Destroying it deletes, in the approval's transaction: the events only it took part in,
its part in other events (those events stay: another person's record needs them), the
record versions (history) of both, the record with its names, addresses, phones,
e-mails, identifiers, its person-index link and link decisions; the person is marked
inactive when no other record is linked to them. It is refused while a case is open
about the person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from joinedup.records.partial_dates import parse_iso_partial_datetime
from joinedup.web.people.models import Person
from joinedup.web.records.models import Event, EventParticipant, RecordVersion, SourcePerson
from joinedup.web.retention.kinds.cases import refuse_if_case_open
from joinedup.web.retention.kinds.common import day_of, delete_counting, parse_birth
from joinedup.web.retention.registry import Destroyed, DestructionRefused, RetainedRecord
from joinedup.web.retention.services.rules import Facts
from joinedup.web.retention.services.schedule import Schedule

__all__ = ["CODE", "LABEL", "destroy", "find_due", "lookup"]

CODE, LABEL = "agency_record", "Agencies' records of a person"
_FIELDS = ("pk", "agency__code", "agency__name", "agency__kind", "source_id", "dob",
           "link__person__person_id", "updated_in__finished_at")  # fmt: skip


@dataclass
class _Record:
    row: dict[str, Any]
    event_types: set[str] = field(default_factory=set)
    events: set[int] = field(default_factory=set)
    last_event: date | None = None


def find_due(as_of: date, schedule: Schedule) -> Iterator[RetainedRecord]:
    for record in _records(Q()):
        retained = _retained(record, schedule)
        if retained is not None and retained.due <= as_of:
            yield retained


def lookup(key: str, as_of: date, schedule: Schedule) -> RetainedRecord | None:
    agency, source_id = split_key(key)
    found = _records(Q(agency__code=agency, source_id=source_id))
    return _retained(found[0], schedule) if found else None


def split_key(key: str) -> tuple[str, str]:
    agency, _, source_id = key.partition(":")
    return agency, source_id


def _records(where: Q) -> list[_Record]:
    records = {row["pk"]: _Record(row) for row in
               SourcePerson.objects.filter(where).values(*_FIELDS).order_by("pk")}  # fmt: skip
    taking_part = EventParticipant.objects.filter(person_id__in=list(records))
    for person, event, event_type, occurred in taking_part.values_list(
        "person_id", "event_id", "event__event_type", "event__occurred"
    ):
        _add_event(records[person], event, event_type, occurred)
    return list(records.values())


def _add_event(record: _Record, event: int, event_type: str, occurred: str) -> None:
    record.events.add(event)
    record.event_types.add(event_type)
    try:
        day = parse_iso_partial_datetime(occurred).date_part().latest()
    except ValueError:
        return
    record.last_event = max(record.last_event or day, day)


def _retained(record: _Record, schedule: Schedule) -> RetainedRecord | None:
    row = record.row
    kind = schedule.classify(record.event_types, row["agency__kind"])
    closed = record.last_event or day_of(row["updated_in__finished_at"])
    due = schedule.due(kind.code, Facts(born=parse_birth(row["dob"]), closed=closed))
    if due is None:
        return None
    described = f"{row['agency__name']} record {row['source_id']}: {_events(record)}"
    return RetainedRecord(
        CODE, f"{row['agency__code']}:{row['source_id']}", described,
        row["link__person__person_id"] or "", due.trigger, due.on, kind.code,
        row["agency__code"], due.counts_from,
    )  # fmt: skip


def _events(record: _Record) -> str:
    count = len(record.events)
    return "no events" if not count else f"{count} event{'s' if count != 1 else ''}"


def destroy(key: str, decision: Any) -> Destroyed:
    """Delete the record and what only it holds (see the module's docstring)."""
    agency, source_id = split_key(key)
    record = (SourcePerson.objects.select_related("link__person")
              .filter(agency__code=agency, source_id=source_id).first())  # fmt: skip
    if record is None:
        raise DestructionRefused("The record is no longer held: nothing to destroy.")
    link = getattr(record, "link", None)
    person = link.person if link is not None else None
    if person is not None:
        refuse_if_case_open(person)
    counts: Counter[str] = Counter()
    _delete_record(record, counts)
    if person is not None and not person.links.exists():
        counts["people.Person (made inactive)"] += Person.objects.filter(pk=person.pk).update(
            active=False
        )
    return Destroyed(dict(counts))


def _delete_record(record: SourcePerson, counts: Counter[str]) -> None:
    mine = EventParticipant.objects.filter(person=record).values("event_id")
    shared = EventParticipant.objects.filter(event_id__in=mine).exclude(person=record)
    sole = list(Event.objects.filter(pk__in=mine).exclude(pk__in=shared.values("event_id"))
                .values_list("pk", "source_id"))  # fmt: skip
    sole_pks, sole_sources = [pk for pk, _ in sole], [sid for _, sid in sole]
    delete_counting(counts, EventParticipant.objects.filter(person=record)
                    .exclude(event_id__in=sole_pks))  # fmt: skip
    delete_counting(counts, Event.objects.filter(pk__in=sole_pks))
    versions = RecordVersion.objects.filter(agency_id=record.agency_id)
    delete_counting(counts, versions.filter(kind=Event.KIND, source_id__in=sole_sources))
    delete_counting(counts, versions.filter(kind=SourcePerson.KIND, source_id=record.source_id))
    delete_counting(counts, SourcePerson.objects.filter(pk=record.pk))
