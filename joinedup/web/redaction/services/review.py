"""Review and QC of a version's redactions.

A reviewer accepts or rejects each suggestion with a ground from the protocol and a
reason, or adds a redaction by hand; a second reviewer (never the one who decided)
agrees or sends each decision back. Every change is a compare-and-set on the
redaction's `version`: two reviewers saving the same redaction cannot both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Redaction
from joinedup.web.redaction.services.ciphers import cipher_for
from joinedup.web.redaction.services.protocol import grounds

__all__ = [
    "Decision",
    "EditConflict",
    "accept_all_for_person",
    "add_manual",
    "check",
    "decide",
    "find_occurrence",
]

MANUAL = "manual"
NAME_CATEGORIES = ("name", MANUAL)


class EditConflict(InputError):
    """Someone else changed the redaction after the form was opened; nothing was saved."""


@dataclass(frozen=True, slots=True)
class Decision:
    accept: bool
    ground: str
    reason: str
    applies_to: str = Redaction.ALL_STAGES


def _validate(decision: Decision) -> None:
    if decision.accept and decision.ground not in grounds():
        raise InputError("Choose the ground for the redaction")
    if decision.ground and decision.ground not in grounds():
        raise InputError(f"{decision.ground!r} is not a ground in the redaction protocol")
    if not decision.reason.strip():
        raise InputError("Enter the reason for the decision")
    if decision.applies_to not in dict(Redaction.APPLIES):
        raise InputError("Choose which copies the redaction applies to")


def _save(redaction: Redaction, seen_version: int, fields: dict[str, Any]) -> None:
    matched = Redaction.objects.filter(pk=redaction.pk, version=seen_version)
    if not matched.update(version=F("version") + 1, **fields):
        raise EditConflict(
            "Someone else changed this redaction after you opened it. "
            "Nothing was saved: look at it again and decide."
        )
    redaction.refresh_from_db()


def _decision_fields(user: Any, redaction: Redaction, decision: Decision) -> dict[str, Any]:
    ground = grounds().get(decision.ground)
    cipher = None
    if decision.accept and ground and ground.cipher_kind and redaction.category in NAME_CATEGORIES:
        cipher = cipher_for(user, ground.cipher_kind, redaction.person_ref, str(redaction.text))
    return {
        "status": Redaction.ACCEPTED if decision.accept else Redaction.REJECTED,
        "ground": decision.ground,
        "reason": decision.reason.strip(),
        "applies_to": decision.applies_to,
        "cipher": cipher,
        "decided_by": user,
        "decided_at": timezone.now(),
        "check_status": Redaction.UNCHECKED,
        "checked_by": None,
        "checked_at": None,
    }


def decide(
    user: Any,
    redaction: Redaction,
    decision: Decision,
    seen_version: int,
    request: HttpRequest | None = None,
) -> Redaction:
    """Accept or reject one redaction (again, if it was sent back)."""
    _validate(decision)
    if redaction.check_status == Redaction.AGREED:
        raise InputError("This decision has been checked and agreed: it cannot be changed")
    with transaction.atomic():
        _save(redaction, seen_version, _decision_fields(user, redaction, decision))
        _audit_decision(user, redaction, request)
    return redaction


def _audit_decision(user: Any, redaction: Redaction, request: HttpRequest | None) -> None:
    record_event(
        user,
        f"redaction.{redaction.status}",
        target_type="redaction",
        target_id=redaction.pk,
        detail={
            "document_version": redaction.document_version_id,
            "ground": redaction.ground,
            "cipher": redaction.cipher.cipher if redaction.cipher else None,
        },
        request=request,
    )


def accept_all_for_person(
    user: Any,
    version: DocumentVersion,
    person_ref: str,
    decision: Decision,
    request: HttpRequest | None = None,
) -> int:
    """Accept every remaining suggestion about one person in the version, with one
    ground and reason; returns how many were accepted."""
    if not decision.accept:
        raise InputError("Only accepting can be done for all of a person's suggestions")
    _validate(decision)
    found = _suggested_for(version, person_ref)
    if not found:
        raise InputError("This person has no suggestions left to decide in this version")
    with transaction.atomic():
        for redaction in found:
            _save(redaction, redaction.version, _decision_fields(user, redaction, decision))
        record_event(
            user, "redaction.accepted_for_person", target_type="document_version",
            target_id=version.pk, detail={"person": person_ref, "accepted": len(found),
                                          "ground": decision.ground},
            request=request,
        )  # fmt: skip
    return len(found)


def _suggested_for(version: DocumentVersion, person_ref: str) -> list[Redaction]:
    pending: QuerySet[Redaction] = version.redactions.filter(
        person_ref=person_ref, status=Redaction.SUGGESTED
    )
    return list(pending.order_by("start"))


def find_occurrence(text: str, wanted: str, occurrence: int) -> int:
    """Where the `occurrence`-th (from 1) appearance of `wanted` starts in `text`."""
    if not wanted:
        raise InputError("Enter the exact text to redact")
    position = -1
    for seen in range(occurrence):
        position = text.find(wanted, position + 1)
        if position < 0:
            found = "does not appear" if seen == 0 else f"appears only {seen} times"
            raise InputError(f"The text {found} in this version")
    return position


def add_manual(
    user: Any,
    version: DocumentVersion,
    start: int,
    end: int,
    decision: Decision,
    request: HttpRequest | None = None,
) -> Redaction:
    """A redaction the reviewer chose by hand: accepted at once, checked like the rest."""
    if not (0 <= start < end <= len(version.text)):
        raise InputError(f"The span must be within the text: 0 to {len(version.text)}")
    accepted = Decision(True, decision.ground, decision.reason, decision.applies_to)
    _validate(accepted)
    clash = version.redactions.filter(start__lt=end, end__gt=start).first()
    if clash is not None:
        raise InputError(
            f"That text overlaps a redaction already there (characters {clash.start}–{clash.end})"
        )
    with transaction.atomic():
        redaction = Redaction.objects.create(
            document_version=version, start=start, end=end, text=version.text[start:end],
            category=MANUAL, source=MANUAL, created_at=timezone.now(),
        )  # fmt: skip
        _save(redaction, redaction.version, _decision_fields(user, redaction, accepted))
        _audit_decision(user, redaction, request)
    return redaction


def check(
    user: Any,
    redaction: Redaction,
    agree: bool,
    note: str,
    seen_version: int,
    request: HttpRequest | None = None,
) -> Redaction:
    """The second reviewer's check of one decision."""
    if redaction.status == Redaction.SUGGESTED:
        raise InputError("This suggestion has not been decided yet: there is nothing to check")
    if redaction.decided_by_id == getattr(user, "pk", None):
        raise InputError("You made this decision: a second reviewer must check it")
    if not agree and not note.strip():
        raise InputError("Say why you are sending the decision back")
    fields = {
        "check_status": Redaction.AGREED if agree else Redaction.SENT_BACK,
        "check_note": note.strip(),
        "checked_by": user,
        "checked_at": timezone.now(),
    }
    with transaction.atomic():
        _save(redaction, seen_version, fields)
        record_event(
            user, "redaction.checked" if agree else "redaction.sent_back",
            target_type="redaction", target_id=redaction.pk,
            detail={"document_version": redaction.document_version_id}, request=request,
        )  # fmt: skip
    return redaction
