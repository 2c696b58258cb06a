"""The registry of record kinds: how each app's records are found due and destroyed.

The retention app knows nothing of another app's models. Each app registers a
`RecordKind` (usually in its AppConfig.ready):

    from joinedup.web.retention.registry import RecordKind, register

    register(RecordKind("intelligence_item", "Intelligence items", find_due, destroy))

- `find_due(as_of, schedule)` yields a `RetainedRecord` for each record whose retention
  date is on or before `as_of` (the schedule gives the rules: `schedule.due(code, facts)`);
- `destroy(key, decision)` deletes the record's rows and returns a `Destroyed` (what was
  deleted, counted); it raises `DestructionRefused` with a reason a person can act on
  when something still needs the record. It runs inside the approval's transaction;
- `lookup(key, as_of, schedule)`, optional: the one record (due or not), or None when it
  is gone. Without it, `find_due` is searched.

A `RetainedRecord` carries no narrative and no name: a description such as "CSC record
C-0042: 3 events", the person index id of its subject (or ""), and why it is due.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from joinedup.errors import JoinedUpError

if TYPE_CHECKING:
    from joinedup.web.retention.services.schedule import Schedule

__all__ = [
    "Destroyed",
    "DestructionRefused",
    "RecordKind",
    "RetainedRecord",
    "kind",
    "kinds",
    "register",
    "unregister",
]


class DestructionRefused(JoinedUpError):
    """A record cannot be destroyed now; the message says why (shown to the approver)."""


@dataclass(frozen=True, slots=True)
class RetainedRecord:
    kind: str  # the RecordKind's code
    key: str  # the record's key within its kind, e.g. "CSC:C-0042"
    description: str  # no narrative, no name
    subject_person_id: str  # "P-0000123", or "" for a record about no person
    trigger: date  # the date the rule counted from
    due: date  # the day it fell (or falls) due for review
    record_type: str  # the schedule's record type code
    agency: str = ""  # the holding agency's code, when there is one
    counts_from: str = ""  # what the trigger was: "date of birth", "closed", ...


@dataclass(frozen=True, slots=True)
class Destroyed:
    """What a destruction deleted: model label -> rows (no personal data)."""

    counts: Mapping[str, int] = field(default_factory=dict)


FindDue = Callable[[date, "Schedule"], Iterable[RetainedRecord]]
Destroy = Callable[[str, Any], Destroyed]
Lookup = Callable[[str, date, "Schedule"], RetainedRecord | None]


@dataclass(frozen=True, slots=True)
class RecordKind:
    code: str
    label: str
    find_due: FindDue
    destroy: Destroy
    lookup: Lookup | None = None

    def find(self, key: str, as_of: date, schedule: Schedule) -> RetainedRecord | None:
        """The record with this key (due or not, when `lookup` is given), or None."""
        if self.lookup is not None:
            return self.lookup(key, as_of, schedule)
        return next((r for r in self.find_due(as_of, schedule) if r.key == key), None)


_KINDS: dict[str, RecordKind] = {}


def register(record_kind: RecordKind) -> None:
    """Add a kind; registering the same code twice replaces it (AppConfig.ready may rerun)."""
    _KINDS[record_kind.code] = record_kind


def unregister(code: str) -> None:
    _KINDS.pop(code, None)


def kinds() -> list[RecordKind]:
    return sorted(_KINDS.values(), key=lambda k: k.label)


def kind(code: str) -> RecordKind:
    """The kind registered under `code`; KeyError when none is."""
    return _KINDS[code]
