"""Network benchmarks: building the graph at scale, and recovering planted networks.

    python benchmarks/network/bench_network.py scale --links 1000000 [--seed S]
    python benchmarks/network/bench_network.py recovery --borough DIR [--min-children 3]
    python benchmarks/network/bench_network.py recovery --children 20000 [--seed S]

`scale` synthesises schema-valid analysis tables with about `--links` participant and
event-entity rows (events of 1-3 persons, each person's share of events log-normal,
and 0-2 places, vehicles, phones or organisations), then times `build_entity_graph`
and `find_communities` and reports peak RSS. `recovery` builds the graph of a
synthetic borough (persons resolved by the ground truth), takes as children with
indicators the exploited children in truth/children.csv plus any child in an indicator
event of truth/events.csv, and reports the precision and recall of the planted adults
and places (truth/networks.csv) among `network_alerts`, and among the alerts with the
members of their `alert_networks`.
Each prints one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from joinedup.analysis import tables
from joinedup.analysis.borough import AnalysisTables, analysis_tables_from_borough
from joinedup.network import (
    alert_networks,
    build_entity_graph,
    find_communities,
    network_alerts,
)

KINDS = np.array(["place", "vehicle", "phone", "organisation"])
PREFIX = {"place": "PL:", "vehicle": "VH:", "phone": "PH:", "organisation": "OR:"}


def _peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def synthetic_tables(links: int, seed: int) -> AnalysisTables:
    """About `links` participant + entity rows: 2 persons and 1 entity per event on average."""
    rng = np.random.default_rng(seed)
    events = links // 3
    persons = max(links // 10, 10)
    per_event = rng.integers(1, 4, size=events)
    entity_counts = rng.integers(0, 3, size=events)
    event_ids = np.array([f"E:{i}" for i in range(events)], dtype=object)
    participants = _participants(rng, event_ids, per_event, persons)
    return AnalysisTables(
        events=_events(rng, event_ids),
        participants=participants,
        persons=_persons(rng, persons),
        event_entities=_entities(rng, event_ids, entity_counts, links // 30),
        sources=tables.empty(tables.SOURCES),
    )


def _events(rng: np.random.Generator, event_ids: np.ndarray) -> pa.Table:
    days = rng.integers(0, 15_000, size=len(event_ids))
    start = date(1985, 1, 1)
    on = pa.array([start + timedelta(days=int(d)) for d in days], pa.date32())
    grades = np.where(rng.random(len(event_ids)) < 0.1, "2BP", None)
    columns: dict[str, Any] = {f.name: pa.nulls(len(event_ids), f.type) for f in tables.EVENTS}
    columns |= {"event_id": pa.array(event_ids, pa.string()), "agency": pa.array(
        rng.choice(["POL", "CSC", "HLT", "EDU"], len(event_ids)), pa.string()),
        "occurred_on": on, "grade": pa.array(grades, pa.string())}  # fmt: skip
    return pa.table(columns, schema=tables.EVENTS)


def _participants(
    rng: np.random.Generator, event_ids: np.ndarray, per_event: np.ndarray, persons: int
) -> pa.Table:
    rows = np.repeat(event_ids, per_event)
    activity = rng.lognormal(0.0, 1.0, size=persons)  # some people are recorded far more often
    who = rng.choice(persons, size=len(rows), p=activity / activity.sum())
    ids = pa.array([f"P{i}" for i in who], pa.string())
    roles = pa.array(rng.choice(["subject", "victim", "suspect", "associate"], len(rows)))
    return pa.table([pa.array(rows, pa.string()), ids, ids, roles], schema=tables.PARTICIPANTS)


def _persons(rng: np.random.Generator, count: int) -> pa.Table:
    ids = [f"P{i}" for i in range(count)]
    ages = rng.choice(["child", "adult"], count, p=[0.6, 0.4])
    nulls = pa.nulls(count, pa.string())
    return pa.table([ids, ids, nulls, nulls, nulls, ages], schema=tables.PERSONS)


def _entities(
    rng: np.random.Generator, event_ids: np.ndarray, counts: np.ndarray, pool: int
) -> pa.Table:
    rows = np.repeat(event_ids, counts)
    kinds = rng.choice(KINDS, len(rows), p=[0.5, 0.2, 0.25, 0.05])
    numbers = rng.integers(0, max(pool, 1), len(rows))
    ids = [f"{PREFIX[k]}{n}" for k, n in zip(kinds, numbers, strict=True)]
    return pa.table([pa.array(rows, pa.string()), kinds, ids, ids], schema=tables.EVENT_ENTITIES)


def run_scale(links: int, seed: int) -> dict[str, Any]:
    built = synthetic_tables(links, seed)
    rows = built.participants.num_rows + built.event_entities.num_rows
    rss_tables = _peak_rss_mb()
    started = time.perf_counter()
    graph = build_entity_graph(built)
    build_seconds = time.perf_counter() - started
    started = time.perf_counter()
    communities = find_communities(graph, seed=1)
    community_seconds = time.perf_counter() - started
    return {
        "mode": "scale", "input_links": rows, "events": built.events.num_rows,
        "vertices": graph.graph.vcount(), "edges": graph.graph.ecount(),
        "evidence_rows": graph.evidence.num_rows,
        "communities": len(set(communities.community)),
        "modularity": round(communities.modularity, 3),
        "build_seconds": round(build_seconds, 1),
        "communities_seconds": round(community_seconds, 1),
        "peak_rss_mb_after_synthesis": rss_tables, "peak_rss_mb": _peak_rss_mb(),
    }  # fmt: skip


def _truth(borough: Path, name: str) -> list[dict[str, str]]:
    with (borough / "truth" / f"{name}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def children_with_indicators(borough: Path) -> set[str]:
    children = {r["true_person_id"]: r for r in _truth(borough, "children")}
    exploited = {c for c, r in children.items() if r["exploited"] == "1"}
    flagged = {
        p for r in _truth(borough, "events") if r["indicator"] == "1"
        for p in r["true_person_ids"].split(";") if p in children
    }  # fmt: skip
    return exploited | flagged


def planted(borough: Path) -> tuple[set[str], set[str]]:
    networks = _truth(borough, "networks")
    adults = {a for n in networks for a in n["adult_ids"].split(";") if a}
    places = {p.upper() for n in networks for p in n["places"].split(";") if p}
    return adults, places


def _precision_recall(found: set[str], truth: set[str]) -> dict[str, Any]:
    hits = len(found & truth)
    return {"alerted": len(found), "planted": len(truth), "true_alerts": hits,
            "precision": round(hits / len(found), 3) if found else None,
            "recall": round(hits / len(truth), 3) if truth else None}  # fmt: skip


def run_recovery(borough: Path, min_children: int) -> dict[str, Any]:
    started = time.perf_counter()
    graph = build_entity_graph(analysis_tables_from_borough(borough))
    children = children_with_indicators(borough)
    alerts = network_alerts(graph, children, min_children)
    networks = alert_networks(graph, alerts, children)
    seconds = time.perf_counter() - started
    adults, places = planted(borough)
    alerted_adults = {a.entity_id for a in alerts if a.entity_kind == "person"}
    alerted_places = {a.label.upper() for a in alerts if a.entity_kind == "place"}
    members = [m for n in networks for m in n.members]
    network_adults = alerted_adults | {m.entity_id for m in members if m.entity_kind == "person"}
    network_places = alerted_places | {m.label.upper() for m in members if m.entity_kind == "place"}
    recorded_places = {v["label"].upper() for v in graph.graph.vs.select(kind_eq="place")}
    kinds = sorted({a.entity_kind for a in alerts})
    return {
        "mode": "recovery", "borough": str(borough), "min_children": min_children,
        "children_with_indicators": len(children), "alerts": len(alerts),
        "alerts_by_kind": {k: sum(a.entity_kind == k for a in alerts) for k in kinds},
        "adults": _precision_recall(alerted_adults, adults),
        "places": _precision_recall(alerted_places, places),
        "alert_networks": len(networks),
        "network_adults": _precision_recall(network_adults, adults),
        "network_places": _precision_recall(network_places, places),
        "planted_places_in_records": len(places & recorded_places),
        "seconds": round(seconds, 1), "peak_rss_mb": _peak_rss_mb(),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["scale", "recovery"])
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--borough", type=Path, default=None)
    parser.add_argument("--children", type=int, default=20_000)
    parser.add_argument("--min-children", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.mode == "scale":
        print(json.dumps(run_scale(args.links, args.seed)))
        return
    borough = args.borough or _generate(args.children, args.seed)
    print(json.dumps(run_recovery(borough, args.min_children)))


def _generate(children: int, seed: int) -> Path:
    from joinedup.synth import generate_borough

    out = Path(tempfile.mkdtemp(prefix="bench-network-"))
    generate_borough(out, children=children, years=(1985, 2025), seed=seed)
    return out


if __name__ == "__main__":
    main()
