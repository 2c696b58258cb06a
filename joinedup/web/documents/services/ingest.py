"""Adding documents and versions: check the file, store it once, read its text, index it,
look for duplicates, audit. All in one transaction: a refused file leaves nothing behind.

    add_document(inquiry=..., uploaded_name=..., data=..., title=..., user=...) -> Document
    add_version(document, uploaded_name=..., data=..., user=...) -> DocumentVersion
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.documents.models import Document, DocumentVersion, StoredFile
from joinedup.web.documents.services import search
from joinedup.web.documents.services.duplicates import find_duplicates_of
from joinedup.web.documents.services.extract import extract_text
from joinedup.web.documents.services.files import sha256_of, store_file
from joinedup.web.documents.services.formats import identify
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry
from joinedup.web.records.models import Agency

__all__ = [
    "DocumentDetails",
    "add_document",
    "add_version",
    "change_details",
    "documents_holding",
    "next_reference",
]

REFERENCE_PREFIX = "INQ"


@dataclass(frozen=True)
class DocumentDetails:
    """The metadata of a document beyond its title (all optional)."""

    author: str = ""
    request: EvidenceRequest | None = None
    live_investigation: bool = False
    live_investigation_note: str = ""


def add_document(
    *,
    inquiry: Inquiry,
    uploaded_name: str,
    data: bytes,
    title: str,
    user: Any,
    request: HttpRequest | None = None,
    dated: date | None = None,
    agency: Agency | None = None,
    details: DocumentDetails | None = None,
) -> Document:
    """A new document holding the file as its version 1."""
    more = details or DocumentDetails()
    if not title.strip():
        raise InputError("Enter the document's title")
    if more.request is not None and more.request.inquiry_id != inquiry.pk:
        raise InputError(f"Evidence request {more.request.reference} is another inquiry's")
    with transaction.atomic():
        Inquiry.objects.select_for_update().filter(pk=inquiry.pk).first()  # one reference each
        document = Document.objects.create(
            inquiry=inquiry,
            reference=next_reference(),
            title=title.strip()[:300],
            dated=dated,
            author=more.author.strip()[:200],
            agency=agency,
            request=more.request,
            live_investigation=more.live_investigation,
            live_investigation_note=more.live_investigation_note.strip(),
            created_at=timezone.now(),
            created_by=user,
        )
        version = _add_version(document, uploaded_name, data, user)
        record_event(
            user,
            "documents.uploaded",
            target_type="document",
            target_id=document.pk,
            detail=_detail(version, request_id=more.request.pk if more.request else None),
            request=request,
        )
    return document


def add_version(
    document: Document,
    *,
    uploaded_name: str,
    data: bytes,
    user: Any,
    request: HttpRequest | None = None,
) -> DocumentVersion:
    """A new version of the document, holding this file."""
    same = document.versions.filter(file__sha256=sha256_of(data)).first()
    if same is not None:
        raise InputError(
            f"{uploaded_name}: this file is already version {same.number} of {document.reference}"
        )
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        version = _add_version(document, uploaded_name, data, user)
        record_event(
            user,
            "documents.version_added",
            target_type="document",
            target_id=document.pk,
            detail=_detail(version),
            request=request,
        )
    return version


def change_details(
    document: Document,
    *,
    title: str,
    dated: date | None,
    agency: Agency | None,
    details: DocumentDetails,
    user: Any,
    request: HttpRequest | None = None,
) -> list[str]:
    """Change the document's metadata; returns the names of the fields changed (audited)."""
    if not title.strip():
        raise InputError("Enter the document's title")
    if details.request is not None and details.request.inquiry_id != document.inquiry_id:
        raise InputError(f"Evidence request {details.request.reference} is another inquiry's")
    wanted = {
        "title": title.strip()[:300],
        "dated": dated,
        "author": details.author.strip()[:200],
        "agency_id": agency.pk if agency else None,
        "request_id": details.request.pk if details.request else None,
        "live_investigation": details.live_investigation,
        "live_investigation_note": details.live_investigation_note.strip(),
    }
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        changed = [name for name, value in wanted.items() if getattr(locked, name) != value]
        if not changed:
            return []
        for name in changed:
            setattr(locked, name, wanted[name])
        locked.save(update_fields=[name.removesuffix("_id") for name in changed])
        if "title" in changed:
            latest = locked.versions.order_by("-number").first()
            search.index_document(locked.pk, locked.title, latest.text if latest else "")
        record_event(
            user,
            "documents.details_changed",
            target_type="document",
            target_id=locked.pk,
            detail={"fields": [name.removesuffix("_id") for name in changed]},
            request=request,
        )
    document.refresh_from_db()
    return changed


def documents_holding(data: bytes) -> list[Document]:
    """The documents that already hold these exact bytes (in any version)."""
    return documents_holding_file(sha256_of(data))


def documents_holding_file(sha256: str) -> list[Document]:
    return list(Document.objects.filter(versions__file__sha256=sha256).distinct())


def next_reference() -> str:
    """INQ000001, INQ000002, ... (numbered across inquiries: references are unique)."""
    highest = Document.objects.filter(reference__startswith=REFERENCE_PREFIX).aggregate(
        Max("reference")
    )["reference__max"]
    number = int(highest[len(REFERENCE_PREFIX) :]) + 1 if highest else 1
    return f"{REFERENCE_PREFIX}{number:06d}"


def _add_version(document: Document, name: str, data: bytes, user: Any) -> DocumentVersion:
    found = identify(name, data)
    extracted = extract_text(found.name, data, name)
    stored, _ = store_file(data, original_name=name, media_type=found.media_type)
    latest = document.versions.aggregate(Max("number"))["number__max"] or 0
    version = DocumentVersion.objects.create(
        document=document,
        number=latest + 1,
        file=stored,
        text=extracted.text,
        text_from=extracted.text_from,
        text_note=extracted.note[:300],
        page_count=extracted.page_count,
        created_at=timezone.now(),
        created_by=user,
    )
    search.index_document(document.pk, document.title, version.text)
    find_duplicates_of(version)
    return version


def _detail(version: DocumentVersion, **more: Any) -> dict[str, Any]:
    stored: StoredFile = version.file
    return {
        "version": version.number,
        "file": stored.pk,
        "bytes": stored.size,
        "text_from": version.text_from,
        **{k: v for k, v in more.items() if v is not None},
    }
