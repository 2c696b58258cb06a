"""Evidence requests (DOMAIN.md I28): Rule 9 requests, section 21 notices and voluntary
requests, drafted, issued and followed to compliance.

- `draft_request` gives the next reference for its kind (R9-0001, S21-0001, VR-0001);
  a section 21 notice needs a statutory inquiry (`not_statutory_message`).
- `change_status` moves a request along its life (data/requests.yaml `statuses`),
  keeping every step; issuing sets the issue date.
- `extend_deadline` moves the deadline later with a reason; each extension is kept.
- `add_note`, and `read_request`, which audits a reading of the request or its letter.

Every write and every reading is audited; the detail holds ids, codes and counts only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import (
    DeadlineExtension,
    EvidenceRequest,
    Inquiry,
    RequestNote,
    RequestStatusChange,
)
from joinedup.web.inquiry.services import vocabulary as vocab
from joinedup.web.records.models import Agency

__all__ = [
    "RequestDraft",
    "add_note",
    "change_draft",
    "change_status",
    "draft_request",
    "extend_deadline",
    "is_outstanding",
    "is_overdue",
    "matters_list",
    "read_request",
]

_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|[-*\u2022])\s+")
MAX_MATTERS = 100


@dataclass(frozen=True, slots=True)
class RequestDraft:
    kind: str
    recipient_agency: Agency | None
    recipient_name: str
    matters: str
    deadline: date


def matters_list(text: str) -> list[str]:
    """The matters, one a line, without blank lines or any numbering typed."""
    return [_NUMBERING.sub("", line).strip() for line in text.splitlines() if line.strip()]


def is_outstanding(found: EvidenceRequest) -> bool:
    return found.status in vocab.outstanding_statuses()


def is_overdue(found: EvidenceRequest, today: date) -> bool:
    return is_outstanding(found) and found.deadline < today


def _next_reference(kind: str) -> str:
    prefix = vocab.kind_prefix(kind)
    taken = EvidenceRequest.objects.filter(reference__startswith=f"{prefix}-")
    numbers = [
        int(r.split("-", 1)[1])
        for r in taken.values_list("reference", flat=True)
        if r.split("-", 1)[1].isdigit()
    ]
    return f"{prefix}-{max(numbers, default=0) + 1:04d}"


def _check(inquiry: Inquiry, draft: RequestDraft) -> str:
    if draft.kind not in vocab.kinds():
        raise InputError("Choose the kind of request")
    if vocab.statutory_only(draft.kind) and not inquiry.statutory:
        raise InputError(vocab.not_statutory_message())
    if draft.recipient_agency is None and not draft.recipient_name.strip():
        raise InputError("Choose the agency the request goes to, or enter the person's name")
    matters = matters_list(draft.matters)
    if not matters:
        raise InputError("Enter the matters the response should address, one a line")
    if len(matters) > MAX_MATTERS:
        raise InputError(f"A request can list at most {MAX_MATTERS} matters")
    return "\n".join(matters)


def _detail(found: EvidenceRequest, **more: Any) -> dict[str, Any]:
    return {
        "reference": found.reference,
        "kind": found.kind,
        "agency": found.recipient_agency_id,
        "status": found.status,
        **more,
    }


def draft_request(
    user: Any, inquiry: Inquiry, draft: RequestDraft, request: HttpRequest | None = None
) -> EvidenceRequest:
    matters = _check(inquiry, draft)
    with transaction.atomic():
        Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        found = EvidenceRequest.objects.create(
            inquiry=inquiry,
            reference=_next_reference(draft.kind),
            kind=draft.kind,
            recipient_agency=draft.recipient_agency,
            recipient_name=draft.recipient_name.strip(),
            matters=matters,
            issued_on=None,
            deadline=draft.deadline,
            status=EvidenceRequest.DRAFT,
            created_at=timezone.now(),
            created_by=user,
        )
        _step(user, found, "", EvidenceRequest.DRAFT, timezone.localdate(), "")
        record_event(
            user,
            "inquiry.request_drafted",
            target_type="evidence_request",
            target_id=found.pk,
            detail=_detail(found, matters=len(matters.splitlines())),
            request=request,
        )
    return found


def change_draft(
    user: Any, found: EvidenceRequest, draft: RequestDraft, request: HttpRequest | None = None
) -> EvidenceRequest:
    """Change a draft's recipient, matters or deadline (its kind and reference stay)."""
    matters = _check(found.inquiry, RequestDraft(found.kind, *_rest(draft)))
    with transaction.atomic():
        found = EvidenceRequest.objects.select_for_update().get(pk=found.pk)
        if found.status != EvidenceRequest.DRAFT:
            raise InputError(f"{found.reference} has been issued, so only a draft can be changed")
        found.recipient_agency = draft.recipient_agency
        found.recipient_name = draft.recipient_name.strip()
        found.matters, found.deadline = matters, draft.deadline
        found.save()
        record_event(
            user,
            "inquiry.request_changed",
            target_type="evidence_request",
            target_id=found.pk,
            detail=_detail(found, matters=len(matters.splitlines())),
            request=request,
        )
    return found


def _rest(draft: RequestDraft) -> tuple[Agency | None, str, str, date]:
    return draft.recipient_agency, draft.recipient_name.strip(), draft.matters, draft.deadline


def change_status(
    user: Any,
    found: EvidenceRequest,
    to: str,
    on: date,
    note: str = "",
    request: HttpRequest | None = None,
) -> EvidenceRequest:
    """Move the request on; `on` is the day it happened (the issue date when issuing)."""
    with transaction.atomic():
        locked = (
            EvidenceRequest.objects.select_for_update().select_related("inquiry").get(pk=found.pk)
        )
        _check_step(locked, to, on)
        before = locked.status
        locked.status = to
        if to == EvidenceRequest.ISSUED:
            locked.issued_on = on
        locked.save(update_fields=["status", "issued_on"])
        _step(user, locked, before, to, on, note)
        record_event(
            user,
            "inquiry.request_status",
            target_type="evidence_request",
            target_id=locked.pk,
            detail=_detail(locked, previous=before, on=on.isoformat()),
            request=request,
        )
    return locked


def _check_step(found: EvidenceRequest, to: str, on: date) -> None:
    if to not in vocab.next_statuses(found.status):
        now, then = vocab.status_label(found.status), vocab.status_label(to)
        raise InputError(f"{found.reference} is {now.lower()}, so it cannot become {then.lower()}")
    if on > timezone.localdate():
        raise InputError("The date must be today or in the past")
    if found.issued_on is not None and on < found.issued_on:
        raise InputError("The date must be on or after the day the request was issued")
    if to == EvidenceRequest.ISSUED:
        if vocab.statutory_only(found.kind) and not found.inquiry.statutory:
            raise InputError(vocab.not_statutory_message())
        if found.deadline <= on:
            raise InputError("The deadline must be after the day the request is issued")


def _step(user: Any, found: EvidenceRequest, before: str, to: str, on: date, note: str) -> None:
    RequestStatusChange.objects.create(
        request=found,
        from_status=before,
        to_status=to,
        on=on,
        note=note.strip(),
        recorded_at=timezone.now(),
        recorded_by=user,
    )


def extend_deadline(
    user: Any,
    found: EvidenceRequest,
    new_deadline: date,
    reason: str,
    request: HttpRequest | None = None,
) -> DeadlineExtension:
    if not reason.strip():
        raise InputError("Enter the reason for the extension")
    with transaction.atomic():
        locked = EvidenceRequest.objects.select_for_update().get(pk=found.pk)
        if not is_outstanding(locked):
            raise InputError(
                f"{locked.reference} is not waiting on its recipient, so its deadline stays"
            )
        if new_deadline <= locked.deadline:
            raise InputError("The new deadline must be after the current one")
        extension = DeadlineExtension.objects.create(
            request=locked,
            previous_deadline=locked.deadline,
            new_deadline=new_deadline,
            reason=reason.strip(),
            granted_at=timezone.now(),
            granted_by=user,
        )
        locked.deadline = new_deadline
        locked.save(update_fields=["deadline"])
        days = (new_deadline - extension.previous_deadline).days
        record_event(
            user,
            "inquiry.request_extended",
            target_type="evidence_request",
            target_id=locked.pk,
            detail=_detail(locked, days=days),
            request=request,
        )
    return extension


def add_note(
    user: Any, found: EvidenceRequest, text: str, request: HttpRequest | None = None
) -> RequestNote:
    if not text.strip():
        raise InputError("Enter the note")
    with transaction.atomic():
        note = RequestNote.objects.create(
            request=found, text=text.strip(), written_at=timezone.now(), written_by=user
        )
        record_event(
            user,
            "inquiry.request_note",
            target_type="evidence_request",
            target_id=found.pk,
            detail=_detail(found, note=note.pk),
            request=request,
        )
    return note


def read_request(
    user: Any,
    found: EvidenceRequest,
    action: str = "inquiry.request_viewed",
    request: HttpRequest | None = None,
) -> None:
    """Audit a reading of the request (its page, its letter, the letter as PDF)."""
    record_event(
        user,
        action,
        target_type="evidence_request",
        target_id=found.pk,
        detail=_detail(found),
        request=request,
    )
