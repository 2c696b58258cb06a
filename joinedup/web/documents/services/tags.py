"""Tagging documents to the lines of inquiry they bear on (ANCHORS.md §3: issue tags).

A tag records who added it and when; removing it records who and when too, and keeps
the row, so the document page can show a tag's history.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.documents.models import Document, DocumentTag
from joinedup.web.inquiry.models import LineOfInquiry

__all__ = ["current_tags", "tag_document", "untag_document"]


def current_tags(document: Document) -> list[DocumentTag]:
    return list(document.tags.filter(removed_at__isnull=True).select_related("line", "tagged_by"))


def tag_document(
    document: Document, line: LineOfInquiry, user: Any, request: HttpRequest | None = None
) -> DocumentTag:
    if line.inquiry_id != document.inquiry_id:
        raise InputError(f"Line {line.reference} belongs to another inquiry")
    with transaction.atomic():
        try:
            with transaction.atomic():
                tag = DocumentTag.objects.create(
                    document=document, line=line, tagged_at=timezone.now(), tagged_by=user
                )
        except IntegrityError:
            raise InputError(f"{document.reference} is already tagged {line.reference}") from None
        _audit(user, "documents.tagged", tag, request)
    return tag


def untag_document(tag: DocumentTag, user: Any, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        changed = DocumentTag.objects.filter(pk=tag.pk, removed_at__isnull=True).update(
            removed_at=timezone.now(), removed_by=user
        )
        if not changed:
            raise InputError("That tag was already removed")
        _audit(user, "documents.untagged", tag, request)


def _audit(user: Any, action: str, tag: DocumentTag, request: HttpRequest | None) -> None:
    record_event(
        user,
        action,
        target_type="document",
        target_id=tag.document_id,
        detail={"line": tag.line_id, "tag": tag.pk},
        request=request,
    )
