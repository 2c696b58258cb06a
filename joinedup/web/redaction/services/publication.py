"""What the public site publishes: documents with a current public release.

The contract the transparency app uses (keep these names):
`published_documents() -> list[PublishedDocument]` and
`published_pdf(reference) -> bytes | None`. A document flagged as part of a live
criminal investigation is never published, even if it was released before the flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from joinedup.web.redaction.models import Release

__all__ = ["PublishedDocument", "published_documents", "published_pdf"]


@dataclass(frozen=True, slots=True)
class PublishedDocument:
    reference: str
    title: str
    dated: date | None
    released_on: date
    text: str
    pdf_sha256: str


def _published() -> QuerySet[Release]:
    return Release.objects.filter(
        stage="public", ended_at=None, document__live_investigation=False
    ).select_related("document", "production")


def published_documents() -> list[PublishedDocument]:
    return [
        PublishedDocument(
            reference=r.document.reference,
            title=r.document.title,
            dated=r.document.dated,
            released_on=timezone.localdate(r.approved_at),
            text=r.production.text,
            pdf_sha256=r.production.pdf_sha256,
        )
        for r in _published().order_by("document__reference")
    ]


def published_pdf(reference: str) -> bytes | None:
    release = _published().filter(document__reference=reference).first()
    return bytes(release.production.pdf) if release is not None else None
