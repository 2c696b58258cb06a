"""Turning an event row, or a date of birth, into the entry a reader sees.

The narrative is kept only for a reader entitled to narratives. People other than the
chronology's subjects are named only when the reader may see them named in that role;
everyone else is described by role only, and their person id is not shown either.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from joinedup.chronology.entitlements import Entitlements, may_name
from joinedup.chronology.entries import ChronologyEntry, PersonInvolved, Subject
from joinedup.chronology.when import When, when_from_iso
from joinedup.records.vocabularies import label

__all__ = ["birth_entry", "event_entry", "people_involved"]


def event_entry(
    event: Mapping[str, Any],
    when: When,
    participants: Sequence[tuple[str, str]],
    names: Mapping[str, str],
    flags: tuple[str, ...],
    subject: Subject,
    reader: Entitlements,
) -> ChronologyEntry:
    """The entry for one EVENTS row the reader may see."""
    return ChronologyEntry(
        kind="event",
        when=when,
        agency=event["agency"],
        event_type=event["event_type"],
        event_type_label=label("event_type", event["event_type"]),
        summary=event["summary"] or "",
        narrative=event["narrative"] if reader.may_read_narrative(event["agency"]) else None,
        place=_place_label(event),
        people=people_involved(participants, names, frozenset(subject.person_ids), reader),
        source_record=event["event_id"],
        sensitivity=event["sensitivity"],
        grade=event["grade"],
        flags=flags,
    )


def people_involved(
    participants: Sequence[tuple[str, str]],
    names: Mapping[str, str],
    subject_ids: frozenset[str],
    reader: Entitlements,
) -> tuple[PersonInvolved, ...]:
    """Subjects first, then everyone else in the order recorded."""
    ordered = sorted(participants, key=lambda pr: pr[0] not in subject_ids)
    return tuple(_person(pid, role, names, pid in subject_ids, reader) for pid, role in ordered)


def birth_entry(subject: Subject) -> ChronologyEntry | None:
    """The first entry of a person's chronology; None if the date of birth is unreadable."""
    try:
        when = when_from_iso(subject.dob or "")
    except ValueError:
        return None
    return ChronologyEntry(
        kind="birth", when=when, agency="", event_type="birth", event_type_label="Born",
        summary=f"{subject.label} born (date of birth from the linked records).",
        narrative=None, place=None, people=(), source_record=None, sensitivity=None,
        grade=None, flags=("birth",),
    )  # fmt: skip


def _person(
    person_id: str, role: str, names: Mapping[str, str], is_subject: bool, reader: Entitlements
) -> PersonInvolved:
    role_label = label("participant_role", role)
    if not may_name(role, is_subject, reader):
        return PersonInvolved(role, role_label, None, None)
    return PersonInvolved(role, role_label, person_id, names.get(person_id, person_id))


def _place_label(event: Mapping[str, Any]) -> str | None:
    parts = [event.get("place_name"), event.get("place_postcode")]
    return ", ".join(str(p) for p in parts if p) or None
