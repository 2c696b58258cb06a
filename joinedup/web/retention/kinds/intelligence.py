"""Intelligence items (`intelligence.IntelligenceItem`), as one record kind
(`intelligence_item`).

A responded (closed) item falls due under the schedule's `intelligence_item` rule: 25
years after it was recorded (logged), then reviewed. Open items, and items reopened, are
never due. The item is filed under its source agency (so a hold on that agency covers
it) and its first person subject; a hold naming any person the item is about keeps it
off the list and refuses its destruction. The description gives the reference, grade,
how many subjects and when it was responded to: never the summary, text or names.

Destroying an item deletes it with its subjects, its history and its reminders. The
imported report it was logged from (a `records.Event`) is the agency's record and stays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

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

CODE, LABEL, RECORD_TYPE = "intelligence_item", "Intelligence items", "intelligence_item"


def item_model() -> type[Model] | None:
    return installed_model("intelligence.IntelligenceItem")


def _closed() -> QuerySet[Any] | None:
    model = item_model()
    if model is None:
        return None
    subjects = Prefetch("subjects", to_attr="all_subjects")
    found = model._default_manager.filter(status="responded").select_related("source_agency")
    return found.prefetch_related(subjects, "subjects__person").order_by("pk")


def person_ids(item: Any) -> list[str]:
    return [s.person.person_id for s in item.all_subjects if s.person_id]


def find_due(as_of: date, schedule: Schedule) -> Iterator[RetainedRecord]:
    found = _closed()
    if found is None:
        return
    cover = HoldCover()
    for item in found:
        retained = _retained(item, schedule)
        if retained is None or retained.due > as_of:
            continue
        if not holds_on_persons(retained, person_ids(item), cover):
            yield retained


def lookup(key: str, as_of: date, schedule: Schedule) -> RetainedRecord | None:
    found = _closed()
    item = None if found is None else found.filter(reference=key).first()
    return None if item is None else _retained(item, schedule)


def _retained(item: Any, schedule: Schedule) -> RetainedRecord | None:
    recorded = day_of(item.logged_at) or date.min
    due = schedule.due(RECORD_TYPE, Facts(recorded=recorded))
    if due is None:
        return None
    responded = day_of(item.responded_at) or recorded
    count = len(item.all_subjects)
    described = (f"Intelligence item {item.reference}, graded {item.grade or 'ungraded'}: "
                 f"{count} subject{'s' if count != 1 else ''}, responded to "
                 f"{responded.day} {responded:%B %Y}")  # fmt: skip
    persons = person_ids(item)
    return RetainedRecord(CODE, item.reference, described, persons[0] if persons else "",
                          due.trigger, due.on, RECORD_TYPE, item.source_agency.code,
                          due.counts_from)  # fmt: skip


def destroy(key: str, decision: Any) -> Destroyed:
    """Delete the item with its subjects, history and reminders."""
    model = item_model()
    item: Any = None if model is None else model._default_manager.filter(reference=key).first()
    if item is None:
        raise DestructionRefused("The intelligence item is no longer held: nothing to destroy.")
    if item.status != "responded":
        raise DestructionRefused(f"Intelligence item {key} has been reopened: it is still needed.")
    closed = _closed().filter(pk=item.pk).first()  # type: ignore[union-attr]
    record = _retained(closed, load_schedule())
    if record is not None:
        refuse_if_persons_held(record, person_ids(closed))
    counts: Counter[str] = Counter()
    delete_counting(counts, model._default_manager.filter(pk=item.pk))  # type: ignore[union-attr]
    return Destroyed(dict(counts))
