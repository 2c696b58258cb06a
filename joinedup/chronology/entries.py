"""What a chronology is made of: entries, the people in them, and the whole document.

Every entry is dated and attributed to its source agency and source record, so
chronologies from several agencies can be merged, sorted and analysed (DOMAIN.md D13).
Besides events there are two kinds of entry the records do not hold directly: the
subject's birth (a chronology starts from birth) and gaps, periods with no recorded
event, which a chronology should expose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from joinedup.chronology.entitlements import Entitlements, WithheldCount
from joinedup.chronology.filters import Filters
from joinedup.chronology.when import When, when_from_iso

__all__ = ["Chronology", "ChronologyEntry", "PersonInvolved", "Subject"]


@dataclass(frozen=True, slots=True)
class PersonInvolved:
    """Someone in an entry, named only if the reader may see who they are."""

    role: str  # vocabulary participant_role
    role_label: str  # 'Suspect'
    person_id: str | None  # None when the reader may not see who this is
    name: str | None  # display name, None when described by role only

    def display(self) -> str:
        """'Zoe Whitehouse (Subject)' or, for someone not shown, 'Reporter (not named)'."""
        if self.name is None:
            return f"{self.role_label} (not named)"
        return f"{self.name} ({self.role_label})"


@dataclass(frozen=True, slots=True)
class ChronologyEntry:
    """One line of a chronology."""

    kind: str  # event, birth or gap
    when: When
    agency: str  # agency code; '' for gaps
    event_type: str  # vocabulary event_type; 'birth' or 'gap' for those kinds
    event_type_label: str
    summary: str
    narrative: str | None  # restricted: None unless the reader is entitled to it
    place: str | None
    people: tuple[PersonInvolved, ...]
    source_record: str | None  # event_id "AGENCY:source_id"; None for gaps
    sensitivity: str | None
    grade: str | None  # 3x5x2 grade such as '1AP'
    flags: tuple[str, ...] = ()  # turning point kinds, see turning.py
    gap_until: When | None = None  # for gaps: the next recorded event

    def people_display(self) -> str:
        return "; ".join(p.display() for p in self.people)


@dataclass(frozen=True, slots=True)
class Subject:
    """Who or what the chronology is about, as the header shows it."""

    kind: str  # person, context or network
    label: str  # 'Zoe Whitehouse', 'Star Kebabs, MS1 4EF', 'Network of 5 people'
    person_ids: tuple[str, ...] = ()
    dob: str | None = None  # ISO partial date, for a person
    entity_id: str | None = None  # for a place or other context

    def describe(self) -> str:
        """'Zoe Whitehouse, born 2 December 1996 (person P-000123)'."""
        if self.kind == "person":
            born = f", born {_display_date(self.dob)}" if self.dob else ""
            ids = ", ".join(self.person_ids)
            return f"{self.label}{born} (person {ids})"
        if self.entity_id:
            return f"{self.label} ({self.entity_id})"
        return f"{self.label} ({', '.join(self.person_ids)})"


@dataclass(frozen=True, slots=True)
class Chronology:
    """The entries a reader may see, in order, and what was withheld from them."""

    title: str
    subject: Subject
    entries: tuple[ChronologyEntry, ...]
    withheld: tuple[WithheldCount, ...]
    reader: Entitlements
    filters: Filters = field(default_factory=Filters)
    gap_months: int | None = None

    def sharing_statement(self) -> tuple[str, ...]:
        """What was shown and what was withheld and why, one sentence a line."""
        lines = [self.reader.describe(), self.filters.describe()]
        lines += [w.statement() for w in self.withheld]
        if not self.withheld:
            lines.append("No entry in scope was withheld.")
        if not self.reader.narratives:
            lines.append("Restricted narratives withheld: summaries only.")
        return tuple(lines)

    def events(self) -> tuple[ChronologyEntry, ...]:
        return tuple(e for e in self.entries if e.kind == "event")


def _display_date(iso: str | None) -> str:
    try:
        return when_from_iso(iso or "").display
    except ValueError:
        return iso or ""
