"""An intruder written apart from joinedup.disclosure and joinedup.transparency.

It reads only what the public site publishes — each table's name (figure and year), its
header, its row labels and the published text — and what the profile says publicly. A
cell is named by its figure, year and the non-Total labels that select it, so the same
count published in two tables is one unknown. It knows that a Total row or column is the
sum of the rows or columns it totals, and, as an insider might, it may be told that one
publication's counts are never below another's (a correction only adds records). It then
asks a whole-number solver for the smallest and largest count of every hidden cell.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

Cell = tuple[str, str, str, frozenset[tuple[str, str]]]  # release, figure, year, labels

# What each profile says publicly: the suppressed band, the rounding base, its symbols.
RULES = {"nhs": (1, 7, 5, "*"), "ons10": (1, 9, 5, "c"), "dfe": (1, 5, None, "c")}


def possible(text: str, profile: str) -> tuple[float, float]:
    low_band, high_band, base, _ = RULES[profile]
    if not text.isdigit():
        return 0.0, math.inf
    shown = int(text)
    if not base:
        return float(shown), float(shown)
    could = [
        x
        for x in range(max(0, shown - base), shown + base)
        if (x + base // 2) // base * base == shown and not low_band <= x <= high_band
    ]
    return float(min(could)), float(max(could))


def cells_of(release: str, table: Mapping[str, Any]) -> dict[tuple[int, int], Cell]:
    figure, year, _ = table["name"].split(" ", 2)
    labels, columns = table["label_columns"], table["count_columns"]
    found = {}
    for r, row in enumerate(table["rows"]):
        for c, column in enumerate(columns):
            chosen = {
                (v, lbl) for v, lbl in zip(labels, row["labels"], strict=True) if lbl != "Total"
            }
            if column != "Total" and len(columns) > 1:
                chosen.add((table["column_variable"], column))
            found[r, c] = (release, figure, year, frozenset(chosen))
    return found


def relations_of(release: str, table: Mapping[str, Any]) -> list[tuple[Cell, list[Cell]]]:
    names = cells_of(release, table)
    rows, columns = table["rows"], table["count_columns"]
    found = []
    for r, row in enumerate(rows):
        for j, label in enumerate(row["labels"]):
            if label != "Total":
                continue
            parts = [
                p
                for p, other in enumerate(rows)
                if other["labels"][j] != "Total"
                and all(
                    other["labels"][k] == row["labels"][k]
                    for k in range(len(row["labels"]))
                    if k != j
                )
            ]
            for c in range(len(columns)):
                found.append((names[r, c], [names[p, c] for p in parts]))
        if "Total" in columns and len(columns) > 1:
            total = columns.index("Total")
            found.append(
                (names[r, total], [names[r, c] for c in range(len(columns)) if c != total])
            )
    return found


def attack(
    releases: Mapping[str, Sequence[Mapping[str, Any]]],
    profile: str,
    never_below: Iterable[tuple[str, str]] = (),
) -> dict[Cell, tuple[int, float]]:
    """For every hidden cell of every release, the (smallest, largest) count possible.
    `never_below` holds (earlier, later) release pairs: every later count >= the earlier."""
    ranges: dict[Cell, tuple[float, float]] = {}
    hidden: set[Cell] = set()
    equations: list[tuple[Cell, list[Cell]]] = []
    for release, tables in releases.items():
        for table in tables:
            for (r, c), cell in cells_of(release, table).items():
                text = str(table["rows"][r]["values"][c])
                low, high = possible(text, profile)
                old = ranges.get(cell, (0.0, math.inf))
                ranges[cell] = (max(low, old[0]), min(high, old[1]))
                if not text.isdigit():
                    hidden.add(cell)
            equations += relations_of(release, table)
    order = sorted(ranges, key=repr)
    index = {cell: n for n, cell in enumerate(order)}
    rows = [{index[t]: -1.0, **{index[p]: 1.0 for p in parts}} for t, parts in equations]
    lower_bounds = []
    for earlier, later in never_below:
        for cell in order:
            if cell[0] == later and (earlier, *cell[1:]) in index:
                rows.append({index[cell]: 1.0, index[(earlier, *cell[1:])]: -1.0})
                lower_bounds.append(len(rows) - 1)
    matrix = np.zeros((max(len(rows), 1), len(order)))
    for n, coefficients in enumerate(rows):
        for j, value in coefficients.items():
            matrix[n, j] = value
    row_low = np.zeros(matrix.shape[0])
    row_high = np.array([math.inf if n in lower_bounds else 0.0 for n in range(matrix.shape[0])])
    constraint = LinearConstraint(matrix, row_low, row_high)
    bounds = Bounds([ranges[c][0] for c in order], [ranges[c][1] for c in order])
    found = {}
    for cell in sorted(hidden, key=repr):
        extremes = []
        for sign in (1.0, -1.0):
            objective = np.zeros(len(order))
            objective[index[cell]] = sign
            done = milp(objective, integrality=np.ones(len(order)), bounds=bounds,
                        constraints=constraint)  # fmt: skip
            extremes.append(math.inf if done.x is None else round(float(done.x[index[cell]])))
        found[cell] = (int(extremes[0]), extremes[1])
    return found


def cell(release: str, figure: str, year: str, **labels: str) -> Cell:
    return (release, figure, year, frozenset(labels.items()))
