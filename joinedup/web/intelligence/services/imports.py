"""Imported intelligence reports into the log, for triage.

Agencies' own systems send `intelligence_report` events (records.Event, with the 3x5x2
grade in `grade_*`). `log_imported_reports` logs each one not yet in the log as an item
(`intelligence.imported`), with the event's participants, place, vehicles and phones as
subjects, so every report received has an owner and a deadline like any other. It is
idempotent: an event already logged is skipped (`IntelligenceItem.event` is unique).

The owner is the manager who pressed the button; from `joinedup remind` (no user), the
first active holder of `allocate_cases` by username, who assigns them on.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from joinedup.web.access.services import has_capability
from joinedup.web.accounts.models import User
from joinedup.web.intelligence.models import IntelligenceItem
from joinedup.web.intelligence.services.logbook import NewItem, log_item
from joinedup.web.intelligence.services.subjects import (
    SubjectInput,
    subject_for_person,
    subject_for_phone,
    subject_for_place,
    subject_for_vehicle,
)
from joinedup.web.records.models import Event

__all__ = ["log_imported_reports", "reports_not_logged", "triage_owner"]

SUMMARY_LENGTH = 300


def reports_not_logged() -> Any:
    logged = IntelligenceItem.objects.filter(event__isnull=False).values("event_id")
    return Event.objects.filter(event_type="intelligence_report").exclude(pk__in=logged)


def triage_owner() -> User | None:
    for user in User.objects.filter(is_active=True).order_by("username"):
        if has_capability(user, "allocate_cases") and has_capability(user, "log_intelligence"):
            return user
    return None


def log_imported_reports(by: Any = None, owner: User | None = None) -> int:
    """Log every imported report not yet logged; return how many were logged."""
    owner = owner or (by if getattr(by, "pk", None) else None) or triage_owner()
    if owner is None:
        return 0
    events = reports_not_logged().select_related("agency", "place").order_by("occurred_on", "pk")
    count = 0
    for event in events.prefetch_related(
        "participants__person__link__person", "vehicles", "phones"
    ):
        with transaction.atomic():
            log_item(by, _new_item(event), owner=owner, event=event, now=timezone.now())
        count += 1
    return count


def _new_item(event: Event) -> NewItem:
    return NewItem(
        received_on=event.recorded or event.occurred_on,
        source_agency=event.agency,
        source_type="partner_system",
        grade_source=event.grade_source,
        grade_intelligence=event.grade_intelligence,
        grade_handling=event.grade_handling,
        summary=(event.summary or "Intelligence report (no summary recorded)")[:SUMMARY_LENGTH],
        text=event.narrative,
        criminal_offence=event.sensitivity == "criminal_offence",
        subjects=_subjects(event),
    )


def _subjects(event: Event) -> list[SubjectInput]:
    found: list[SubjectInput] = []
    for participant in event.participants.all():
        link = getattr(participant.person, "link", None)
        if link is not None:
            found.append(subject_for_person(link.person, participant.role))
    if event.place is not None:
        found.append(subject_for_place(event.place))
    found += [
        _known(subject_for_vehicle(v.registration), v, "vehicle") for v in event.vehicles.all()
    ]
    found += [_known(subject_for_phone(p.number), p, "phone") for p in event.phones.all()]
    return found


def _known(subject: SubjectInput, record: Any, kind: str) -> SubjectInput:
    return {**subject, kind: record}
