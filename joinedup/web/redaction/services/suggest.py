"""A suggestion run: the redaction core's suggestions for document versions, stored as
`Redaction` rows with status "suggested".

A run never changes a decision already made: a span the version already has, or one
overlapping any redaction already there, is left out (counted as `already`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.disclosure.redaction import Redactor, Span
from joinedup.web.audit.services import record_event
from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Redaction
from joinedup.web.redaction.services.known import known_people

__all__ = ["SuggestionRun", "suggest_for_version", "suggest_for_versions"]


@dataclass(frozen=True, slots=True)
class SuggestionRun:
    version: DocumentVersion
    added: int
    already: int


def suggest_for_versions(
    user: Any, versions: Sequence[DocumentVersion], request: HttpRequest | None = None
) -> list[SuggestionRun]:
    """Suggest for every version with ONE known-people list and one `Redactor`."""
    known = known_people()
    redactor = Redactor(known)
    return [_run(user, v, redactor, len(known), request) for v in versions]


def suggest_for_version(
    user: Any, version: DocumentVersion, request: HttpRequest | None = None
) -> SuggestionRun:
    return suggest_for_versions(user, [version], request)[0]


def _run(
    user: Any, version: DocumentVersion, redactor: Redactor, known: int, request: HttpRequest | None
) -> SuggestionRun:
    spans = redactor.suggest(version.text)
    with transaction.atomic():
        taken = list(Redaction.objects.filter(document_version=version).values_list("start", "end"))
        new = [s for s in spans if not any(s.start < e and b < s.end for b, e in taken)]
        now = timezone.now()
        Redaction.objects.bulk_create([_suggested(version, s, now) for s in new])
        record_event(
            user,
            "redaction.suggested",
            target_type="document_version",
            target_id=version.pk,
            detail={
                "document": version.document.reference,
                "version": version.number,
                "known_entries": known,
                "suggested": len(spans),
                "added": len(new),
            },
            request=request,
        )
    return SuggestionRun(version, len(new), len(spans) - len(new))


def _suggested(version: DocumentVersion, span: Span, now: Any) -> Redaction:
    return Redaction(
        document_version=version,
        start=span.start,
        end=span.end,
        text=span.text,
        category=span.category,
        source=span.source[:60],
        person_ref=(span.person_ref or "")[:40],
        created_at=now,
    )
