"""The synthetic borough's data files (joinedup/synth/data), loaded once and cached.

Name lists, the population mix, nicknames, place words, narrative templates and the
distortion rates are data, each file citing its source; this module only reads them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

__all__ = [
    "PopulationGroup",
    "data_text",
    "forenames",
    "mapping_text",
    "name_alternatives",
    "narratives",
    "place_words",
    "population",
    "rates",
    "surnames",
]


@dataclass(frozen=True, slots=True)
class PopulationGroup:
    ethnicity: str
    """Canonical ethnicity code (vocabulary `ethnicity`)."""
    share: float
    forename_list: str
    surname_list: str


def data_text(name: str) -> str:
    """The text of one file in joinedup/synth/data."""
    return (DATA_DIR / name).read_text("utf-8")


def mapping_text(agency_folder: str) -> str:
    """The mapping file shipped for one agency's export, e.g. 'police'."""
    return data_text(f"mappings/{agency_folder}.mapping.yaml")


def _csv_rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in data_text(name).splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _yaml(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(data_text(name))
    return loaded


@cache
def population() -> tuple[PopulationGroup, ...]:
    groups = _yaml("population.yaml")["groups"]
    return tuple(
        PopulationGroup(code, float(g["share"]), str(g["forenames"]), str(g["surnames"]))
        for code, g in groups.items()
    )


@cache
def forenames() -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(list, sex, decade) -> names; decade is '' for lists without decades."""
    found: dict[tuple[str, str, str], list[str]] = {}
    for row in _csv_rows("forenames.csv"):
        found.setdefault((row["list"], row["sex"], row["decade"]), []).append(row["name"])
    return {key: tuple(names) for key, names in found.items()}


@cache
def surnames() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for row in _csv_rows("surnames.csv"):
        found.setdefault(row["list"], []).append(row["surname"])
    return {key: tuple(names) for key, names in found.items()}


@cache
def name_alternatives() -> dict[tuple[str, str], tuple[str, ...]]:
    """(name, 'nickname' | 'variant') -> alternatives."""
    return {
        (row["name"], row["kind"]): tuple(row["alternatives"].split(";"))
        for row in _csv_rows("nicknames.csv")
    }


@cache
def place_words() -> dict[str, Any]:
    return _yaml("places.yaml")


@cache
def narratives() -> dict[str, Any]:
    return _yaml("narratives.yaml")


@cache
def rates() -> dict[str, Any]:
    return _yaml("rates.yaml")
