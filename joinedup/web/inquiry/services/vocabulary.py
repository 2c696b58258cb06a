"""The evidence requests' vocabulary (data/requests.yaml): kinds, statuses and their
order, what counts as outstanding, and when reminders go."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "kind_basis",
    "kind_label",
    "kind_prefix",
    "kinds",
    "next_statuses",
    "not_statutory_message",
    "offence_reminder",
    "outstanding_statuses",
    "reminder_days",
    "status_label",
    "status_tag",
    "statuses",
    "statutory_only",
]

_FILE = Path(__file__).resolve().parents[1] / "data" / "requests.yaml"


@cache
def _data() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(_FILE.read_text("utf-8"))
    return loaded


def kinds() -> dict[str, str]:
    """kind -> label, in the file's order."""
    return {k: str(v["label"]) for k, v in _data()["kinds"].items()}


def kind_label(kind: str) -> str:
    return kinds().get(kind, kind)


def kind_prefix(kind: str) -> str:
    return str(_data()["kinds"][kind]["prefix"])


def kind_basis(kind: str) -> str:
    return str(_data()["kinds"][kind]["basis"])


def statutory_only(kind: str) -> bool:
    return bool(_data()["kinds"][kind]["statutory_only"])


def not_statutory_message() -> str:
    return str(_data()["not_statutory_message"]).strip()


def offence_reminder() -> str:
    return str(_data()["offence_reminder"]).strip()


def statuses() -> dict[str, str]:
    """status -> label, in the order of a request's life."""
    return {k: str(v["label"]) for k, v in _data()["statuses"].items()}


def status_label(status: str) -> str:
    return statuses().get(status, status)


def status_tag(status: str) -> str:
    """The GOV.UK tag colour for a status (the label says it too)."""
    return str(_data()["statuses"].get(status, {}).get("tag", "grey"))


def next_statuses(status: str) -> list[str]:
    return [str(s) for s in _data()["statuses"][status]["next"]]


def outstanding_statuses() -> tuple[str, ...]:
    return tuple(str(s) for s in _data()["outstanding"])


def reminder_days() -> int:
    return int(_data()["reminders"]["due_soon_days"])
