"""The cases app's data files (joinedup/web/cases/data/*.yaml), loaded and checked once.

Each file cites its source in its header comment. A bad file raises ConfigurationError
naming the file and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from joinedup.errors import ConfigurationError

__all__ = [
    "FlagDefinition",
    "autosave_seconds",
    "context_kinds",
    "flag_definitions",
    "flag_label",
    "label",
    "plan_types",
    "review_due_soon_days",
]


@dataclass(frozen=True, slots=True)
class FlagDefinition:
    code: str
    label: str
    name: str
    definition: str
    source: str


@cache
def _read(name: str) -> dict[str, Any]:
    text = resources.files("joinedup.web.cases").joinpath(f"data/{name}").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ConfigurationError(f"cases/data/{name}: expected a mapping with version: 1")
    return data


def _section(name: str, key: str) -> dict[str, dict[str, Any]]:
    section = _read(name).get(key)
    if not isinstance(section, dict) or not section:
        raise ConfigurationError(f"cases/data/{name}: expected a non-empty mapping {key!r}")
    return section


def context_kinds() -> dict[str, dict[str, str]]:
    """code -> {label, hint} (data/context_kinds.yaml)."""
    return _section("context_kinds.yaml", "kinds")


def plan_types() -> dict[str, dict[str, Any]]:
    """code -> {label, first_review_days} (data/plan_types.yaml)."""
    return _section("plan_types.yaml", "types")


@cache
def flag_definitions() -> dict[str, FlagDefinition]:
    """code -> definition from statutory guidance, with its source (data/flags.yaml)."""
    return {
        code: FlagDefinition(
            code, str(f["label"]), str(f["name"]), str(f["definition"]), str(f["source"])
        )
        for code, f in _section("flags.yaml", "flags").items()
    }


def flag_label(code: str) -> str:
    found = flag_definitions().get(code)
    return found.label if found else code


def review_due_soon_days() -> int:
    return int(_read("timescales.yaml")["review_due_soon_days"])


def autosave_seconds() -> int:
    return int(_read("timescales.yaml")["autosave_seconds"])


def label(vocabulary: dict[str, dict[str, Any]], code: str) -> str:
    """The label of `code`, or the code itself if the data file no longer has it."""
    return str(vocabulary.get(code, {}).get("label", code))
