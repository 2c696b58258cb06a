"""The contexts the child belongs to: places and peer groups that link several children.

Contextual safeguarding treats a park, a takeaway or a peer group as a subject in its
own right (DOMAIN.md E17). `joinedup.network.context_candidates` proposes them over
every child, from the events the reader may see; this module keeps those the child is
in, with the events that place the child there. Other children in a context are
counted, not named: their records are not this opening's subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from joinedup.chronology import Entitlements
from joinedup.chronology.select import event_rows
from joinedup.network import ContextCandidate, context_candidates
from joinedup.records import vocabularies
from joinedup.web.children.services.display import display_date
from joinedup.web.children.services.tables import (
    Stamp,
    network_graph,
    network_tables,
    records_stamp,
)
from joinedup.web.people.models import Person

__all__ = ["ChildContext", "ContextEvent", "contexts_of", "forget_cached_contexts"]

MIN_CHILDREN = 3


@dataclass(frozen=True)
class ContextEvent:
    agency: str
    date: str
    event_type: str


@dataclass(frozen=True)
class ChildContext:
    kind: str  # 'Place' or 'Peer group'
    label: str
    other_children: int
    linked_through: tuple[str, ...]
    events: tuple[ContextEvent, ...]


def contexts_of(person: Person, reader: Entitlements) -> list[ChildContext]:
    """The places and peer groups of three or more children that include this child."""
    mine = [c for c in _candidates(records_stamp(), reader) if person.person_id in c.children]
    return [_context(c, person.person_id, reader) for c in mine]


def forget_cached_contexts() -> None:
    _candidates.cache_clear()


@lru_cache(maxsize=8)
def _candidates(stamp: Stamp, reader: Entitlements) -> tuple[ContextCandidate, ...]:
    return tuple(context_candidates(network_graph(reader), min_children=MIN_CHILDREN))


def _context(candidate: ContextCandidate, person_id: str, reader: Entitlements) -> ChildContext:
    member = next(m for m in candidate.evidence if m.child_id == person_id)
    rows = event_rows(network_tables(reader), [p.event_id for p in member.provenance])
    types = {row["event_id"]: row["event_type"] for row in rows}
    events = tuple(
        ContextEvent(p.agency, display_date(p.date.isoformat() if p.date else ""),
                     vocabularies.label("event_type", types.get(p.event_id, "")))
        for p in member.provenance
    )  # fmt: skip
    return ChildContext(
        kind="Place" if candidate.context_kind == "place" else "Peer group",
        label=candidate.label,
        other_children=len(candidate.children) - 1,
        linked_through=tuple(_through(v, reader) for v in member.linked_through),
        events=events,
    )


def _through(via: str, reader: Entitlements) -> str:
    if via == "present_together":
        return "recorded together"
    graph = network_graph(reader).graph
    return str(graph.vs.find(via)["label"] or via)
