"""Records due for review: past their retention date, not held, not yet decided.

Each registered record kind finds its records due (`find_due`); then records under an
active legal hold are left out, and so are records with a decision that still stands:
a destruction awaiting approval, a transfer to the archive, or a decision to keep the
record whose new review date has not come. Nothing here destroys anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest

from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.retention import registry
from joinedup.web.retention.models import LegalHold, RetentionDecision
from joinedup.web.retention.registry import RetainedRecord
from joinedup.web.retention.services.holds import HoldCover
from joinedup.web.retention.services.schedule import load_schedule

__all__ = ["DueRecord", "audit_due_viewed", "current_record", "records_due", "standing_decision"]


@dataclass(frozen=True, slots=True)
class DueRecord:
    """A record due, with the words a records manager needs: its kind, type and rule."""

    record: RetainedRecord
    kind_label: str
    type_label: str
    keep: str


def records_due(as_of: date, kind: str = "") -> list[DueRecord]:
    """Every record due on `as_of` (of one kind, if named), earliest due first."""
    schedule = load_schedule()
    cover = HoldCover()
    standing = _standing(as_of)
    found = []
    for record_kind in registry.kinds():
        if kind and record_kind.code != kind:
            continue
        for record in record_kind.find_due(as_of, schedule):
            if (record.kind, record.key) in standing or cover.holds_on(record):
                continue
            found.append(_due(record, record_kind.label))
    return sorted(found, key=lambda d: (d.record.due, d.record.kind, d.record.key))


def _due(record: RetainedRecord, kind_label: str) -> DueRecord:
    record_type = load_schedule().record_types.get(record.record_type)
    label = record_type.label if record_type else record.record_type
    return DueRecord(record, kind_label, label, record_type.keep if record_type else "")


def _standing(as_of: date) -> set[tuple[str, str]]:
    """(kind, key) of records whose latest decision keeps them off the list on `as_of`."""
    latest: dict[tuple[str, str], RetentionDecision] = {}
    decisions = RetentionDecision.objects.exclude(status=RetentionDecision.REJECTED)
    for decision in decisions.order_by("decided_at", "pk"):
        latest[(decision.kind, decision.key)] = decision
    return {key for key, decision in latest.items() if _stands(decision, as_of)}


def _stands(decision: RetentionDecision, as_of: date) -> bool:
    if decision.status == RetentionDecision.AWAITING:
        return True
    if decision.outcome == RetentionDecision.ARCHIVE:
        return True
    return decision.outcome == RetentionDecision.RETAIN and (
        decision.review_date is not None and decision.review_date > as_of
    )


def standing_decision(kind: str, key: str, as_of: date) -> RetentionDecision | None:
    """The decision that keeps this record off the list on `as_of`, if one does."""
    decisions = RetentionDecision.objects.filter(kind=kind, key=key)
    latest = decisions.exclude(status=RetentionDecision.REJECTED).order_by("-decided_at", "-pk")
    found = latest.first()
    return found if found is not None and _stands(found, as_of) else None


def current_record(kind: str, key: str, as_of: date) -> RetainedRecord | None:
    """The record now (due or not), or None when it, or its kind, is gone."""
    try:
        record_kind = registry.kind(kind)
    except KeyError:
        return None
    return record_kind.find(key, as_of, load_schedule())


def holds_on(record: RetainedRecord) -> list[LegalHold]:
    return HoldCover().holds_on(record)


def audit_due_viewed(user: User, as_of: date, kind: str, shown: list[DueRecord], total: int,
                     request: HttpRequest | None = None) -> None:  # fmt: skip
    """The list (or one record) seen: which records and persons were named."""
    record_event(
        user, "retention.due_viewed", target_type="retention_due", target_id=as_of.isoformat(),
        request=request,
        detail={"as_of": as_of.isoformat(), "kind": kind, "total": total,
                "records": [f"{d.record.kind}:{d.record.key}" for d in shown],
                "person_ids": sorted({d.record.subject_person_id for d in shown} - {""})},
    )  # fmt: skip
