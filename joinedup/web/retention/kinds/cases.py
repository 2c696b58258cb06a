"""The specialist team's cases (`cases.Case`), as one record kind (`case`).

A closed case falls due under the schedule's `specialist_case` rule: from the child's
date of birth (the latest any linked record gives) and the day the case closed; a case
about a context (a place, a peer group) counts from its closure only. Open cases are
never due. The model is found through `django.apps` when needed, so the retention app
does not import the cases app; without it this kind finds nothing.

Destroying a case deletes it with whatever the cases app made to cascade with it; a
protected link from another record refuses the destruction, naming what still needs it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Model, QuerySet

from joinedup.web.people.models import Person
from joinedup.web.retention.kinds.common import (
    births_of_persons,
    day_of,
    delete_counting,
    installed_model,
)
from joinedup.web.retention.registry import Destroyed, DestructionRefused, RetainedRecord
from joinedup.web.retention.services.rules import Facts
from joinedup.web.retention.services.schedule import Schedule

__all__ = ["CODE", "LABEL", "destroy", "find_due", "lookup", "open_cases_about",
           "refuse_if_case_open"]  # fmt: skip

CODE, LABEL, RECORD_TYPE = "case", "Specialist team cases", "specialist_case"


def case_model() -> type[Model] | None:
    return installed_model("cases.Case")


def open_cases_about(person: Person) -> list[str]:
    """References of the open cases about this person (none without the cases app)."""
    model = case_model()
    if model is None:
        return []
    found = model._default_manager.filter(person=person, status="open")
    return sorted(str(reference) for reference in found.values_list("reference", flat=True))


def refuse_if_case_open(person: Person) -> None:
    references = open_cases_about(person)
    if references:
        raise DestructionRefused(
            f"A case is open about this person ({', '.join(references)}): the record is "
            "still needed. Close the case first, or record a decision to keep the record."
        )


def _closed_cases() -> QuerySet[Any] | None:
    model = case_model()
    if model is None:
        return None
    found = model._default_manager.filter(status="closed", closed_at__isnull=False)
    return found.select_related("person").order_by("pk")


def find_due(as_of: date, schedule: Schedule) -> Iterator[RetainedRecord]:
    found = _closed_cases()
    if found is None:
        return
    cases = list(found)
    births = births_of_persons(c.person_id for c in cases if c.person_id)
    for case in cases:
        retained = _retained(case, schedule, births)
        if retained is not None and retained.due <= as_of:
            yield retained


def lookup(key: str, as_of: date, schedule: Schedule) -> RetainedRecord | None:
    cases = _closed_cases()
    case = None if cases is None else cases.filter(reference=key).first()
    if case is None:
        return None
    births = births_of_persons([case.person_id] if case.person_id else [])
    return _retained(case, schedule, births)


def _retained(case: Any, schedule: Schedule, births: dict[int, Any]) -> RetainedRecord | None:
    about_child = case.person_id is not None
    closed = day_of(case.closed_at) or date.min
    facts = Facts(born=births.get(case.person_id), closed=closed, about_a_person=about_child)
    due = schedule.due(RECORD_TYPE, facts)
    if due is None:
        return None
    subject = "a child" if about_child else "a context"
    described = f"Case {case.reference} about {subject}, closed {closed.day} {closed:%B %Y}"
    person_id = case.person.person_id if about_child else ""
    return RetainedRecord(CODE, case.reference, described, person_id, due.trigger, due.on,
                          RECORD_TYPE, "", due.counts_from)  # fmt: skip


def destroy(key: str, decision: Any) -> Destroyed:
    model = case_model()
    case: Any = None if model is None else model._default_manager.filter(reference=key).first()
    if case is None:
        raise DestructionRefused("The case is no longer held: nothing to destroy.")
    if case.status != "closed":
        raise DestructionRefused(f"Case {key} has been reopened: it is still needed.")
    counts: Counter[str] = Counter()
    delete_counting(counts, model._default_manager.filter(pk=case.pk))  # type: ignore[union-attr]
    return Destroyed(dict(counts))
