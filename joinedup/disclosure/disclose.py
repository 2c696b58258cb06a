"""Publish one table, or several linked tables, under a profile: `disclose_table`,
`disclose_linked` → `DisclosureResult` (the published tables, a reason for every cell the
profile touched, and the profile's name and version).

Linked tables are protected together: a cell that appears in several tables (the same
year's total, a subset of another table, last year's figures) is one cell, suppressed in
all or none, and secondary suppression sees every relation between them. Tables that are
already out (`published_before`) keep what they showed; the new ones work around them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from joinedup.disclosure.cells import CellKey, Hierarchies, Relation, find_relations, unbalanced
from joinedup.disclosure.errors import TableProblems
from joinedup.disclosure.profiles import Level, Profile, load_profile
from joinedup.disclosure.rules import (
    TreatedCount,
    Treatment,
    published_range,
    reason_for,
    treat_count,
)
from joinedup.disclosure.secondary import SuppressionProblem, choose_suppressed_cells
from joinedup.disclosure.tables import CountTable, PublishedTable
from joinedup.errors import RowProblem

__all__ = ["CellReason", "DisclosureResult", "disclose_linked", "disclose_table"]

Place = tuple[int, int, int]  # table, row, column (from 0)


@dataclass(frozen=True, slots=True)
class CellReason:
    """Why one published cell differs from the count behind it (never the count itself)."""

    table: str
    row: str
    column: str
    reason: str


@dataclass(frozen=True)
class DisclosureResult:
    profile_id: str
    level: str
    tables: tuple[PublishedTable, ...]
    reasons: tuple[CellReason, ...]
    primary_cells: int
    secondary_cells: int

    @property
    def table(self) -> PublishedTable:
        """The first (for `disclose_table`, the only) published table."""
        return self.tables[0]


def disclose_table(
    table: CountTable, profile: Profile | str, level: str | None = None
) -> DisclosureResult:
    """`table` as published under `profile` (a Profile or a shipped name: nhs, ons10, dfe)."""
    return disclose_linked([table], profile, level)


def disclose_linked(
    tables: Sequence[CountTable],
    profile: Profile | str,
    level: str | None = None,
    *,
    hierarchies: Hierarchies | None = None,
    published_before: Mapping[str, PublishedTable] | None = None,
) -> DisclosureResult:
    """Every table in `tables` published consistently, so no table or difference between
    tables gives away a suppressed cell. `published_before` maps a table's name to what
    was published for it earlier; those cells keep their suppression."""
    chosen = profile if isinstance(profile, Profile) else load_profile(profile)
    rules = chosen.level(level)
    counts, places = _cells(tables)
    relations = find_relations(counts, hierarchies)
    _check_totals(tables, places, counts, relations)
    treated = {key: treat_count(value, rules) for key, value in counts.items()}
    pinned = _pinned(tables, places, published_before or {}, rules)
    suppressed = _suppress(counts, treated, relations, rules, pinned)
    writer = _Writer(tables, places, relations, treated, suppressed, rules, chosen.id)
    return DisclosureResult(
        profile_id=chosen.id,
        level=rules.name,
        tables=tuple(writer.published(t) for t in range(len(tables))),
        reasons=tuple(r for t in range(len(tables)) for r in writer.reasons(t)),
        primary_cells=sum(t.treatment is Treatment.PRIMARY for t in treated.values()),
        secondary_cells=len(suppressed)
        - sum(t.treatment is Treatment.PRIMARY for t in treated.values()),
    )


def _cells(tables: Sequence[CountTable]) -> tuple[dict[CellKey, int], dict[CellKey, list[Place]]]:
    counts: dict[CellKey, int] = {}
    places: dict[CellKey, list[Place]] = defaultdict(list)
    problems = []
    for t, table in enumerate(tables):
        for row, column in table.layout.positions():
            key, value = table.layout.key(row, column), table.count(row, column)
            place, earlier = (t, row, column), places.get(key, [])
            if key in counts and counts[key] != value:
                expected = f"{counts[key]}, the same cell as {_where(tables, earlier[0])}"
                problems.append(_problem(tables, place, str(value), expected))
            elif any(p[0] == t for p in earlier):
                expected = f"a row and column not used before ({_where(tables, earlier[0])})"
                problems.append(_problem(tables, place, table.layout.row_name(row), expected))
            counts.setdefault(key, value)
            places[key].append((t, row, column))
    if problems:
        raise TableProblems(problems)
    return counts, places


def _check_totals(
    tables: Sequence[CountTable],
    places: Mapping[CellKey, list[Place]],
    counts: Mapping[CellKey, int],
    relations: Sequence[Relation],
) -> None:
    problems, seen = [], set()
    for relation in unbalanced(relations, counts):
        place = places[relation.total][0]
        if place in seen:
            continue
        seen.add(place)
        expected = sum(counts[p] for p in relation.parts)
        what = _describe(tables, places, relation, place[0])
        problems.append(
            _problem(tables, place, str(counts[relation.total]), f"{expected}, the sum of {what}")
        )
    if problems:
        raise TableProblems(problems)


def _pinned(
    tables: Sequence[CountTable],
    places: Mapping[CellKey, list[Place]],
    before: Mapping[str, PublishedTable],
    rules: Level,
) -> dict[CellKey, bool]:
    names = [t.name for t in tables]
    pinned: dict[CellKey, bool] = {}
    for name, published in before.items():
        if name not in names:
            raise ValueError(f"published_before names {name!r}, which is not among the tables")
        t = names.index(name)
        for key, spots in places.items():
            for _, row, column in (p for p in spots if p[0] == t):
                pinned[key] = published.values[row][column] == rules.symbol
    return pinned


def _suppress(
    counts: Mapping[CellKey, int],
    treated: Mapping[CellKey, TreatedCount],
    relations: Sequence[Relation],
    rules: Level,
    pinned: Mapping[CellKey, bool],
) -> set[CellKey]:
    keys = sorted(counts)
    primary = {k for k in keys if treated[k].treatment is Treatment.PRIMARY}
    if not rules.suppresses or not primary:
        return primary
    index = {key: j for j, key in enumerate(keys)}
    problem = SuppressionProblem(
        counts=[counts[k] for k in keys],
        published_ranges=[
            (counts[k], counts[k]) if k in primary else _finite(treated[k], rules) for k in keys
        ],
        relations=[(index[r.total], [index[p] for p in r.parts]) for r in relations],
        primary=sorted(index[k] for k in primary),
        protection=rules.protection,
        pinned={index[k]: v for k, v in pinned.items()},
    )
    return {keys[j] for j in choose_suppressed_cells(problem)}


def _finite(treated: TreatedCount, rules: Level) -> tuple[int, int]:
    low, high = published_range(treated.text, rules)
    assert high is not None
    return low, high


class _Writer:
    """Writes the published tables and the reasons, cell by cell."""

    def __init__(
        self,
        tables: Sequence[CountTable],
        places: Mapping[CellKey, list[Place]],
        relations: Sequence[Relation],
        treated: Mapping[CellKey, TreatedCount],
        suppressed: set[CellKey],
        rules: Level,
        profile_id: str,
    ) -> None:
        self.tables, self.places, self.treated = tables, places, treated
        self.suppressed, self.rules, self.profile_id = suppressed, rules, profile_id
        self.relations = relations
        self.totals = {r.total for r in relations}
        self.touching: dict[CellKey, list[Relation]] = defaultdict(list)
        for relation in relations:
            for key in (relation.total, *relation.parts):
                self.touching[key].append(relation)

    def text(self, key: CellKey) -> str:
        if key in self.suppressed:
            return str(self.rules.symbol)
        return self.treated[key].text

    def published(self, t: int) -> PublishedTable:
        layout = self.tables[t].layout
        values = tuple(
            tuple(self.text(layout.key(r, c)) for c in range(len(layout.count_columns)))
            for r in range(len(layout.row_labels))
        )
        return PublishedTable(layout, values)

    def reasons(self, t: int) -> list[CellReason]:
        layout = self.tables[t].layout
        found = []
        for row, column in layout.positions():
            reason = self.reason(layout.key(row, column), t)
            if reason:
                found.append(CellReason(layout.name, layout.row_name(row),
                                        layout.count_columns[column], reason))  # fmt: skip
        return found

    def reason(self, key: CellKey, t: int) -> str | None:
        treatment = self.treated[key].treatment
        if key in self.suppressed and treatment is not Treatment.PRIMARY:
            return self.secondary_reason(key, t)
        return reason_for(treatment, self.rules, self.profile_id, key in self.totals)

    def secondary_reason(self, key: CellKey, t: int) -> str:
        protecting = [
            r for r in self.touching[key]
            if any(k != key and k in self.suppressed for k in (r.total, *r.parts))
        ]  # fmt: skip
        described = list(dict.fromkeys(
            _describe(self.tables, self.places, r, t) for r in protecting
        ))[:3]  # fmt: skip
        what = " and ".join(described) if described else "other suppressed cells"
        return f"secondary: protects the suppressed cells of {what} ({self.profile_id})"


def _describe(
    tables: Sequence[CountTable],
    places: Mapping[CellKey, list[Place]],
    relation: Relation,
    t: int,
) -> str:
    """A relation as a person reads it, from table `t` where the total is there."""
    spots = places[relation.total]
    here = [p for p in spots if p[0] == t] or spots
    table_index, row, column = here[0]
    layout = tables[table_index].layout
    suffix = "" if table_index == t else f" of table '{layout.name}'"
    if relation.variable == layout.column_variable:
        return f"row '{layout.row_name(row)}'{suffix}"
    if relation.variable in layout.label_columns and len(layout.label_columns) == 1:
        return f"column '{layout.count_columns[column]}'{suffix}"
    if relation.variable in layout.label_columns:
        return f"column '{layout.count_columns[column]}' in rows '{layout.row_name(row)}'{suffix}"
    return (
        f"the total at row '{layout.row_name(row)}', column "
        f"'{layout.count_columns[column]}' of table '{layout.name}' (by {relation.variable})"
    )


def _where(tables: Sequence[CountTable], place: Place) -> str:
    t, row, column = place
    layout = tables[t].layout
    return f"{layout.name}, row {row + 2}, field {layout.count_columns[column]!r}"


def _problem(tables: Sequence[CountTable], place: Place, found: str, expected: str) -> RowProblem:
    t, row, column = place
    layout = tables[t].layout
    return RowProblem(layout.name, row + 2, layout.count_columns[column], found, expected)
