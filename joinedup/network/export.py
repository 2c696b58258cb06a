"""Export the entity graph as GraphML and as CSV that i2 Analyst's Notebook imports.

GraphML (igraph's writer) keeps every vertex and edge attribute as a string, plus each
edge's `sources`: the event ids behind it, ';'-joined.

The i2 CSV export is two files, imported with an i2 import specification (Import Data,
"Entities and links" design):

- `entities.csv`: `Entity ID` (identity), `Entity Type` (i2 type: Person, Location,
  Vehicle, Telephone, Organisation), `Label`.
- `links.csv`: `From ID`, `To ID` (identities of the two ends), `Link Type`,
  `Date First`, `Date Last` (ISO dates, blank when unknown), `Grade` (the 3x5x2 code
  of the link), `Grade 1` (source evaluation 1-3), `Grade 2` (intelligence assessment
  A-E), `Grade 3` (handling code P/C) and `Source References` (the
  'AGENCY:source_id' event ids, ';'-joined).

i2 keeps three grade fields on every item; map `Grade 1`-`Grade 3` to them after setting
the chart's grading system to 3x5x2 (1-3, A-E, P/C). See docs/network.md.
"""

from __future__ import annotations

import csv
from pathlib import Path

import igraph as ig

from joinedup.network.grades import split_grade
from joinedup.network.graph import EntityGraph

__all__ = ["I2_ENTITY_TYPES", "export_graphml", "export_i2_csv"]

I2_ENTITY_TYPES = {
    "person": "Person",
    "place": "Location",
    "vehicle": "Vehicle",
    "phone": "Telephone",
    "organisation": "Organisation",
}

ENTITY_COLUMNS = ["Entity ID", "Entity Type", "Label"]
LINK_COLUMNS = [
    "From ID", "To ID", "Link Type", "Date First", "Date Last", "Grade",
    "Grade 1", "Grade 2", "Grade 3", "Source References",
]  # fmt: skip


def export_graphml(graph: EntityGraph, path: Path) -> Path:
    """Write the graph as GraphML with every attribute as a string."""
    copy = graph.graph.copy()
    for sequence in (copy.vs, copy.es):
        for attribute in sequence.attributes():
            sequence[attribute] = [_text(value) for value in sequence[attribute]]
    copy.es["sources"] = [_sources(graph, e) for e in range(copy.ecount())]
    copy.write_graphml(str(path))
    return path


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _sources(graph: EntityGraph, edge: int) -> str:
    return ";".join(p.event_id for p in graph.provenance(edge))


def export_i2_csv(graph: EntityGraph, folder: Path) -> tuple[Path, Path]:
    """Write entities.csv and links.csv for i2 Analyst's Notebook into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    entities, links = folder / "entities.csv", folder / "links.csv"
    _write(entities, ENTITY_COLUMNS, _entity_rows(graph.graph))
    _write(links, LINK_COLUMNS, _link_rows(graph))
    return entities, links


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _entity_rows(g: ig.Graph) -> list[list[str]]:
    return [[v["name"], I2_ENTITY_TYPES[v["kind"]], v["label"]] for v in g.vs]


def _link_rows(graph: EntityGraph) -> list[list[str]]:
    names = graph.graph.vs["name"]
    return [
        [names[e.source], names[e.target], e["link_type"], e["first_seen"], e["last_seen"],
         e["grade"], *split_grade(e["grade"]), _sources(graph, e.index)]
        for e in graph.graph.es
    ]  # fmt: skip
