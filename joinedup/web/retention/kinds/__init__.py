"""The record kinds the retention app registers itself: agencies' records, and cases."""

from __future__ import annotations

from joinedup.web.retention.kinds import agency_records, cases
from joinedup.web.retention.registry import RecordKind, register

__all__ = ["register_builtin_kinds"]


def register_builtin_kinds() -> None:
    for module in (agency_records, cases):
        register(RecordKind(module.CODE, module.LABEL, module.find_due, module.destroy,
                            module.lookup))  # fmt: skip
