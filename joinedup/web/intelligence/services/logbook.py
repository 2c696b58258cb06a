"""Logging an item: who received what, from whom, graded how, about whom.

`log_item` makes the item, its subjects and its first history entry, gives it its
owner (the logger) and its decide-by time (data/deadlines.yaml), and audits it
(`intelligence.logged`), all in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from uuid import uuid4

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.access.services import has_capability
from joinedup.web.intelligence.models import IntelligenceItem, ItemSubject
from joinedup.web.intelligence.services.changes import record_change
from joinedup.web.intelligence.services.deadlines import decide_by
from joinedup.web.intelligence.services.subjects import SubjectInput, create_subject
from joinedup.web.records.models import Agency

__all__ = ["NewItem", "log_item", "subject_counts"]


@dataclass(frozen=True)
class NewItem:
    """What the logging form (or an import) gives: everything but owner and deadline."""

    received_on: date
    source_agency: Agency
    source_type: str
    grade_source: str
    grade_intelligence: str
    grade_handling: str
    summary: str
    text: str = ""
    handling_conditions: str = ""
    criminal_offence: bool = True
    subjects: Sequence[SubjectInput] = field(default_factory=tuple)

    def grade(self) -> dict[str, str]:
        return {
            "grade_source": self.grade_source,
            "grade_intelligence": self.grade_intelligence,
            "grade_handling": self.grade_handling,
        }


def log_item(
    by: Any,
    new: NewItem,
    *,
    owner: Any = None,
    event: Any = None,
    now: datetime | None = None,
    request: HttpRequest | None = None,
) -> IntelligenceItem:
    """Log an item, owned by `owner` (the logger by default), due by the data file's rule."""
    if event is None and not has_capability(by, "log_intelligence"):
        raise PermissionDenied("Your role does not log intelligence.")
    now = now or timezone.now()
    with transaction.atomic():
        logger = by if getattr(by, "pk", None) else owner
        item = _create(new, logged_by=logger, owner=owner or by, event=event, now=now)
        subjects = [create_subject(item, by, subject) for subject in new.subjects]
        action = "logged" if event is None else "imported"
        detail = {
            "grade": item.grade,
            "source_agency": new.source_agency.code,
            "decide_by": item.decide_by.isoformat(),
            "owner": item.owner.username,
            **subject_counts(subjects),
        }
        if event is not None:
            detail["event"] = f"{event.agency.code}:{event.source_id}"
        record_change(item, by, action, detail=detail, request=request)
    return item


def _create(
    new: NewItem, *, logged_by: Any, owner: Any, event: Any, now: datetime
) -> IntelligenceItem:
    values = {k: v for k, v in vars(new).items() if k != "subjects"}
    item = IntelligenceItem.objects.create(
        **values,
        reference=f"new-{uuid4().hex[:12]}",
        logged_at=now,
        logged_by=logged_by,
        owner=owner,
        decide_by=decide_by(now, new.grade()),
        event=event,
    )
    item.reference = f"INT-{item.pk:06d}"
    item.save(update_fields=["reference"])
    return item


def subject_counts(subjects: Sequence[ItemSubject]) -> dict[str, Any]:
    """For an audit detail: the person ids named and how many subjects of each kind."""
    kinds: dict[str, int] = {}
    for subject in subjects:
        kinds[subject.kind] = kinds.get(subject.kind, 0) + 1
    persons = [s.person.person_id for s in subjects if s.person is not None]
    return {"person_ids": persons, "subjects": kinds}
