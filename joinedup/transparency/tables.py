"""A figure's counted items, turned into the tables of counts that are protected and
published: one table per breakdown, every category present (0 included), with margins.

An *item* is one thing counted (a referral, a child, a person record), given as its
category for each breakdown variable: `{"sex": "Female", "age_band": "13 to 15", ...}`.
Cells are named so that tables link up (joinedup.disclosure.cells): every table of a figure
and year holds `("figure", id)` and `("year", "2024-25")`, so the Total row of the sex table
and of the ethnic-group table are one cell, and the sex × ethnic-group table's margins are
the one-way tables' cells.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from joinedup.disclosure import CountTable
from joinedup.transparency.definitions import Figure, FigureSet, TableSpec

__all__ = ["MEASURE", "TOTAL", "count_tables", "table_name"]

TOTAL = "Total"
MEASURE = "measure"
"""The column variable of a table whose only count column is the figure itself."""

Item = Mapping[str, str]


def table_name(figure: Figure, year_label: str, spec: TableSpec) -> str:
    """'referrals 2024-25 by-sex': unique within a publication, stable across corrections."""
    return f"{figure.id} {year_label} {spec.slug}"


def count_tables(
    figures: FigureSet, figure: Figure, year_label: str, items: Sequence[Item]
) -> list[CountTable]:
    """Every table of `figure` for the year, from its counted items."""
    return [_table(figures, figure, year_label, spec, items) for spec in figure.tables]


def _table(
    figures: FigureSet, figure: Figure, year_label: str, spec: TableSpec, items: Sequence[Item]
) -> CountTable:
    fixed = (("figure", figure.id), ("year", year_label))
    name = table_name(figure, year_label, spec)
    row_categories = [figures.variables[v].categories for v in spec.rows]
    labels = _row_labels(row_categories, with_totals=spec.columns is None)
    if spec.columns:
        columns = figures.variables[spec.columns].categories
        counted = Counter((*(i[v] for v in spec.rows), i[spec.columns]) for i in items)
        rows = [(row, _column_counts(counted, row, columns)) for row in labels]
        return CountTable.from_rows(name, spec.rows, (*columns, TOTAL), rows,
                                    column_variable=spec.columns, fixed=fixed)  # fmt: skip
    counted = Counter(tuple(i[v] for v in spec.rows) for i in items)
    rows = [(row, (_matching(counted, row),)) for row in labels]
    return CountTable.from_rows(
        name, spec.rows, (figure.column,), rows, column_variable=MEASURE, fixed=fixed
    )


def _row_labels(categories: Sequence[Sequence[str]], *, with_totals: bool) -> list[tuple[str, ...]]:
    """Every combination of categories, each variable's Total after its categories:
    (Female, Asian) … (Female, Total) … (Total, Total)."""
    combos: list[tuple[str, ...]] = [()]
    for options in categories:
        choices = [*options, TOTAL] if with_totals else list(options)
        combos = [(*combo, choice) for combo in combos for choice in choices]
    return combos


def _matching(counted: Counter[tuple[str, ...]], row: tuple[str, ...]) -> int:
    return sum(
        n
        for key, n in counted.items()
        if all(want == TOTAL or want == got for want, got in zip(row, key, strict=True))
    )


def _column_counts(
    counted: Counter[tuple[str, ...]], row: tuple[str, ...], columns: Sequence[str]
) -> tuple[int, ...]:
    values = [_matching(counted, (*row, column)) for column in columns]
    return (*values, sum(values))
