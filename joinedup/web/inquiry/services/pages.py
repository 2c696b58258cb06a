"""What the inquiry's pages show: its home (with the counts of requests outstanding and
overdue and links to the other inquiry areas built so far) and a request's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse

from joinedup.web.inquiry.models import EvidenceRequest, Inquiry, InquiryStaff, LineOfInquiry
from joinedup.web.inquiry.services import vocabulary as vocab
from joinedup.web.inquiry.services.letter import Letter, letter_for
from joinedup.web.inquiry.services.requests import is_outstanding, is_overdue
from joinedup.web.inquiry.services.staff import staff_may

__all__ = ["AREAS", "Area", "HomePage", "RequestPage", "home_page", "optional_url", "request_page"]

# The other inquiry areas: label, URL name, what is there. Left out until built.
AREAS = (
    ("Documents", "documents:index", "Documents received, their versions, search and tags"),
    ("Redaction and release", "redaction:index", "Redaction with review, and staged release"),
    ("Survivors' accounts", "survivors:index", "Accounts given, with the survivors' consent"),
    ("Themes and analysis", "themes:index", "The codebook, coding and analysis"),
    ("Survivors' panel", "panel:index", "Proposals and comments from the survivors' panel"),
)


@dataclass(frozen=True, slots=True)
class Area:
    label: str
    href: str
    about: str


def optional_url(name: str, *args: Any) -> str:
    """The URL, or "" when no such page exists (yet)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class HomePage:
    inquiry: Inquiry
    lines: list[LineOfInquiry]
    retired_lines: int
    participants: list[Any]
    staff: list[InquiryStaff]
    requests: int
    outstanding: int
    overdue: int
    areas: list[Area]
    is_lead: bool


def home_page(user: Any, inquiry: Inquiry, today: date) -> HomePage:
    requests = list(inquiry.requests.all())
    lines = list(inquiry.lines.all())
    areas = [
        Area(label, href, about) for label, name, about in AREAS if (href := optional_url(name))
    ]
    return HomePage(
        inquiry=inquiry,
        lines=[line for line in lines if line.retired_at is None],
        retired_lines=sum(line.retired_at is not None for line in lines),
        participants=list(inquiry.core_participants.select_related("agency")),
        staff=list(inquiry.staff.select_related("user")),
        requests=len(requests),
        outstanding=sum(is_outstanding(r) for r in requests),
        overdue=sum(is_overdue(r, today) for r in requests),
        areas=areas,
        is_lead=staff_may(user, "is_lead", inquiry),
    )


@dataclass(frozen=True)
class RequestPage:
    request: EvidenceRequest
    letter: Letter
    kind_label: str
    status_label: str
    status_tag: str
    overdue: bool
    days_overdue: int
    next_statuses: list[tuple[str, str]]
    history: QuerySet[Any]
    extensions: QuerySet[Any]
    notes: QuerySet[Any]
    documents: list[Any]
    record_return_href: str
    extendable: bool


def request_page(found: EvidenceRequest, today: date) -> RequestPage:
    upload = optional_url("documents:upload")
    overdue = is_overdue(found, today)
    return RequestPage(
        request=found,
        letter=letter_for(found),
        kind_label=vocab.kind_label(found.kind),
        status_label=vocab.status_label(found.status),
        status_tag=vocab.status_tag(found.status),
        overdue=overdue,
        days_overdue=(today - found.deadline).days if overdue else 0,
        next_statuses=[(s, vocab.status_label(s)) for s in vocab.next_statuses(found.status)],
        history=found.status_changes.select_related("recorded_by"),
        extensions=found.extensions.select_related("granted_by"),
        notes=found.notes.select_related("written_by"),
        documents=_documents(found),
        record_return_href=f"{upload}?request={found.pk}"
        if upload and is_outstanding(found)
        else "",
        extendable=is_outstanding(found),
    )


def _documents(found: EvidenceRequest) -> list[Any]:
    """The documents returned under the request, each with its page if there is one."""
    rows = []
    for document in found.documents.order_by("reference"):
        rows.append((document, optional_url("documents:document", document.pk)))
    return rows
