"""Staged release: inquiry team, then core participants, then the public
(data/protocol.yaml), each stage with its own approved production.

A production is approved for its stage by someone named to approve releases
(`InquiryStaff.approves_releases`) who did not produce it, only while the redaction
set is still the checked one it was produced from, only once the stage before has a
current release, and — for the public — never while the document is flagged as part of
a live criminal investigation. Approving a newer production ends the stage's current
release; a withdrawal ends it with a reason. Ended releases stay as history.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.access.services import has_capability
from joinedup.web.audit.services import record_event
from joinedup.web.documents.models import Document
from joinedup.web.redaction.models import Production, Release
from joinedup.web.redaction.services.protocol import stage, stages
from joinedup.web.redaction.services.sets import fingerprint, progress_of, unchecked_reason
from joinedup.web.redaction.services.staff import may_approve_releases

__all__ = [
    "approval_refusal",
    "approve",
    "current_release",
    "read_release",
    "released_to_participant",
    "withdraw",
]


def current_release(document: Document, stage_key: str) -> Release | None:
    return Release.objects.filter(document=document, stage=stage_key, ended_at=None).first()


def approval_refusal(user: Any, production: Production) -> str:
    """Why `user` may not approve `production` now ("" when they may)."""
    version = production.document_version
    document = version.document
    if not may_approve_releases(user, document):
        return "You are not named by the inquiry to approve releases."
    if production.produced_by_id == getattr(user, "pk", None):
        return "You produced this copy: someone else must approve it."
    if document.versions.filter(number__gt=version.number).exists():
        return "A newer version of the document exists: produce a copy of that version."
    reason = unchecked_reason(progress_of(version))
    if reason:
        return f"The redactions are not all checked: {reason}."
    if fingerprint(version) != production.redaction_set:
        return "The redactions changed after this copy was produced: produce it again."
    return _stage_refusal(production, document)


def _stage_refusal(production: Production, document: Document) -> str:
    this = stage(production.stage)
    if this.refuse_when_live_investigation and document.live_investigation:
        return (
            "The document is flagged as part of a live criminal investigation: "
            "it cannot be published."
        )
    before = [s for s in stages().values() if s.order == this.order - 1]
    if before and current_release(document, before[0].key) is None:
        return f"Release it to the {before[0].label.lower()} stage first."
    current = current_release(document, this.key)
    if current is not None and current.production_id == production.pk:
        return f"This copy is already released to: {this.label}."
    return ""


def approve(user: Any, production: Production, request: HttpRequest | None = None) -> Release:
    refusal = approval_refusal(user, production)
    if refusal:
        raise InputError(refusal)
    document = production.document_version.document
    with transaction.atomic():
        current = current_release(document, production.stage)
        if current is not None:
            _end(user, current, f"Replaced by a newer copy (production {production.pk})")
        release = Release.objects.create(
            production=production, document=document, stage=production.stage,
            approved_by=user, approved_at=timezone.now(),
        )  # fmt: skip
        record_event(
            user, "redaction.release_approved", target_type="release", target_id=release.pk,
            detail={"production": production.pk, "document": document.reference,
                    "stage": production.stage, "replaced": current.pk if current else None},
            request=request,
        )  # fmt: skip
    return release


def _end(user: Any, release: Release, reason: str) -> None:
    release.ended_at = timezone.now()
    release.ended_by = user
    release.end_reason = reason
    release.save(update_fields=["ended_at", "ended_by", "end_reason"])


def withdraw(
    user: Any, release: Release, reason: str, request: HttpRequest | None = None
) -> Release:
    if not release.current:
        raise InputError("This release has already ended")
    if not reason.strip():
        raise InputError("Say why the release is withdrawn")
    with transaction.atomic():
        _end(user, release, reason.strip())
        record_event(
            user, "redaction.release_withdrawn", target_type="release", target_id=release.pk,
            detail={"document": release.document.reference, "stage": release.stage},
            request=request,
        )  # fmt: skip
    return release


def released_to_participant(user: Any) -> QuerySet[Release]:
    """Current releases to core participants of the inquiries `user` takes part in (the
    inquiry team sees every one, to know what the core participants see)."""
    found = Release.objects.filter(stage="core_participants", ended_at=None)
    if not has_capability(user, "inquiry_work"):
        found = found.filter(document__inquiry__core_participants__users=user)
    return found.select_related("document", "production").distinct().order_by("document__reference")


def read_release(
    user: Any, release_id: int, what: str, request: HttpRequest | None = None
) -> Release | None:
    """A current release `user` may read (None otherwise), with the read audited."""
    release = released_to_participant(user).filter(pk=release_id).first()
    if release is not None:
        record_event(
            user, "redaction.release_read", target_type="release", target_id=release.pk,
            detail={"document": release.document.reference, "production": release.production_id,
                    "what": what},
            request=request,
        )  # fmt: skip
    return release
