"""Deciding about a record due for review, approving a destruction, and destroying.

A records manager decides: destroy, keep for longer (a new review date) or transfer to
the archive, with a reason. Keeping and archiving take effect at once. Destroying waits
for a second records manager (never the one who decided) to approve; approval runs the
destruction in one transaction: the record is checked again (still held, still due, not
under a hold), its kind deletes its rows, the destruction log is written, the decision
keeps no name or description, and both steps are audited. Anything that refuses rolls
the whole of it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.accounts.models import User
from joinedup.web.audit.services import record_event
from joinedup.web.retention import registry
from joinedup.web.retention.models import DestructionLog, DueNotice, RetentionDecision
from joinedup.web.retention.registry import DestructionRefused, RetainedRecord
from joinedup.web.retention.services.due import current_record, holds_on, standing_decision
from joinedup.web.retention.services.schedule import load_schedule

__all__ = ["Choice", "approve", "awaiting_approval", "decide", "reject"]

D = RetentionDecision


@dataclass(frozen=True, slots=True)
class Choice:
    outcome: str  # destroy, retain or archive
    reason: str
    review_date: date | None = None


def awaiting_approval() -> list[RetentionDecision]:
    return list(D.objects.filter(status=D.AWAITING).select_related("decided_by"))


def decide(user: User, record: RetainedRecord, choice: Choice,
           request: HttpRequest | None = None) -> RetentionDecision:  # fmt: skip
    """Record a decision about a record due today (InputError says why it cannot be)."""
    today = timezone.localdate()
    _check_decidable(record, choice, today)
    schedule = load_schedule()
    with transaction.atomic():
        decision = D.objects.create(
            kind=record.kind, key=record.key, record_type=record.record_type,
            agency=record.agency, subject_person_id=record.subject_person_id,
            description=record.description[:300], trigger_date=record.trigger,
            due_date=record.due, rule=schedule.record_type(record.record_type).keep[:300],
            schedule_version=schedule.version, outcome=choice.outcome, reason=choice.reason,
            review_date=choice.review_date if choice.outcome == D.RETAIN else None,
            decided_by=user, decided_at=timezone.now(),
            status=D.AWAITING if choice.outcome == D.DESTROY else D.RECORDED,
        )  # fmt: skip
        if choice.outcome == D.RETAIN:  # told again when the new review date comes
            DueNotice.objects.filter(kind=record.kind, key=record.key).delete()
        record_event(user, "retention.decision", target_type="retention_record",
                     target_id=f"{record.kind}:{record.key}", request=request,
                     detail=_detail(decision))  # fmt: skip
    return decision


def _check_decidable(record: RetainedRecord, choice: Choice, today: date) -> None:
    if record.due > today:
        raise InputError("This record is not due for review yet")
    if holds_on(record):
        raise InputError("This record is under a legal hold: it cannot be decided on")
    if standing_decision(record.kind, record.key, today) is not None:
        raise InputError("A decision about this record already stands")
    if choice.outcome not in (D.DESTROY, D.RETAIN, D.ARCHIVE) or not choice.reason.strip():
        raise InputError("Select a decision and give your reason")
    if choice.outcome == D.RETAIN and (choice.review_date is None or choice.review_date <= today):
        raise InputError("Enter a new review date in the future")


def _detail(decision: RetentionDecision) -> dict[str, object]:
    return {"decision": decision.pk, "outcome": decision.outcome, "status": decision.status,
            "record_type": decision.record_type, "agency": decision.agency,
            "person_id": decision.subject_person_id, "due": decision.due_date.isoformat(),
            "review_date": decision.review_date.isoformat() if decision.review_date else "",
            "schedule_version": decision.schedule_version}  # fmt: skip


def reject(user: User, decision: RetentionDecision, note: str,
           request: HttpRequest | None = None) -> None:  # fmt: skip
    """Refuse to approve a destruction: the record is due for review again."""
    with transaction.atomic():
        locked = _lock_awaiting(user, decision, note)
        locked.status, locked.approval_note = D.REJECTED, note
        locked.approved_by, locked.approved_at = user, timezone.now()
        locked.save(update_fields=["status", "approval_note", "approved_by", "approved_at"])
        record_event(user, "retention.rejected", target_type="retention_record",
                     target_id=f"{locked.kind}:{locked.key}", request=request,
                     detail=_detail(locked))  # fmt: skip


def approve(user: User, decision: RetentionDecision, note: str,
            request: HttpRequest | None = None) -> DestructionLog:  # fmt: skip
    """Approve and run the destruction (DestructionRefused or InputError: nothing done)."""
    with transaction.atomic():
        locked = _lock_awaiting(user, decision, note)
        _check_still_destroyable(locked)
        destroyed = registry.kind(locked.kind).destroy(locked.key, locked)
        log = _log(locked, user, destroyed.counts)
        _close(locked, user, note)
        record_event(user, "retention.approved", target_type="retention_record",
                     target_id=f"{locked.kind}:{locked.key}", request=request,
                     detail={**_detail(locked), "log": log.pk})  # fmt: skip
        record_event(user, "retention.destroyed", target_type="destruction_log",
                     target_id=log.pk, request=request,
                     detail=_logged(log))  # fmt: skip
    transaction.on_commit(_forget_cached_analysis)
    return log


def _logged(log: DestructionLog) -> dict[str, object]:
    return {"kind": log.kind, "key": log.source_key, "counts": log.counts,
            "decided_by": log.decided_by, "approved_by": log.approved_by}  # fmt: skip


def _lock_awaiting(user: User, decision: RetentionDecision, note: str) -> RetentionDecision:
    locked = D.objects.select_for_update().get(pk=decision.pk)
    if locked.status != D.AWAITING:
        raise InputError("This decision is no longer awaiting approval")
    if locked.decided_by_id == user.pk:
        raise InputError("You recorded this decision: another records manager must approve it")
    if not note.strip():
        raise InputError("Enter a note: what you checked")
    return locked


def _check_still_destroyable(decision: RetentionDecision) -> None:
    today = timezone.localdate()
    record = current_record(decision.kind, decision.key, today)
    if record is None:
        raise DestructionRefused("The record is no longer held, or its kind is not registered.")
    held = holds_on(record)
    if held:
        names = ", ".join(hold.name for hold in held)
        raise DestructionRefused(f"The record is now under a legal hold ({names}).")
    if record.due > today:
        due = f"{record.due.day} {record.due:%B %Y}"
        raise DestructionRefused(f"Under the schedule now, the record is not due until {due}.")


def _log(decision: RetentionDecision, approver: User, counts: Mapping[str, int]) -> DestructionLog:
    return DestructionLog.objects.create(
        decision=decision, kind=decision.kind, record_type=decision.record_type,
        agency=decision.agency, source_key=decision.key, counts=dict(counts),
        rule=decision.rule, schedule_version=decision.schedule_version,
        decided_by=decision.decided_by.username, approved_by=approver.username,
        decided_at=decision.decided_at, destroyed_at=timezone.now(),
    )  # fmt: skip


def _close(decision: RetentionDecision, approver: User, note: str) -> None:
    decision.status, decision.approval_note = D.DESTROYED, note
    decision.approved_by, decision.approved_at = approver, timezone.now()
    decision.subject_person_id, decision.description = "", ""
    decision.save()


def _forget_cached_analysis() -> None:
    """The child's pages keep the analysis tables in memory: read them afresh."""
    from joinedup.web.children.services.contexts import forget_cached_contexts
    from joinedup.web.children.services.tables import forget_cached_tables

    forget_cached_tables()
    forget_cached_contexts()
