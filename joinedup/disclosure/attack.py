"""Attack a publication the way an intruder would, from the published tables alone.

Every published figure gives a range (exact, or its rounding range; a suppressed cell is
0 or more); a cell published in several tables gets the intersection of its ranges; every
relation among the published cells (cells.py) holds. The attacker then asks, for each
suppressed cell, for the smallest and largest count consistent with all of that, as whole
numbers (`scipy.optimize.milp`, HiGHS). Use it to audit a release before it goes out:
`feasible_ranges(result.tables, profile.level(result.level))`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array

from joinedup.disclosure.cells import CellKey, Hierarchies, find_relations, relation_matrix
from joinedup.disclosure.profiles import Level
from joinedup.disclosure.rules import published_range
from joinedup.disclosure.tables import PublishedTable

__all__ = ["Range", "feasible_ranges", "published_ranges"]

Range = tuple[int, int | None]
"""The smallest and largest count an attacker cannot rule out (None: no upper limit)."""


def published_ranges(tables: Sequence[PublishedTable], level: Level) -> dict[CellKey, Range]:
    """What the published text says about each cell, intersected across tables."""
    ranges: dict[CellKey, Range] = {}
    for table in tables:
        for row, column in table.layout.positions():
            key = table.layout.key(row, column)
            low, high = published_range(table.values[row][column], level)
            if key in ranges:
                low = max(low, ranges[key][0])
                high = _least(high, ranges[key][1])
            ranges[key] = (low, high)
    return ranges


def feasible_ranges(
    tables: Sequence[PublishedTable],
    level: Level,
    hierarchies: Hierarchies | None = None,
    *,
    whole_numbers: bool = True,
) -> dict[CellKey, Range]:
    """For every cell published as a symbol, the range an attacker can narrow it to."""
    ranges = published_ranges(tables, level)
    keys = sorted(ranges)
    index = {key: j for j, key in enumerate(keys)}
    relations = find_relations(keys, hierarchies)
    matrix = relation_matrix(
        [(index[r.total], [index[p] for p in r.parts]) for r in relations], len(keys)
    )
    low = np.array([ranges[k][0] for k in keys], dtype=np.float64)
    high = np.array([np.inf if ranges[k][1] is None else ranges[k][1] for k in keys])
    hidden = [
        key
        for table in tables
        for r, c in table.layout.positions()
        if not _is_number(table.values[r][c])
        for key in [table.layout.key(r, c)]
    ]
    found: dict[CellKey, Range] = {}
    for key in dict.fromkeys(hidden):
        smallest = _extreme(index[key], -1, matrix, low, high, whole_numbers)
        found[key] = (smallest or 0, _extreme(index[key], 1, matrix, low, high, whole_numbers))
    return found


def _extreme(
    cell: int,
    direction: int,
    matrix: csr_array,
    low: NDArray[np.float64],
    high: NDArray[np.float64],
    whole_numbers: bool,
) -> int | None:
    """The largest (direction 1) or smallest (-1) value of `cell`; None when unbounded.
    The linear programme first; whole numbers only when its best point is fractional."""
    objective = np.zeros(len(low))
    objective[cell] = -direction
    bounds = np.column_stack([low, high])
    done = linprog(objective, A_eq=matrix, b_eq=np.zeros(matrix.shape[0]), bounds=bounds,
                   method="highs-ds", options={"presolve": False})  # fmt: skip
    if done.status == 3:
        return None
    if done.status != 0:
        raise ValueError(f"the published tables are inconsistent: {done.message}")
    if whole_numbers and not np.allclose(done.x, np.round(done.x), atol=1e-6):
        done = milp(objective, integrality=np.ones(len(low)), bounds=Bounds(low, high),
                    constraints=LinearConstraint(matrix, 0.0, 0.0))  # fmt: skip
    value = float(done.x[cell])
    return int(np.floor(value + 1e-6)) if direction > 0 else int(np.ceil(value - 1e-6))


def _least(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else min(a, b)


def _is_number(text: str) -> bool:
    return text.strip().lstrip("-").isdigit()
