"""Who on the inquiry's staff may approve a release (`InquiryStaff.approves_releases`),
asked of the inquiry app in one place."""

from __future__ import annotations

from typing import Any

from joinedup.web.documents.models import Document
from joinedup.web.inquiry.services import staff_may

__all__ = ["may_approve_releases"]


def may_approve_releases(user: Any, document: Document) -> bool:
    return staff_may(user, "approves_releases", inquiry=document.inquiry)
