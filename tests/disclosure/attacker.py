"""An intruder written apart from joinedup.disclosure, for one published 2-D table.

It reads only the published grid: a row labelled Total is the sum of the rows above it, a
column headed Total the sum of the columns to its left. A suppressed symbol is any count of
0 or more; a number is its rounding range (less the counts the profile would have
suppressed or marked, which the profile says publicly). It returns, for every symbol cell,
the smallest and largest whole count consistent with everything published.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


def possible_counts(text: str, base: int | None, hidden: set[int]) -> tuple[float, float]:
    """The counts that could be behind a published number (or a symbol)."""
    if not text.isdigit():
        return 0.0, math.inf
    shown = int(text)
    if not base:
        return float(shown), float(shown)
    could = [
        x
        for x in range(max(0, shown - base), shown + base)
        if (x + base // 2) // base * base == shown and x not in hidden
    ]
    return float(min(could)), float(max(could))


def attack(
    grid: Sequence[Sequence[str]],
    row_is_total: Sequence[bool],
    column_is_total: Sequence[bool],
    base: int | None,
    hidden: set[int],
) -> dict[tuple[int, int], tuple[int, float]]:
    rows, columns = len(grid), len(grid[0])
    index = {(r, c): r * columns + c for r in range(rows) for c in range(columns)}
    equations = []
    inner_rows = [r for r in range(rows) if not row_is_total[r]]
    inner_columns = [c for c in range(columns) if not column_is_total[c]]
    for r in range(rows):
        for c in (c for c in range(columns) if column_is_total[c]):
            equations.append((index[r, c], [index[r, k] for k in inner_columns]))
    for c in range(columns):
        for r in (r for r in range(rows) if row_is_total[r]):
            equations.append((index[r, c], [index[k, c] for k in inner_rows]))
    matrix = np.zeros((max(len(equations), 1), rows * columns))
    for e, (total, parts) in enumerate(equations):
        matrix[e, parts] = 1.0
        matrix[e, total] = -1.0
    ranges = [
        possible_counts(grid[r][c], base, hidden) for r in range(rows) for c in range(columns)
    ]
    bounds = Bounds([low for low, _ in ranges], [high for _, high in ranges])
    found = {}
    for (r, c), j in index.items():
        if grid[r][c].isdigit():
            continue
        extremes = []
        for sign in (1.0, -1.0):
            objective = np.zeros(rows * columns)
            objective[j] = sign
            done = milp(objective, integrality=np.ones(rows * columns), bounds=bounds,
                        constraints=LinearConstraint(matrix, 0.0, 0.0))  # fmt: skip
            if done.x is None:  # the truth is a solution, so this is "unbounded"
                assert "unbounded" in done.message.lower(), done.message
                extremes.append(math.inf)
            else:
                extremes.append(round(float(done.x[j])))
        found[r, c] = (int(extremes[0]), extremes[1])
    return found
