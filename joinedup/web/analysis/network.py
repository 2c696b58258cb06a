"""The network of the whole system of record: alerts, new links, and the runs kept.

`network_everyone` builds the entity graph and its communities from the database,
raises an alert for every adult, place, vehicle, phone or organisation linked to
`min_children` or more children with indicators, and compares the graph with the
previous run's: a child now linked to a member of a network that run knew about, who
was not linked to it before, is a new link. The previous graph is the current records
without the events imported since that run. Each run is kept
(`NetworkRun`) so the next one knows the networks.

A child with indicators is a person with a moderate or significant indicator of the rule
file (default SERAF) recorded while they were a child, at any time: an adult who was
linked to exploited children in 2005 still links them, whatever their ages now.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from joinedup.analysis.borough import AnalysisTables
from joinedup.network import (
    Alert,
    AlertNetwork,
    Communities,
    EntityGraph,
    NewNetworkLink,
    alert_networks,
    build_entity_graph,
    find_communities,
    network_alerts,
    new_links_to_known_networks,
)
from joinedup.screening import RuleFile, could_have_known, load_rule_file
from joinedup.web.analysis import models as am
from joinedup.web.analysis.screening import person_index
from joinedup.web.analysis.sync import analysis_tables_from_database
from joinedup.web.audit.services import CommandLineActor, record_event
from joinedup.web.records import models as rm

__all__ = [
    "ALERT_COLUMNS",
    "NetworkOutcome",
    "children_with_indicators",
    "network_everyone",
    "tables_without_events",
    "write_alerts_csv",
]

ALERT_COLUMNS = (
    "entity_kind", "entity_id", "label", "children_with_indicators", "child_ids",
    "first_seen", "last_seen", "events",
)  # fmt: skip


@dataclass(frozen=True)
class NetworkOutcome:
    run: am.NetworkRun
    previous: am.NetworkRun | None
    rules: RuleFile
    children_with_indicators: frozenset[str]
    graph: EntityGraph
    communities: Communities
    alerts: list[Alert]
    new_links: list[NewNetworkLink]
    alert_networks: list[AlertNetwork]


def network_everyone(
    user: str,
    min_children: int = 3,
    rules_path: Path | str | None = None,
    progress: Callable[[str], None] = lambda step: None,
) -> NetworkOutcome:
    """Build the network from the database, raise the alerts and store the run."""
    rules = load_rule_file(rules_path)
    person_index()
    previous = am.NetworkRun.objects.first()
    last_batch = rm.ImportBatch.objects.aggregate(last=Max("pk"))["last"]
    progress("reading the records")
    tables = analysis_tables_from_database()
    progress("finding the children with indicators")
    children = children_with_indicators(tables, rules)
    progress("building the entity graph")
    graph = build_entity_graph(tables)
    progress("finding communities")
    communities = find_communities(graph, seed=1)
    alerts = network_alerts(graph, set(children), min_children)
    grouped = alert_networks(graph, alerts, set(children))
    new_links = _new_links(tables, graph, previous, progress)
    with transaction.atomic():
        run = _store_run(user, min_children, rules, children, last_batch, graph, communities,
                         alerts, grouped, new_links)  # fmt: skip
    return NetworkOutcome(run, previous, rules, children, graph, communities, alerts,
                          new_links, grouped)  # fmt: skip


def _store_run(
    user: str, min_children: int, rules: RuleFile, children: frozenset[str],
    last_batch: int | None, graph: EntityGraph, communities: Communities, alerts: list[Alert],
    grouped: list[AlertNetwork], new_links: list[NewNetworkLink],
) -> am.NetworkRun:  # fmt: skip
    run = am.NetworkRun.objects.create(
        started_at=timezone.now(), run_by=user, min_children=min_children, scheme=rules.scheme,
        rules_version=rules.version, children_with_indicators=len(children),
        last_import_batch=last_batch,
        vertices=graph.graph.vcount(), edges=graph.graph.ecount(),
        communities=len(set(communities.community)), alerts=[_alert_row(a) for a in alerts],
        networks=known_networks(grouped),
        new_links=[_new_link_row(n) for n in new_links],
    )  # fmt: skip
    record_event(
        CommandLineActor(user), "network.run", target_type="network_run", target_id=run.pk,
        detail={"min_children": min_children, "alerts": len(alerts),
                "new_links": len(new_links), "children_with_indicators": len(children)},
    )  # fmt: skip
    return run


def children_with_indicators(tables: AnalysisTables, rules: RuleFile) -> frozenset[str]:
    """Persons with a moderate or significant indicator recorded while a child."""
    everyone = [str(p) for p in tables.persons["person_id"].to_pylist()]
    per_child = could_have_known(tables, rules, cohort=everyone).per_child
    return frozenset(str(p) for p in per_child["person_id"].to_pylist())


def _new_links(
    tables: AnalysisTables,
    graph: EntityGraph,
    previous: am.NetworkRun | None,
    progress: Callable[[str], None],
) -> list[NewNetworkLink]:
    if previous is None or not previous.networks:
        return []
    later = rm.Event.objects.filter(imported_in_id__gt=previous.last_import_batch or 0)
    later_ids = [f"{a}:{s}" for a, s in later.values_list("agency__code", "source_id")]
    if not later_ids:
        return []
    progress("comparing with the previous run")
    before = build_entity_graph(tables_without_events(tables, later_ids))
    return new_links_to_known_networks(before, graph, previous.networks)


def known_networks(grouped: Iterable[AlertNetwork]) -> dict[str, list[str]]:
    """Each alert network's alerted entities, members and children: the networks a child
    may newly link to at the next run."""
    return {
        n.network_id: sorted({*n.alerted, *(m.entity_id for m in n.members), *n.children})
        for n in grouped
    }


def tables_without_events(tables: AnalysisTables, event_ids: Collection[str]) -> AnalysisTables:
    """The analysis tables as they were before these events were recorded."""
    dropped = pa.array(sorted(set(event_ids)), type=pa.string())

    def keep(table: pa.Table) -> pa.Table:
        return table.filter(pc.invert(pc.is_in(table["event_id"], value_set=dropped)))

    return AnalysisTables(
        events=keep(tables.events),
        participants=keep(tables.participants),
        persons=tables.persons,
        event_entities=keep(tables.event_entities),
        sources=tables.sources,
    )


def _alert_row(alert: Alert) -> dict[str, Any]:
    events = sorted({p.event_id for link in alert.evidence for p in link.provenance})
    return {"entity_kind": alert.entity_kind, "entity_id": alert.entity_id,
            "label": alert.label, "children": list(alert.children), "events": events}  # fmt: skip


def _new_link_row(link: NewNetworkLink) -> dict[str, Any]:
    events = [p.event_id for p in link.provenance]
    return {"child_id": link.child_id, "network_id": link.network_id,
            "linked_to": list(link.linked_to), "events": events}  # fmt: skip


def write_alerts_csv(alerts: Iterable[Alert], path: Path) -> int:
    """One row per alert: the entity, how many children with indicators it links to,
    which (';'-joined), the first and last dates of the evidence and its event ids."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(ALERT_COLUMNS)
        for alert in alerts:
            writer.writerow(_alert_csv_row(alert))
            rows += 1
    return rows


def _alert_csv_row(alert: Alert) -> list[object]:
    provenance = {p.event_id: p for link in alert.evidence for p in link.provenance}
    dates = sorted(p.date for p in provenance.values() if p.date is not None)
    return [
        alert.entity_kind, alert.entity_id, alert.label, len(alert.children),
        ";".join(alert.children), dates[0].isoformat() if dates else "",
        dates[-1].isoformat() if dates else "", ";".join(sorted(provenance)),
    ]  # fmt: skip
