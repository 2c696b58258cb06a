"""Who produced a chronology, when and for what purpose: the header of every export.

A shared chronology must say who produced it, when, and why, and what was withheld
(DOMAIN.md D14, G24), so a purpose is required: 'MACE meeting 12 May 2026',
'court bundle'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from joinedup.chronology.entries import Chronology
from joinedup.chronology.when import display_month
from joinedup.errors import InputError

__all__ = ["DEFAULT_MARKING", "Production", "header_fields"]

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"  # Government Security Classifications


@dataclass(frozen=True, slots=True)
class Production:
    """The circumstances of one export."""

    produced_by: str
    purpose: str
    produced_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    marking: str = DEFAULT_MARKING

    def __post_init__(self) -> None:
        if not self.purpose.strip():
            raise InputError("a chronology needs a purpose, e.g. 'MACE meeting 12 May 2026'")
        if not self.produced_by.strip():
            raise InputError("a chronology needs the name of the person producing it")

    def produced_at_display(self) -> str:
        """'29 November 2026 07:15 UTC'."""
        moment = self.produced_at
        zone = moment.tzname() or ""
        return f"{moment.day} {display_month(moment.date())} {moment:%H:%M} {zone}".strip()


def header_fields(chronology: Chronology, production: Production) -> list[tuple[str, str]]:
    """(label, value) pairs, in the order the header shows them."""
    return [
        ("Title", chronology.title),
        ("Subject", chronology.subject.describe()),
        ("Purpose", production.purpose),
        ("Produced by", production.produced_by),
        ("Produced at", production.produced_at_display()),
        ("Handling", production.marking),
        ("Entries", _entry_counts(chronology)),
    ]


def _entry_counts(chronology: Chronology) -> str:
    events = len(chronology.events())
    withheld = sum(w.count for w in chronology.withheld)
    gaps = sum(1 for e in chronology.entries if e.kind == "gap")
    months = f" (gaps longer than {chronology.gap_months} months)" if chronology.gap_months else ""
    return f"{events} shown, {withheld} withheld, {gaps} gaps{months}"
