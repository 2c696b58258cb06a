"""A version's redaction set: its progress through review and QC, and its fingerprint.

The set is "checked" when every suggestion has been decided and a second reviewer has
agreed with every decision. A production records the set's fingerprint; approval is
refused if the set changed after the copy was produced.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from joinedup.web.documents.models import DocumentVersion
from joinedup.web.redaction.models import Redaction

__all__ = ["SetProgress", "fingerprint", "progress_of", "unchecked_reason"]


@dataclass(frozen=True, slots=True)
class SetProgress:
    total: int
    suggested: int
    accepted: int
    rejected: int
    agreed: int
    sent_back: int

    @property
    def decided(self) -> int:
        return self.accepted + self.rejected

    @property
    def awaiting_check(self) -> int:
        return self.decided - self.agreed - self.sent_back

    @property
    def checked(self) -> bool:
        return self.suggested == 0 and self.agreed == self.total


def progress_of(version: DocumentVersion) -> SetProgress:
    rows = list(Redaction.objects.filter(document_version=version).values_list(
        "status", "check_status"
    ))  # fmt: skip
    decided = [c for s, c in rows if s != Redaction.SUGGESTED]
    return SetProgress(
        total=len(rows),
        suggested=sum(1 for s, _ in rows if s == Redaction.SUGGESTED),
        accepted=sum(1 for s, _ in rows if s == Redaction.ACCEPTED),
        rejected=sum(1 for s, _ in rows if s == Redaction.REJECTED),
        agreed=decided.count(Redaction.AGREED),
        sent_back=decided.count(Redaction.SENT_BACK),
    )


def unchecked_reason(progress: SetProgress) -> str:
    """Why the set is not checked yet ("" when it is)."""
    if progress.suggested:
        return f"{progress.suggested} suggestions are not decided yet"
    if progress.sent_back:
        return f"{progress.sent_back} decisions were sent back and need deciding again"
    if progress.awaiting_check:
        return f"{progress.awaiting_check} decisions are not checked by a second reviewer yet"
    return ""


def fingerprint(version: DocumentVersion) -> str:
    """SHA-256 of every redaction's span and decision, in document order."""
    rows = Redaction.objects.filter(document_version=version).order_by("start", "end")
    content = [
        [r.pk, r.start, r.end, r.status, r.ground, r.applies_to, r.cipher_id, r.check_status]
        for r in rows
    ]
    return hashlib.sha256(json.dumps(content).encode("utf-8")).hexdigest()
