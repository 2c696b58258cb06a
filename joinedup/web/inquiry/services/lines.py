"""Lines of inquiry: added with the next reference (L1, L2 ...), changed, retired.

A retired line keeps its reference (documents and themes may be tagged with it), so
references are never reused.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from joinedup.errors import InputError
from joinedup.web.audit.services import record_event
from joinedup.web.inquiry.models import Inquiry, LineOfInquiry

__all__ = ["add_line", "change_line", "next_line_reference", "retire_line"]

_NUMBERED = re.compile(r"^L(\d+)$")


def next_line_reference(inquiry: Inquiry) -> str:
    numbers = [
        int(m.group(1))
        for ref in inquiry.lines.values_list("reference", flat=True)
        if (m := _NUMBERED.match(ref))
    ]
    return f"L{max(numbers, default=0) + 1}"


def add_line(
    user: Any, inquiry: Inquiry, title: str, description: str, request: HttpRequest | None = None
) -> LineOfInquiry:
    with transaction.atomic():
        Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        line = LineOfInquiry.objects.create(
            inquiry=inquiry,
            reference=next_line_reference(inquiry),
            title=title.strip(),
            description=description.strip(),
            created_at=timezone.now(),
        )
        record_event(
            user,
            "inquiry.line_added",
            target_type="line_of_inquiry",
            target_id=line.pk,
            detail={"reference": line.reference},
            request=request,
        )
    return line


def change_line(
    user: Any,
    line: LineOfInquiry,
    title: str,
    description: str,
    request: HttpRequest | None = None,
) -> LineOfInquiry:
    if line.retired_at is not None:
        raise InputError(f"Line {line.reference} is retired, so it cannot be changed")
    with transaction.atomic():
        line.title, line.description = title.strip(), description.strip()
        line.save(update_fields=["title", "description"])
        record_event(
            user,
            "inquiry.line_changed",
            target_type="line_of_inquiry",
            target_id=line.pk,
            detail={"reference": line.reference},
            request=request,
        )
    return line


def retire_line(
    user: Any, line: LineOfInquiry, request: HttpRequest | None = None
) -> LineOfInquiry:
    if line.retired_at is not None:
        raise InputError(f"Line {line.reference} is already retired")
    with transaction.atomic():
        line.retired_at = timezone.now()
        line.save(update_fields=["retired_at"])
        record_event(
            user,
            "inquiry.line_retired",
            target_type="line_of_inquiry",
            target_id=line.pk,
            detail={"reference": line.reference},
            request=request,
        )
    return line
