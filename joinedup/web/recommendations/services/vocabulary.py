"""The tracker's vocabularies and timescales, read once from data/tracker.yaml and
data/themes.yaml (each cites its source)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "EvidenceKind",
    "evidence_kinds",
    "evidence_max_bytes",
    "import_rules",
    "number_sort_key",
    "open_statuses",
    "owner_moves",
    "owner_open_statuses",
    "state_label",
    "state_tag",
    "status_label",
    "status_tag",
    "statuses",
    "theme_label",
    "themes",
    "timescale",
]

_DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, slots=True)
class EvidenceKind:
    name: str
    extensions: tuple[str, ...]
    content_type: str


@cache
def _read(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((_DATA / name).read_text("utf-8"))
    return loaded


def _tracker() -> dict[str, Any]:
    return _read("tracker.yaml")


def statuses() -> dict[str, str]:
    """status -> label, in the order of the data file."""
    return {code: str(v["label"]) for code, v in _tracker()["statuses"].items()}


def status_label(status: str) -> str:
    return statuses().get(status, status)


def status_tag(status: str) -> str:
    return str(_tracker()["statuses"].get(status, {}).get("tag", "grey"))


def state_label(state: str) -> str:
    return str(_tracker()["recommendation_states"][state]["label"])


def state_tag(state: str) -> str:
    return str(_tracker()["recommendation_states"][state]["tag"])


def owner_moves(status: str) -> list[str]:
    """The statuses an owner may choose with a progress update, from `status`."""
    return [str(s) for s in _tracker()["owner_moves"].get(status, [])]


def owner_open_statuses() -> frozenset[str]:
    """Statuses in which the owner still has work to do: these can be overdue."""
    return frozenset(_tracker()["owner_open"])


def open_statuses() -> frozenset[str]:
    """Statuses not yet closed: these can be stalled."""
    return frozenset(_tracker()["open"])


def timescale(name: str) -> int:
    """Days: stalled_days, due_soon_days or escalate_after_days."""
    return int(_tracker()["timescales"][name])


def evidence_max_bytes() -> int:
    return int(_tracker()["evidence"]["max_bytes"])


def evidence_kinds() -> list[EvidenceKind]:
    return [
        EvidenceKind(name, tuple(kind["extensions"]), str(kind["content_type"]))
        for name, kind in _tracker()["evidence"]["kinds"].items()
    ]


def import_rules() -> dict[str, Any]:
    """max_bytes, columns and optional_columns of the CSV loader."""
    return dict(_tracker()["import"])


def themes() -> dict[str, str]:
    return {str(k): str(v) for k, v in _read("themes.yaml")["themes"].items()}


def theme_label(theme: str) -> str:
    return themes().get(theme, theme)


def number_sort_key(number: str) -> str:
    """'12.3' -> '000012.000003', so numbers sort as people read them."""
    parts = re.split(r"([0-9]+)", number.strip())
    return "".join(p.zfill(6) if p.isdigit() else p.lower() for p in parts)[:60]
