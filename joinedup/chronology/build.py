"""Building a chronology for a person, a context (a place or peer group) or a network.

    chronology_for_person(tables, "P-000123", reader, Filters(agencies=frozenset({"POL"})))

Every builder reads the analysis tables, orders every event of its subject by date,
marks turning points over the whole history, applies the filters, then the reader's
entitlements (counting what is withheld), and adds the birth and gap entries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology import select
from joinedup.chronology.entitlements import Entitlements, count_withheld, reason_withheld
from joinedup.chronology.entries import Chronology, ChronologyEntry, Subject
from joinedup.chronology.event_entries import birth_entry, event_entry
from joinedup.chronology.filters import Filters
from joinedup.chronology.gaps import DEFAULT_GAP_MONTHS, find_gaps
from joinedup.chronology.turning import turning_point_flags
from joinedup.chronology.when import When, when_from_iso
from joinedup.errors import InputError

__all__ = ["chronology_for_context", "chronology_for_network", "chronology_for_person"]

_KIND_ORDER = {"birth": 0, "event": 1, "gap": 2}


@dataclass(frozen=True, slots=True)
class _Highlights:
    gap_months: int | None
    indicator_event_ids: frozenset[str] | None
    strength_event_ids: frozenset[str] | None


def chronology_for_person(
    tables: AnalysisTables,
    person_id: str,
    reader: Entitlements,
    filters: Filters | None = None,
    *,
    gap_months: int | None = DEFAULT_GAP_MONTHS,
    indicator_event_ids: Iterable[str] | None = None,
    strength_event_ids: Iterable[str] | None = None,
) -> Chronology:
    """Every agency's events about one person, from birth, as the reader may see them."""
    person = select.person_rows(tables, [person_id]).get(person_id)
    if person is None:
        raise InputError(f"person {person_id!r} is not in the analysis tables")
    subject = Subject("person", person["display_name"] or person_id, (person_id,), person["dob"])
    events = select.event_rows(tables, select.event_ids_involving(tables, [person_id]))
    highlights = _highlights(gap_months, indicator_event_ids, strength_event_ids)
    return _assemble(tables, "Multi-agency chronology", subject, events, reader,
                     filters or Filters(), highlights)  # fmt: skip


def chronology_for_context(
    tables: AnalysisTables,
    context: str | Iterable[str],
    reader: Entitlements,
    filters: Filters | None = None,
    *,
    gap_months: int | None = DEFAULT_GAP_MONTHS,
    indicator_event_ids: Iterable[str] | None = None,
    strength_event_ids: Iterable[str] | None = None,
) -> Chronology:
    """Events at a place (or with a vehicle, phone or organisation), or of a peer group.

    `context` is an entity id from EVENT_ENTITIES ('PL:...', 'VH:...') or a set of
    person ids making up a peer group.
    """
    highlights = _highlights(gap_months, indicator_event_ids, strength_event_ids)
    if not isinstance(context, str):
        ids = _known_people(tables, context)
        subject = Subject("context", f"Peer group of {len(ids)} people", ids)
        return _for_people(tables, "Context chronology", subject, reader, filters, highlights)
    label = select.entity_label(tables, context) or context
    subject = Subject("context", label, (), entity_id=context)
    events = select.event_rows(tables, select.event_ids_at_entity(tables, context))
    return _assemble(tables, "Context chronology", subject, events, reader,
                     filters or Filters(), highlights)  # fmt: skip


def chronology_for_network(
    tables: AnalysisTables,
    person_ids: Iterable[str],
    reader: Entitlements,
    filters: Filters | None = None,
    *,
    gap_months: int | None = DEFAULT_GAP_MONTHS,
    indicator_event_ids: Iterable[str] | None = None,
    strength_event_ids: Iterable[str] | None = None,
) -> Chronology:
    """Every event involving any member of a network (children and adults), merged."""
    ids = _known_people(tables, person_ids)
    subject = Subject("network", f"Network of {len(ids)} people", ids)
    highlights = _highlights(gap_months, indicator_event_ids, strength_event_ids)
    return _for_people(tables, "Network chronology", subject, reader, filters, highlights)


def _highlights(
    gap_months: int | None, indicators: Iterable[str] | None, strengths: Iterable[str] | None
) -> _Highlights:
    return _Highlights(
        gap_months,
        frozenset(indicators) if indicators is not None else None,
        frozenset(strengths) if strengths is not None else None,
    )


def _known_people(tables: AnalysisTables, person_ids: Iterable[str]) -> tuple[str, ...]:
    wanted = sorted(set(person_ids))
    known = select.person_rows(tables, wanted)
    missing = [p for p in wanted if p not in known]
    if missing or not wanted:
        named = ", ".join(missing) or "(none given)"
        raise InputError(f"people not in the analysis tables: {named}")
    return tuple(wanted)


def _for_people(
    tables: AnalysisTables,
    title: str,
    subject: Subject,
    reader: Entitlements,
    filters: Filters | None,
    highlights: _Highlights,
) -> Chronology:
    events = select.event_rows(tables, select.event_ids_involving(tables, subject.person_ids))
    return _assemble(tables, title, subject, events, reader, filters or Filters(), highlights)


def _assemble(
    tables: AnalysisTables,
    title: str,
    subject: Subject,
    events: list[dict[str, Any]],
    reader: Entitlements,
    filters: Filters,
    highlights: _Highlights,
) -> Chronology:
    whens = {e["event_id"]: when_from_iso(e["occurred"]) for e in events}
    events.sort(key=lambda e: (whens[e["event_id"]].sort_key(), e["agency"], e["event_id"]))
    people = select.participants_by_event(tables, whens)
    in_scope = [e for e in events if _in_scope(e, whens[e["event_id"]], filters)]
    shown = [e for e in in_scope if reason_withheld(e, reader) is None]
    hidden = [(e["agency"], r) for e in in_scope if (r := reason_withheld(e, reader)) is not None]
    flags = turning_point_flags(
        events, people, frozenset(subject.person_ids),
        highlights.indicator_event_ids, highlights.strength_event_ids,
    )  # fmt: skip
    names = _display_names(tables, people, shown)
    entries = [_entry(e, whens, people, names, flags, subject, reader) for e in shown]
    entries += _births(subject, filters)
    entries += _gaps([whens[e["event_id"]] for e in in_scope], entries, filters, highlights)
    ordered = tuple(sorted(entries, key=_entry_order))
    withheld = count_withheld(hidden)
    return Chronology(title, subject, ordered, withheld, reader, filters, highlights.gap_months)


def _entry(
    event: dict[str, Any],
    whens: dict[str, When],
    people: dict[str, list[tuple[str, str]]],
    names: dict[str, str],
    flags: dict[str, tuple[str, ...]],
    subject: Subject,
    reader: Entitlements,
) -> ChronologyEntry:
    event_id = event["event_id"]
    return event_entry(event, whens[event_id], people.get(event_id, []), names,
                       flags.get(event_id, ()), subject, reader)  # fmt: skip


def _in_scope(event: dict[str, Any], when: When, filters: Filters) -> bool:
    return filters.includes(event["agency"], event["event_type"], when)


def _display_names(
    tables: AnalysisTables, people: dict[str, list[tuple[str, str]]], shown: list[dict[str, Any]]
) -> dict[str, str]:
    ids = {pid for e in shown for pid, _ in people.get(e["event_id"], [])}
    return {pid: row["display_name"] or pid for pid, row in select.person_rows(tables, ids).items()}


def _births(subject: Subject, filters: Filters) -> list[ChronologyEntry]:
    if subject.kind != "person" or not subject.dob:
        return []
    entry = birth_entry(subject)
    return [entry] if entry is not None and filters.includes_period(entry.when) else []


def _gaps(
    in_scope: list[When], entries: list[ChronologyEntry], filters: Filters, highlights: _Highlights
) -> list[ChronologyEntry]:
    if highlights.gap_months is None:
        return []
    births = [e.when for e in entries if e.kind == "birth"]
    return find_gaps(in_scope + births, highlights.gap_months, filters.narrows_sources())


def _entry_order(entry: ChronologyEntry) -> tuple[Any, ...]:
    return (entry.when.sort_key(), _KIND_ORDER[entry.kind], entry.agency, entry.source_record or "")
