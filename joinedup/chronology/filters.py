"""Which entries a chronology covers: by agency, by event type and by period.

Filters narrow the scope the reader asked for; they are not sharing decisions, so
entries outside the filters are not counted as withheld. A period includes an entry
whose recorded date could fall inside it: '2019' is inside a period from 1 June 2019.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from joinedup.chronology.when import When, display_month

__all__ = ["Filters"]


@dataclass(frozen=True, slots=True)
class Filters:
    """What to include; None means no restriction."""

    agencies: frozenset[str] | None = None
    event_types: frozenset[str] | None = None
    start: date | None = None  # first day of the period, inclusive
    end: date | None = None  # last day of the period, inclusive

    def includes(self, agency: str, event_type: str, when: When) -> bool:
        """Whether an event of this agency, type and date is in scope."""
        if self.agencies is not None and agency not in self.agencies:
            return False
        if self.event_types is not None and event_type not in self.event_types:
            return False
        return self.includes_period(when)

    def includes_period(self, when: When) -> bool:
        if self.start is not None and when.latest < self.start:
            return False
        return self.end is None or when.earliest.date() <= self.end

    def narrows_sources(self) -> bool:
        """Whether only some agencies or event types are in scope (said on gap rows)."""
        return self.agencies is not None or self.event_types is not None

    def describe(self) -> str:
        """One line for the header: what the chronology covers."""
        parts = [
            "agencies " + ", ".join(sorted(self.agencies)) if self.agencies is not None else "",
            "event types " + ", ".join(sorted(self.event_types)) if self.event_types else "",
            f"from {_display_day(self.start)}" if self.start else "",
            f"to {_display_day(self.end)}" if self.end else "",
        ]
        chosen = [p for p in parts if p]
        return "Covers " + ("; ".join(chosen) if chosen else "every recorded event") + "."


def _display_day(day: date) -> str:
    return f"{day.day} {display_month(day)}"
