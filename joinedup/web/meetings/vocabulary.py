"""The meetings vocabularies and timescales, read from data/meetings.yaml.

Kinds of meeting (operational, strategic) with the agenda item kinds each allows and
its cadence; labels for meeting states, attendance and action states; the reminder
timescales. Nothing here is a constant in code: change the data file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "MeetingKind",
    "action_status_label",
    "attendance_label",
    "item_kind_label",
    "kind",
    "kinds",
    "labels",
    "reminder_days",
    "status_label",
]

_FILE = Path(__file__).parent / "data" / "meetings.yaml"


@dataclass(frozen=True)
class MeetingKind:
    code: str
    label: str
    description: str
    cadence: str
    cadence_days: int
    item_kinds: tuple[str, ...]


@cache
def _data() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(_FILE.read_text("utf-8"))
    return loaded


def kinds() -> dict[str, MeetingKind]:
    return {code: _kind(code, spec) for code, spec in _data()["kinds"].items()}


def _kind(code: str, spec: dict[str, Any]) -> MeetingKind:
    return MeetingKind(code, spec["label"], spec["description"], spec["cadence"],
                       int(spec["cadence_days"]), tuple(spec["item_kinds"]))  # fmt: skip


def kind(code: str) -> MeetingKind:
    found = kinds().get(code)
    if found is None:
        raise ValueError(f"unknown kind of meeting {code!r}; see meetings/data/meetings.yaml")
    return found


def labels(section: str) -> dict[str, str]:
    """code -> label for one section: item_kinds, statuses, attendance, action_statuses."""
    return {str(k): str(v) for k, v in _data()[section].items()}


def item_kind_label(code: str) -> str:
    return labels("item_kinds").get(code, code)


def status_label(code: str) -> str:
    return labels("statuses").get(code, code)


def attendance_label(code: str) -> str:
    return labels("attendance").get(code, code)


def action_status_label(code: str) -> str:
    return labels("action_statuses").get(code, code)


def reminder_days(name: str) -> int:
    """'due_soon_days' or 'escalate_after_days'."""
    return int(_data()["reminders"][name])
