"""The app's data files, loaded once: the 3x5x2 grade, source types, responses, deadlines.

Each file cites its source (joinedup/web/intelligence/data/). Code reads them through
these small functions, never through constants of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "GRADE_PARTS",
    "Decision",
    "GradePart",
    "bank_holidays",
    "decision",
    "decisions",
    "deadline_rules",
    "grade_part",
    "source_types",
    "tactics",
]

DATA = Path(__file__).resolve().parent.parent / "data"
GRADE_PARTS = ("source_evaluation", "intelligence_assessment", "handling_code")


@dataclass(frozen=True)
class GradePart:
    name: str  # source_evaluation, intelligence_assessment, handling_code
    label: str
    hint: str
    codes: dict[str, tuple[str, str]]  # code -> (label, meaning)

    def choices(self) -> list[tuple[str, str]]:
        return [(code, f"{code}: {label}") for code, (label, _) in self.codes.items()]

    def describe(self, code: str) -> str:
        """'B: Known indirectly to the source but corroborated'; '' for no code."""
        if code not in self.codes:
            return ""
        return f"{code}: {self.codes[code][0]}"


@dataclass(frozen=True)
class Decision:
    code: str
    label: str
    hint: str
    needs: frozenset[str]  # agency, case, tactic


@cache
def _load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DATA / name).read_text("utf-8"))
    return loaded


def grade_part(name: str) -> GradePart:
    part = _load("grading.yaml")[name]
    codes = {str(c): (str(v["label"]), str(v["meaning"])) for c, v in part["codes"].items()}
    return GradePart(name, str(part["label"]), str(part["hint"]), codes)


def source_types() -> dict[str, str]:
    return {str(k): str(v) for k, v in _load("source_types.yaml")["source_types"].items()}


def decisions() -> dict[str, Decision]:
    found = _load("responses.yaml")["decisions"]
    return {
        str(code): Decision(str(code), str(d["label"]), str(d["hint"]), frozenset(d["needs"]))
        for code, d in found.items()
    }


def decision(code: str) -> Decision | None:
    return decisions().get(code)


def tactics() -> dict[str, str]:
    return {str(k): str(v) for k, v in _load("responses.yaml")["tactics"].items()}


def deadline_rules() -> dict[str, Any]:
    return _load("deadlines.yaml")


@cache
def bank_holidays() -> frozenset[date]:
    days = deadline_rules()["bank_holidays"]
    return frozenset(d if isinstance(d, date) else date.fromisoformat(str(d)) for d in days)
