"""The analysis tables and entity graph of the system of record, kept while unchanged.

Building the tables reads every event, participant and record (web/analysis/sync.py),
and the child's pages need them on every request. They change only when an import or
a linkage run writes, so they are kept in memory under a stamp (the latest import
batch and linkage run, and the number of links) and rebuilt when the stamp moves.

The network and the contexts must not be drawn from events a reader may not see: a
link that only a police crime report shows is not shown to a school. So for each
reader's entitlements a second set is kept: the events that reader may see, with
their participants and entities, and no narratives (`network_tables`, `network_graph`).
"""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa
import pyarrow.compute as pc

from joinedup.analysis.borough import AnalysisTables
from joinedup.chronology import Entitlements
from joinedup.chronology.entitlements import reason_withheld
from joinedup.network import EntityGraph, build_entity_graph
from joinedup.web.analysis.sync import analysis_tables_from_database
from joinedup.web.people.models import LinkageRun, PersonLink
from joinedup.web.records.models import ImportBatch

__all__ = [
    "analysis_tables",
    "forget_cached_tables",
    "network_graph",
    "network_tables",
    "records_stamp",
]

Stamp = tuple[object, ...]


def records_stamp() -> Stamp:
    """What changes whenever the analysis tables would: imports, linkage runs, links."""
    batch = ImportBatch.objects.order_by("-pk").values_list("pk", "finished_at").first()
    run = LinkageRun.objects.order_by("-pk").values_list("pk", "started_at").first()
    return (batch, run, PersonLink.objects.count())


def analysis_tables() -> AnalysisTables:
    """Every event, participant, person, entity and source record, as the core reads them."""
    return _tables_at(records_stamp())


def network_tables(reader: Entitlements) -> AnalysisTables:
    """The analysis tables cut down to the events `reader` may see, without narratives."""
    return _network_tables_at(records_stamp(), reader)


def network_graph(reader: Entitlements) -> EntityGraph:
    """The entity graph of the events `reader` may see."""
    return _network_graph_at(records_stamp(), reader)


def forget_cached_tables() -> None:
    """Drop every cached table and graph (for tests that change records in place)."""
    for cached in (_tables_at, _network_tables_at, _network_graph_at):
        cached.cache_clear()


@lru_cache(maxsize=1)
def _tables_at(stamp: Stamp) -> AnalysisTables:
    return analysis_tables_from_database()


@lru_cache(maxsize=8)
def _network_tables_at(stamp: Stamp, reader: Entitlements) -> AnalysisTables:
    tables = _tables_at(stamp)
    events = tables.events.filter(_readable(tables.events, reader))
    events = events.set_column(
        events.schema.get_field_index("narrative"),
        "narrative",
        pa.nulls(events.num_rows, pa.string()),
    )
    ids = events["event_id"]
    return AnalysisTables(
        events=events,
        participants=tables.participants.filter(pc.is_in(tables.participants["event_id"], ids)),
        persons=tables.persons,
        event_entities=tables.event_entities.filter(
            pc.is_in(tables.event_entities["event_id"], ids)
        ),
        sources=tables.sources,
    )


@lru_cache(maxsize=8)
def _network_graph_at(stamp: Stamp, reader: Entitlements) -> EntityGraph:
    return build_entity_graph(_network_tables_at(stamp, reader))


def _readable(events: pa.Table, reader: Entitlements) -> pa.BooleanArray:
    """True for each event the reader may see (the chronology's own rule, per row)."""
    rows = events.select(["agency", "sensitivity"]).to_pylist()
    return pa.array([reason_withheld(row, reader) is None for row in rows], pa.bool_())
