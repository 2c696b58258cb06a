"""Information-sharing decisions (`sharing.SharingDecision`, `sharing.CaldicottAdvice`),
as one record kind (`sharing_decision`).

A decision and the decisions correcting it form a chain (each correction names the one
it corrects), and the chain is one record, keyed by its first decision's reference:
destroying one link alone would either leave a wrong decision looking uncorrected or a
correction pointing at nothing. The chain falls due under the schedule's
`sharing_decision` rule: the later of the child's 25th birthday (the latest date of
birth of any child in the chain) and 6 years after its latest decision; a chain about a
context counts from the decision only. It is filed under the first decision's agency and
its latest child; a hold naming any child in the chain keeps it off the list.

Decisions and advice refuse `save()` and `delete()` once recorded (sharing/models.py).
Retention's destroy is the one deliberate path past that: a queryset delete (which does
not call the model's `delete()`), of the advice, then the decisions newest first, inside
the approval's transaction. The models' immutability is unchanged for everyone else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.utils import timezone

from joinedup.web.retention.kinds.common import (
    births_of_persons,
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

__all__ = ["CODE", "LABEL", "chain_of", "destroy", "find_due", "lookup"]

CODE, LABEL, RECORD_TYPE = "sharing_decision", "Information-sharing decisions", "sharing_decision"


def decision_model() -> type[Model] | None:
    return installed_model("sharing.SharingDecision")


def _chains(**root: Any) -> list[list[Any]]:
    """Each chain, first decision first (of the roots matching `root`)."""
    model = decision_model()
    if model is None:
        return []
    rows: list[Any] = list(model._default_manager.select_related("person", "agency").order_by("pk"))
    correcting = {d.corrects_id: d for d in rows if d.corrects_id}
    roots = [d for d in rows if d.corrects_id is None and _matches(d, root)]
    return [_follow(first, correcting) for first in roots]


def _matches(decision: Any, root: dict[str, Any]) -> bool:
    return all(getattr(decision, field) == value for field, value in root.items())


def _follow(first: Any, correcting: dict[int, Any]) -> list[Any]:
    chain = [first]
    while chain[-1].pk in correcting:
        chain.append(correcting[chain[-1].pk])
    return chain


def chain_of(reference: str) -> list[Any]:
    found = _chains(reference=reference)
    return found[0] if found else []


def _persons(chain: list[Any]) -> list[str]:
    return [d.person.person_id for d in reversed(chain) if d.person_id]


def find_due(as_of: date, schedule: Schedule) -> Iterator[RetainedRecord]:
    chains = _chains()
    births = births_of_persons(d.person_id for chain in chains for d in chain if d.person_id)
    cover = HoldCover()
    for chain in chains:
        retained = _retained(chain, schedule, births)
        if retained is None or retained.due > as_of:
            continue
        if not holds_on_persons(retained, _persons(chain), cover):
            yield retained


def lookup(key: str, as_of: date, schedule: Schedule) -> RetainedRecord | None:
    chain = chain_of(key)
    if not chain:
        return None
    births = births_of_persons(d.person_id for d in chain if d.person_id)
    return _retained(chain, schedule, births)


def _born(chain: list[Any], births: dict[int, Any]) -> Any:
    """The latest date of birth of the chain's children; None if any child has none."""
    linked = [d.person_id for d in chain if d.person_id]
    if not linked or any(pk not in births for pk in linked):
        return None
    return max((births[pk] for pk in linked), key=lambda born: born.latest())


def _retained(
    chain: list[Any], schedule: Schedule, births: dict[int, Any]
) -> RetainedRecord | None:
    about_child = any(d.person_id for d in chain)
    latest = max(day_of(d.decided_at) or date.min for d in chain)
    facts = Facts(born=_born(chain, births), recorded=latest, about_a_person=about_child)
    due = schedule.due(RECORD_TYPE, facts)
    if due is None:
        return None
    first, last = chain[0], chain[-1]
    outcome = "shared" if last.outcome == "shared" else "not shared"
    corrected = f", corrected {len(chain) - 1} times" if len(chain) > 1 else ""
    described = (f"Sharing decision {first.reference} about "
                 f"{'a child' if about_child else 'a context'} ({outcome}{corrected}), "
                 f"last decided {latest.day} {latest:%B %Y}")  # fmt: skip
    persons = _persons(chain)
    agency = first.agency.code if first.agency_id else ""
    return RetainedRecord(CODE, first.reference, described, persons[0] if persons else "",
                          due.trigger, due.on, RECORD_TYPE, agency, due.counts_from)  # fmt: skip


def destroy(key: str, decision: Any) -> Destroyed:
    """Delete the chain's advice, then its decisions, newest first (see the docstring)."""
    chain = chain_of(key)
    if not chain:
        raise DestructionRefused(
            "The sharing decision is no longer held, or corrects an earlier one: a chain of "
            "corrections is destroyed as one, from its first decision."
        )
    record = lookup(key, timezone.localdate(), load_schedule())
    if record is not None:
        refuse_if_persons_held(record, _persons(chain))
    model: Any = decision_model()
    advice = apps.get_model("sharing", "CaldicottAdvice")._default_manager
    counts: Counter[str] = Counter()
    delete_counting(counts, advice.filter(decision__in=[d.pk for d in chain]))
    for link in reversed(chain):
        delete_counting(counts, model._default_manager.filter(pk=link.pk))
    return Destroyed(dict(counts))
