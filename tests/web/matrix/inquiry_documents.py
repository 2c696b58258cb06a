"""Permission-matrix rows for inquiry documents (/inquiry/documents/, namespace "documents").

Only the inquiry team (`inquiry_work`) reaches these pages; every council role, the
auditor and the administrator get 403, and so do core participants and panel members
(a row of nine columns gives them NO).

Named to sort after `inquiry.py`: a deployment holds one inquiry, which that module's
`make_objects` sets up; the documents here go into it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.web.matrix.common import LOGIN, NO, OK, START, Borough

INQUIRY = (LOGIN, NO, NO, NO, NO, NO, OK, NO, NO)
POSTED_BY_INQUIRY = (START, NO, NO, NO, NO, NO, OK, NO, NO)

# fmt: off
PAGES: dict[str, tuple[str, ...]] = {
    #                          anon, prac, mgr, police, health, school, inq, audit, admin
    "documents:index":         INQUIRY,
    "documents:upload":        INQUIRY,
    "documents:search":        INQUIRY,
    "documents:duplicates":    INQUIRY,
    "documents:document":      INQUIRY,
    "documents:change":        INQUIRY,
    "documents:add-version":   INQUIRY,
    "documents:download":      INQUIRY,
    "documents:tag":           POSTED_BY_INQUIRY,
    "documents:untag":         INQUIRY,
}
# fmt: on
POSTED = {"documents:tag"}
PAGE_ARGS: dict[str, dict[str, str]] = {
    "documents:document": {"document_id": "documents_document"},
    "documents:change": {"document_id": "documents_document"},
    "documents:add-version": {"document_id": "documents_document"},
    "documents:download": {"document_id": "documents_document", "number": "1"},
    "documents:tag": {"document_id": "documents_document"},
    "documents:untag": {"document_id": "documents_document", "tag_id": "documents_tag"},
}


def make_objects(borough: Borough, make_user: Callable[..., Any]) -> dict[str, str]:
    """One text document in the inquiry, tagged to a line of inquiry of its own."""
    from django.utils import timezone

    from joinedup.web.documents.services.ingest import add_document
    from joinedup.web.documents.services.tags import tag_document
    from joinedup.web.inquiry.models import LineOfInquiry
    from joinedup.web.inquiry.services.setup import (
        InquiryDetails,
        current_inquiry,
        set_up_inquiry,
    )

    author = make_user("inquiry_team")
    inquiry = current_inquiry() or set_up_inquiry(
        author, InquiryDetails("Matrix inquiry", "", False, None), ""
    )
    line = LineOfInquiry.objects.create(
        inquiry=inquiry, reference="LD1", title="Invented line", created_at=timezone.now()
    )
    document = add_document(
        inquiry=inquiry,
        uploaded_name="note.txt",
        data=b"Invented note for the permission matrix\n",
        title="Invented note",
        user=author,
    )
    tag = tag_document(document, line, author)
    return {"documents_document": str(document.pk), "documents_tag": str(tag.pk)}
