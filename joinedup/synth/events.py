"""True events: what happened, to whom, recorded by which agency in its own code.

The canonical type of each agency code is read from the agency's own mapping file
(data/mappings), so the ground truth and the mappings cannot disagree.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

import yaml

from joinedup.synth.data import mapping_text, narratives
from joinedup.synth.people import Person

__all__ = ["AGENCY_FOLDERS", "Event", "Place", "canonical_type", "narrative"]

AGENCY_FOLDERS = {
    "POL": "police",
    "CSC": "social_care",
    "HLT": "health",
    "EDU": "education",
    "LIC": "licensing",
}


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str
    """Canonical place kind."""
    postcode: str
    line: str = ""


@dataclass(slots=True)
class Event:
    agency: str
    code: str
    """The agency's own event code (for health: the reason code)."""
    when: datetime
    participants: list[tuple[Person, str]]
    """(person, canonical role)."""
    summary: str
    indicator: bool = False
    narrative: str = ""
    place: Place | None = None
    vehicles: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    grade: str = ""
    setting: str = ""
    """Health only: ED, SH, GP, CAMHS or MAT."""

    @property
    def people(self) -> list[Person]:
        return [person for person, _ in self.participants]


@cache
def _event_codes(agency: str) -> dict[str, str]:
    mapping = yaml.safe_load(mapping_text(AGENCY_FOLDERS[agency]))
    table = next(t for t in mapping["tables"] if t["record"] == "event")
    codes: dict[str, str] = table["fields"]["event_type"]["codes"]
    return codes


def canonical_type(agency: str, code: str) -> str:
    """The canonical event type the agency's mapping gives its own code."""
    return _event_codes(agency)[code]


def narrative(rng: random.Random, agency: str, key: str, story: str, **values: str) -> str:
    """A summary from data/narratives.yaml, filled in with names, places and vehicles."""
    stories = narratives()[agency][key]
    templates = stories.get(story) or stories.get("ordinary") or stories["exploited"]
    return str(rng.choice(templates)).format_map(_Defaults(values))


class _Defaults(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return {"carer": "parent", "reason": "a professional", "place": "an address"}.get(
            key, "unknown"
        )
