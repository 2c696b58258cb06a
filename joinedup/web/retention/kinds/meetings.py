"""MACE meetings (`meetings.Meeting`), as one record kind (`mace_meeting`).

A meeting whose minutes were approved, or which was cancelled, falls due under the
schedule's `mace_minutes` rule: 35 years after the meeting. Meetings planned, in progress
or held with minutes not yet approved are never due. A meeting is filed under the first
person on its agenda; a hold naming any person on the agenda (a child or a person of
concern) keeps it off the list and refuses its destruction. The description gives the
reference, kind, date and counts: never the minutes, discussion or names.

Destroying a meeting deletes its actions with their updates and reminders, then the
meeting with its agenda items and their decisions, attendance, minutes and addenda, and
which agencies were invited. It is refused while an action is still open: actions
outlive the meeting until their owners finish or cancel them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Model, Prefetch, QuerySet

from joinedup.web.retention.kinds.common import (
    day_of,
    delete_counting,
    holds_on_persons,
    installed_model,
    refuse_if_persons_held,
)
from joinedup.web.retention.registry import Destroyed, DestructionRefused, RetainedRecord
from joinedup.web.retention.services.holds import HoldCover
from joinedup.web.retention.services.rules import Facts
from joinedup.web.retention.services.schedule import Schedule, load_schedule

__all__ = ["CODE", "LABEL", "destroy", "find_due", "lookup"]

CODE, LABEL, RECORD_TYPE = "mace_meeting", "MACE meetings", "mace_minutes"
FINISHED = {"minutes_approved": "minutes approved", "cancelled": "cancelled"}


def meeting_model() -> type[Model] | None:
    return installed_model("meetings.Meeting")


def _finished() -> QuerySet[Any] | None:
    model = meeting_model()
    if model is None:
        return None
    items = Prefetch("items", to_attr="agenda")
    found = model._default_manager.filter(status__in=FINISHED)
    return found.prefetch_related(items, "items__person").order_by("pk")


def person_ids(meeting: Any) -> list[str]:
    return [i.person.person_id for i in meeting.agenda if i.person_id]


def find_due(as_of: date, schedule: Schedule) -> Iterator[RetainedRecord]:
    found = _finished()
    if found is None:
        return
    cover = HoldCover()
    for meeting in found:
        retained = _retained(meeting, schedule)
        if retained is None or retained.due > as_of:
            continue
        if not holds_on_persons(retained, person_ids(meeting), cover):
            yield retained


def lookup(key: str, as_of: date, schedule: Schedule) -> RetainedRecord | None:
    found = _finished()
    meeting = None if found is None else found.filter(reference=key).first()
    return None if meeting is None else _retained(meeting, schedule)


def _retained(meeting: Any, schedule: Schedule) -> RetainedRecord | None:
    held_on = day_of(meeting.starts_at) or date.min
    due = schedule.due(RECORD_TYPE, Facts(recorded=held_on))
    if due is None:
        return None
    count = len(meeting.agenda)
    described = (f"MACE meeting {meeting.reference} ({meeting.kind}) on "
                 f"{held_on.day} {held_on:%B %Y}: {count} agenda item"
                 f"{'s' if count != 1 else ''}, {FINISHED[meeting.status]}")  # fmt: skip
    persons = person_ids(meeting)
    return RetainedRecord(CODE, meeting.reference, described, persons[0] if persons else "",
                          due.trigger, due.on, RECORD_TYPE, "", due.counts_from)  # fmt: skip


def destroy(key: str, decision: Any) -> Destroyed:
    """Delete the meeting and all it holds (see the docstring)."""
    model = meeting_model()
    meeting: Any = None if model is None else model._default_manager.filter(reference=key).first()
    if meeting is None:
        raise DestructionRefused("The meeting is no longer held: nothing to destroy.")
    if meeting.status not in FINISHED:
        raise DestructionRefused(f"Meeting {key} is not finished: it is still needed.")
    actions = apps.get_model("meetings", "Action")._default_manager.filter(item__meeting=meeting)
    if actions.filter(status="open").exists():
        raise DestructionRefused(f"An action from meeting {key} is still open: its owner must "
                                 "finish or cancel it first.")  # fmt: skip
    finished = _finished().filter(pk=meeting.pk).first()  # type: ignore[union-attr]
    record = _retained(finished, load_schedule())
    if record is not None:
        refuse_if_persons_held(record, person_ids(finished))
    counts: Counter[str] = Counter()
    delete_counting(counts, actions)
    delete_counting(counts, model._default_manager.filter(pk=meeting.pk))  # type: ignore[union-attr]
    return Destroyed(dict(counts))
