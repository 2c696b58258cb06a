"""Writing to the audit log: `record_event` is the one way in.

Call it inside the transaction of the write it audits (a rolled-back write then
leaves no entry, and a failed audit write rolls the change back). On PostgreSQL
the chain head row is locked until that transaction ends, so keep what follows
the call short; on SQLite every write transaction is already IMMEDIATE.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.audit.chain import GENESIS, entry_hash, normalise_detail
from joinedup.web.audit.models import AuditEntry, AuditHead

__all__ = ["Actor", "CommandLineActor", "detail_added", "record_event"]

HEAD_ID = 1
_ADDED: ContextVar[dict[str, Any] | None] = ContextVar("joinedup_audit_added", default=None)


class Actor(Protocol):
    """A user, or anything with the same pk and username (a role is read if present)."""

    @property
    def pk(self) -> Any: ...

    @property
    def username(self) -> str: ...


class CommandLineActor:
    """Who ran a `joinedup` command: the operating-system account, not a web account."""

    pk = None
    role = "command line"

    def __init__(self, os_user: str) -> None:
        self.username = f"cli:{os_user}"


def record_event(
    actor: Actor | None,
    action: str,
    *,
    target_type: str = "",
    target_id: object = "",
    purpose: str = "",
    basis: str = "",
    detail: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Append one entry to the chain and return it."""
    fields: dict[str, Any] = {
        **_actor_snapshot(actor),
        "action": action,
        "target_type": target_type,
        "target_id": "" if target_id is None else str(target_id),
        "purpose": purpose,
        "basis": basis or "",
        "detail": normalise_detail(_with_added(_with_channel(detail, request))),
        **_request_summary(request),
    }
    with transaction.atomic():
        head = _locked_head()
        fields["sequence"] = head.sequence + 1
        fields["occurred_at"] = timezone.now()
        entry = AuditEntry(**fields, prev_hash=head.hash, hash=entry_hash(head.hash, fields))
        entry.save(force_insert=True)
        head.sequence, head.hash = entry.sequence, entry.hash
        head.save(update_fields=["sequence", "hash"])
    return entry


def _actor_snapshot(actor: Actor | None) -> dict[str, str]:
    if actor is None or not getattr(actor, "is_authenticated", True):
        return {"actor_id": "", "actor_username": "", "actor_role": ""}
    role = getattr(actor, "role", "") or ""
    return {
        "actor_id": "" if actor.pk is None else str(actor.pk),
        "actor_username": str(actor.username),
        "actor_role": str(getattr(role, "value", role)),
    }


def _with_channel(
    detail: Mapping[str, Any] | None, request: HttpRequest | None
) -> Mapping[str, Any] | None:
    """Entries written while serving the API say so, whichever service wrote them."""
    if request is None or not request.path.startswith("/api/"):
        return detail
    return {"channel": "api", **(detail or {})}


@contextmanager
def detail_added(**added: Any) -> Iterator[None]:
    """Add `added` to the detail of every entry written inside the block (this thread).

    For writes a command makes through the services on people's behalf, such as the
    demo seed's `{"seed": "demo"}`, so an auditor can tell them from a person's own.
    """
    token = _ADDED.set({**(_ADDED.get() or {}), **added})
    try:
        yield
    finally:
        _ADDED.reset(token)


def _with_added(detail: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    added = _ADDED.get()
    return {**(detail or {}), **added} if added else detail


def _request_summary(request: HttpRequest | None) -> dict[str, str]:
    if request is None:
        return {"ip_address": "", "user_agent": ""}
    return {
        "ip_address": str(request.META.get("REMOTE_ADDR") or "")[:45],
        "user_agent": str(request.META.get("HTTP_USER_AGENT") or "")[:200],
    }


def _locked_head() -> AuditHead:
    """The chain head, locked until the transaction ends (created if absent)."""
    head = AuditHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    if head is not None:
        return head
    last = AuditEntry.objects.order_by("-sequence").first()
    start = AuditHead(
        pk=HEAD_ID,
        sequence=last.sequence if last else 0,
        hash=last.hash if last else GENESIS,
    )
    AuditHead.objects.bulk_create([start], ignore_conflicts=True)
    return AuditHead.objects.select_for_update().get(pk=HEAD_ID)
