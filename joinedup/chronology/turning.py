"""Turning points and strengths: what a reader should not miss in a chronology.

The kinds and the event types behind them are data (`data/turning_points.yaml`):

- first of its kind for each subject child (the child in the role subject or victim):
  first indicator of exploitation, first referral, first strategy discussion, first MACE
  discussion. The first indicator is the first event screening found as an indicator
  when screening supplies its event ids; otherwise the first event of a default list of
  indicator types (DEFAULT_INDICATOR_EVENT_TYPES, documented in the YAML);
- every plan start and end, becoming and ceasing to be looked after, placement moves,
  address and household changes, and disclosures;
- strengths and protective events (return-home interviews, plans ending, or event ids a
  practitioner supplies);
- a home address different from the one recorded before (derived from the places).

Turning points are found over every event of the subjects, before filters and sharing,
so a filtered or shared chronology never calls a later referral the first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = [
    "CHILD_ROLES",
    "DEFAULT_INDICATOR_EVENT_TYPES",
    "STRENGTH",
    "TurningPointRules",
    "flag_label",
    "turning_point_flags",
    "turning_point_rules",
]

CHILD_ROLES = frozenset({"subject", "victim"})
STRENGTH = "strength"
NEW_HOME_ADDRESS = "new_home_address"
FIRST_INDICATOR = "first_indicator"


@dataclass(frozen=True, slots=True)
class TurningPointRules:
    first_of: Mapping[str, frozenset[str]]  # kind -> event types, first per subject child
    every: Mapping[str, frozenset[str]]  # kind -> event types, every occurrence
    strength_types: frozenset[str]
    labels: Mapping[str, str]  # kind -> label


@cache
def turning_point_rules() -> TurningPointRules:
    """The shipped rules, read once from data/turning_points.yaml."""
    path = resources.files("joinedup.chronology").joinpath("data/turning_points.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    labels = {k: str(v["label"]) for part in ("first_of", "every") for k, v in data[part].items()}
    labels[STRENGTH] = str(data["strength"]["label"])
    labels[NEW_HOME_ADDRESS] = str(data["new_home_address"]["label"])
    return TurningPointRules(
        first_of={k: frozenset(v["event_types"]) for k, v in data["first_of"].items()},
        every={k: frozenset(v["event_types"]) for k, v in data["every"].items()},
        strength_types=frozenset(data["strength"]["event_types"]),
        labels=labels,
    )


DEFAULT_INDICATOR_EVENT_TYPES: frozenset[str] = turning_point_rules().first_of[FIRST_INDICATOR]


def flag_label(kind: str) -> str:
    """'first_referral' -> 'First referral to children's services'."""
    return turning_point_rules().labels.get(kind, kind.replace("_", " ").capitalize())


def turning_point_flags(
    events: Sequence[Mapping[str, Any]],
    participants: Mapping[str, Sequence[tuple[str, str]]],
    subject_ids: frozenset[str],
    indicator_event_ids: frozenset[str] | None = None,
    strength_event_ids: frozenset[str] | None = None,
) -> dict[str, tuple[str, ...]]:
    """event_id -> turning point kinds, for events already in chronological order."""
    rules = turning_point_rules()
    flags: dict[str, list[str]] = {}
    seen_first: set[tuple[str, str]] = set()
    last_home: dict[str, str] = {}
    for event in events:
        children = _subject_children(participants.get(event["event_id"], ()), subject_ids)
        kinds = _firsts(event, children, rules, indicator_event_ids, seen_first)
        kinds += [k for k, types in rules.every.items() if event["event_type"] in types]
        kinds += _strength(event, rules, strength_event_ids)
        kinds += _new_home(event, children, last_home)
        if kinds:
            flags[event["event_id"]] = kinds
    return {event_id: tuple(dict.fromkeys(kinds)) for event_id, kinds in flags.items()}


def _subject_children(people: Sequence[tuple[str, str]], subject_ids: frozenset[str]) -> list[str]:
    return [pid for pid, role in people if pid in subject_ids and role in CHILD_ROLES]


def _firsts(
    event: Mapping[str, Any],
    children: list[str],
    rules: TurningPointRules,
    indicator_event_ids: frozenset[str] | None,
    seen_first: set[tuple[str, str]],
) -> list[str]:
    kinds = []
    for kind, types in rules.first_of.items():
        if not _is_of_kind(event, kind, types, indicator_event_ids):
            continue
        fresh = [c for c in children if (kind, c) not in seen_first]
        seen_first.update((kind, c) for c in children)
        kinds += [kind] if fresh else []
    return kinds


def _is_of_kind(
    event: Mapping[str, Any], kind: str, types: frozenset[str], indicators: frozenset[str] | None
) -> bool:
    if kind == FIRST_INDICATOR and indicators is not None:
        return event["event_id"] in indicators
    return event["event_type"] in types


def _strength(
    event: Mapping[str, Any], rules: TurningPointRules, strength_event_ids: frozenset[str] | None
) -> list[str]:
    chosen = strength_event_ids is not None and event["event_id"] in strength_event_ids
    return [STRENGTH] if chosen or event["event_type"] in rules.strength_types else []


def _new_home(
    event: Mapping[str, Any], children: list[str], last_home: dict[str, str]
) -> list[str]:
    """A home place different from the last home place recorded for a subject child."""
    home = event.get("place_entity_id")
    if event.get("place_kind") != "home" or not home:
        return []
    moved = [c for c in children if c in last_home and last_home[c] != home]
    last_home.update((c, home) for c in children)
    return [NEW_HOME_ADDRESS] if moved else []
