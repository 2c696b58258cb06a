"""Front-door contacts (`frontdoor.Contact`), as one record kind (`frontdoor_contact`).

A decided contact falls due under the schedule's front-door rules, counted from the
child's date of birth and the day of the screening decision:

- `front_door_nfa` for a contact decided "no further action" or "advice or signposting";
- `front_door_referral` for a contact passed to another service (early help, children's
  social care, a strategy discussion, or any decision added later).

The date of birth is the latest of what the referrer gave, what the child's linked records
give, and, with only an age, the latest birthday that age allows. A contact that opened a
case is part of that case's record: it is never listed on its own, its destruction alone
is refused, and `destroy_case` (registered as the `case` kind's destroy) deletes it with
the case. Contacts still being screened are never due. The model is found through
`django.apps`, so the retention app does not import the front door.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone

from joinedup.records.partial_dates import PartialDate
from joinedup.web.retention.kinds import cases
from joinedup.web.retention.kinds.common import (
    births_of_persons,
    day_of,
    delete_counting,
    installed_model,
    parse_birth,
)
from joinedup.web.retention.registry import Destroyed, DestructionRefused, RetainedRecord
from joinedup.web.retention.services.rules import Facts, add_years
from joinedup.web.retention.services.schedule import Schedule

__all__ = ["CODE", "LABEL", "destroy", "destroy_case", "find_due", "lookup"]

CODE, LABEL = "frontdoor_contact", "Front-door contacts"
# The front door's decision codes (frontdoor/data/decisions.yaml) that end its
# involvement; every other decision passes the contact on and is kept longer.
NO_FURTHER_ACTION = frozenset({"no_further_action", "advice"})
NFA_TYPE, REFERRAL_TYPE = "front_door_nfa", "front_door_referral"


def contact_model() -> type[Model] | None:
    return installed_model("frontdoor.Contact")


def _decided() -> QuerySet[Any] | None:
    model = contact_model()
    if model is None:
        return None
    found = model._default_manager.filter(status="decided", decided_at__isnull=False)
    return found.select_related("person", "case").order_by("pk")


def find_due(as_of: date, schedule: Schedule) -> Iterator[RetainedRecord]:
    found = _decided()
    if found is None:
        return
    contacts = list(found.filter(case__isnull=True))
    births = births_of_persons(c.person_id for c in contacts if c.person_id)
    for contact in contacts:
        retained = _retained(contact, schedule, births)
        if retained is not None and retained.due <= as_of:
            yield retained


def lookup(key: str, as_of: date, schedule: Schedule) -> RetainedRecord | None:
    found = _decided()
    contact = None if found is None else found.filter(reference=key).first()
    if contact is None:
        return None
    births = births_of_persons([contact.person_id] if contact.person_id else [])
    return _retained(contact, schedule, births)


def record_type_of(decision: str) -> str:
    return NFA_TYPE if decision in NO_FURTHER_ACTION else REFERRAL_TYPE


def born(contact: Any, births: dict[int, PartialDate]) -> PartialDate | None:
    """The latest date of birth the contact, the child's records or the age given allow."""
    found = [parse_birth(contact.child_dob), births.get(contact.person_id)]
    if contact.child_age is not None:
        received = day_of(contact.received_at) or timezone.localdate()
        found.append(PartialDate.from_date(add_years(received, -contact.child_age)))
    known = [b for b in found if b is not None]
    return max(known, key=lambda b: b.latest()) if known else None


def _retained(contact: Any, schedule: Schedule, births: dict[int, Any]) -> RetainedRecord | None:
    record_type = record_type_of(contact.decision)
    decided = day_of(contact.decided_at) or date.min
    due = schedule.due(record_type, Facts(born=born(contact, births), closed=decided))
    if due is None:
        return None
    words = contact.decision.replace("_", " ") or "decided"
    described = f"Contact {contact.reference}: {words}, decided {decided.day} {decided:%B %Y}"
    if contact.case_id:
        described += f"; opened case {contact.case.reference} (kept with the case)"
    person_id = contact.person.person_id if contact.person_id else ""
    return RetainedRecord(CODE, contact.reference, described, person_id, due.trigger, due.on,
                          record_type, "", due.counts_from)  # fmt: skip


def destroy(key: str, decision: Any) -> Destroyed:
    """Delete the contact and its reminders; refused while it is part of a case's record."""
    found = _decided()
    contact = None if found is None else found.filter(reference=key).first()
    if contact is None:
        raise DestructionRefused("The contact is no longer held: nothing to destroy.")
    if contact.case_id:
        raise DestructionRefused(
            f"Contact {key} opened case {contact.case.reference}: it is kept while the case "
            "is, and destroyed with the case."
        )
    counts: Counter[str] = Counter()
    delete_counting(counts, found.filter(pk=contact.pk))  # type: ignore[union-attr]
    return Destroyed(dict(counts))


def destroy_case(key: str, decision: Any) -> Destroyed:
    """The `case` kind's destroy: the front-door contacts that opened the case go with it."""
    counts: Counter[str] = Counter()
    model = contact_model()
    if model is not None:
        linked = model._default_manager.filter(case__reference=key, case__status="closed")
        delete_counting(counts, linked)
    counts.update(cases.destroy(key, decision).counts)
    return Destroyed(dict(counts))
