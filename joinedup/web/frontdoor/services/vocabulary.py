"""The front door's data files: RAG ratings and timescales, decisions, form answers.

Each file in `frontdoor/data/` cites its sources; this module only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "Decision",
    "Rating",
    "answers",
    "decision",
    "decisions",
    "due_soon_share",
    "not_rated",
    "rating",
    "ratings",
    "urgent_rating",
]

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, slots=True)
class Rating:
    code: str  # red, amber, green; "" for a contact not rated yet
    label: str
    tag: str  # the GOV.UK tag colour
    target: timedelta
    definition: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    code: str
    label: str
    hint: str
    reason_required: bool


@cache
def _load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DATA / name).read_text("utf-8"))
    return loaded


def ratings() -> dict[str, Rating]:
    """The RAG ratings in the file's order (red, amber, green)."""
    found = _load("timescales.yaml")["ratings"]
    return {
        code: Rating(
            code,
            str(r["label"]),
            str(r["tag"]),
            timedelta(hours=r["target_hours"]),
            " ".join(str(r["definition"]).split()),
        )
        for code, r in found.items()
    }


def rating(code: str) -> Rating:
    """The rating with this code; "" gives the target for a contact not rated yet."""
    return ratings()[code] if code else not_rated()


def not_rated() -> Rating:
    found = _load("timescales.yaml")["not_rated"]
    return Rating("", str(found["label"]), "grey", timedelta(hours=found["target_hours"]))


def urgent_rating() -> Rating:
    return ratings()[str(_load("timescales.yaml")["urgent_rating"])]


def due_soon_share() -> float:
    return float(_load("timescales.yaml")["due_soon_share"])


def decisions() -> dict[str, Decision]:
    found = _load("decisions.yaml")["decisions"]
    return {
        code: Decision(code, str(d["label"]), str(d["hint"]), bool(d["reason_required"]))
        for code, d in found.items()
    }


def decision(code: str) -> Decision:
    return decisions()[code]


def answers(question: str) -> dict[str, str]:
    """The answers offered to one question of the referral forms: code -> label."""
    return {str(k): str(v) for k, v in _load("referral.yaml")[question].items()}
