"""The audit log as CSV for an auditor, between two dates."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from joinedup.web.audit.models import AuditEntry

__all__ = ["COLUMNS", "entries_between", "write_csv"]

COLUMNS = [
    "sequence", "occurred_at", "actor_id", "actor_username", "actor_role", "action",
    "target_type", "target_id", "purpose", "basis", "detail", "ip_address", "user_agent",
    "prev_hash", "hash",
]  # fmt: skip

# A spreadsheet would run a cell starting with these as a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def entries_between(start: date | None, end: date | None) -> QuerySet[AuditEntry]:
    """Entries from the start of `start` to the end of `end` (local time), both optional."""
    zone = ZoneInfo(settings.TIME_ZONE)
    entries = AuditEntry.objects.order_by("sequence")
    if start:
        entries = entries.filter(occurred_at__gte=datetime.combine(start, time.min, zone))
    if end:
        entries = entries.filter(
            occurred_at__lt=datetime.combine(end + timedelta(1), time.min, zone)
        )
    return entries


def write_csv(entries: QuerySet[AuditEntry], out: Path | TextIO) -> int:
    """Write the entries with a header row; returns how many were written."""
    if isinstance(out, Path):
        with out.open("w", newline="", encoding="utf-8") as file:
            return write_csv(entries, file)
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for entry in entries.iterator(chunk_size=2000):
        writer.writerow([_cell(entry, column) for column in COLUMNS])
        count += 1
    return count


def _cell(entry: AuditEntry, column: str) -> str:
    value = getattr(entry, column)
    if column == "detail":
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if column == "occurred_at":
        return str(value.isoformat())
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
