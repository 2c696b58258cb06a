"""One change to an item, kept twice: in the item's history and in the audit log.

Call `record_change` inside the transaction of the change, so the history, the audit
entry and the change stand or fall together. The audit detail never holds the item's
text, the rationale or the words of a note (the audit log is clear text, docs/audit.md);
the history note is encrypted at rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from joinedup.web.audit.services import record_event
from joinedup.web.intelligence.models import IntelligenceItem, ItemHistory

__all__ = ["TARGET", "record_change"]

TARGET = "intelligence_item"


def record_change(
    item: IntelligenceItem,
    by: Any,
    action: str,
    *,
    from_status: str = "",
    note: str = "",
    detail: Mapping[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> ItemHistory:
    """Keep the change in the item's history and audit it as `intelligence.<action>`."""
    entry = ItemHistory.objects.create(
        item=item,
        at=timezone.now(),
        by=by if getattr(by, "pk", None) else None,
        action=action,
        from_status=from_status,
        to_status=item.status,
        note=note,
    )
    record_event(
        by,
        f"intelligence.{action}",
        target_type=TARGET,
        target_id=item.reference,
        detail={"status": item.status, "from_status": from_status, **(detail or {})},
        request=request,
    )
    return entry
