"""Verifying the stored chain and anchoring it: what the command and the page call."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from joinedup.web.audit.anchors import append_anchor, default_anchor_file, read_anchors
from joinedup.web.audit.models import AuditEntry, AuditHead
from joinedup.web.audit.verification import Anchor, ChainReport, Head, check_chain

__all__ = ["anchor_chain", "current_head", "verify_audit_log"]

_FIELDS = [f.attname for f in AuditEntry._meta.concrete_fields]


def current_head() -> Head | None:
    head = AuditHead.objects.filter(pk=1).first()
    return Head(head.sequence, head.hash) if head else None


def verify_audit_log(anchor_file: Path | None = None) -> ChainReport:
    """Recompute the whole chain; compare with the head and the anchor file."""
    anchors = read_anchors(anchor_file or default_anchor_file())
    return check_chain(_entries(), current_head(), anchors)


def anchor_chain(anchor_file: Path | None = None) -> Anchor:
    """Append the current chain head to the anchor file outside the database."""
    head = current_head() or Head(0, "0" * 64)
    return append_anchor(anchor_file or default_anchor_file(), head)


def _entries() -> Iterator[dict[str, Any]]:
    """Every entry in sequence order, read in pages so memory stays flat."""
    last = 0
    while True:
        page = list(
            AuditEntry.objects.filter(sequence__gt=last)
            .order_by("sequence")
            .values(*_FIELDS)[:5000]
        )
        if not page:
            return
        yield from page
        last = page[-1]["sequence"]
