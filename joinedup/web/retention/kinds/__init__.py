"""The record kinds the retention app registers itself: agencies' records, cases, front-door
contacts, intelligence items, sharing decisions and MACE meetings.

Each kind finds its app's model through `django.apps` when asked, so the retention app
imports none of those apps. The `case` kind's destroy is the front door's `destroy_case`:
a contact that opened a case is part of the case's record and goes with it.
"""

from __future__ import annotations

from joinedup.web.retention.kinds import (
    agency_records,
    cases,
    frontdoor,
    intelligence,
    meetings,
    sharing,
)
from joinedup.web.retention.registry import RecordKind, register

__all__ = ["register_builtin_kinds"]


def register_builtin_kinds() -> None:
    for module in (agency_records, frontdoor, intelligence, sharing, meetings):
        register(RecordKind(module.CODE, module.LABEL, module.find_due, module.destroy,
                            module.lookup))  # fmt: skip
    register(RecordKind(cases.CODE, cases.LABEL, cases.find_due, frontdoor.destroy_case,
                        cases.lookup))  # fmt: skip
