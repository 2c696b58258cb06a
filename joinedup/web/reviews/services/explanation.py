"""A pair's field-by-field explanation in plain English: "date of birth: day and month
swapped, +4.2".

`joinedup link` stores each review pair's explanation as it scored it (comparison,
level, match weight; for entities also each side's value). The names and levels read
as the model wrote them ("dob", "Jaro-Winkler >= 0.92"); data/explanations.yaml says
them in plain English. A level the file does not name is shown as written, so a new
level in the model is never hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from joinedup.errors import ConfigurationError

__all__ = ["ExplainedField", "entity_explanation", "person_explanation", "strongest"]


@dataclass(frozen=True)
class ExplainedField:
    """One comparison's contribution to the pair's match weight."""

    field: str
    level: str
    weight: float
    left: str | None = None  # entity pairs: each record's value as compared
    right: str | None = None

    @property
    def signed_weight(self) -> str:
        """'+4.2', '-1.1', '0.0'."""
        return "0.0" if round(self.weight, 1) == 0 else f"{self.weight:+.1f}"

    @property
    def sentence(self) -> str:
        """'Date of birth: day and month swapped, +4.2'."""
        return f"{self.field}: {self.level}, {self.signed_weight}"


@cache
def _labels() -> dict[str, Any]:
    path = resources.files("joinedup.web.reviews").joinpath("data/explanations.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ConfigurationError("reviews/data/explanations.yaml: expected version: 1")
    return data


def _level(kind: str, field: str, level: str) -> str:
    by_field = _labels().get(f"{kind}_levels_by_field", {}).get(field, {})
    return str(by_field.get(level) or _labels()[f"{kind}_levels"].get(level, level))


def person_explanation(stored: Iterable[Mapping[str, Any]]) -> list[ExplainedField]:
    """A person pair's stored explanation, in the model's order, in plain English."""
    fields = _labels()["person_fields"]
    return [
        ExplainedField(
            field=str(fields.get(row["comparison"], row["comparison"])),
            level=_level("person", row["comparison"], str(row["level"])),
            weight=float(row["match_weight"]),
        )
        for row in stored
    ]


def entity_explanation(
    stored: Iterable[Mapping[str, Any]], show_left: bool, show_right: bool
) -> list[ExplainedField]:
    """An entity pair's explanation; a side outside the reader's agreement has no value."""
    fields = _labels()["entity_fields"]
    return [
        ExplainedField(
            field=str(fields.get(row["field"], str(row["field"]).replace("_", " ").capitalize())),
            level=_level("entity", row["field"], str(row["level"])),
            weight=float(row["weight"]),
            left=_value(row.get("left")) if show_left else None,
            right=_value(row.get("right")) if show_right else None,
        )
        for row in stored
    ]


def _value(value: object) -> str:
    return "" if value is None else str(value)


def strongest(fields: Iterable[ExplainedField], count: int = 2) -> list[ExplainedField]:
    """The fields that moved the score most, for or against (for the queue's summary)."""
    moving = [f for f in fields if round(f.weight, 1) != 0]
    return sorted(moving, key=lambda f: -abs(f.weight))[:count]
