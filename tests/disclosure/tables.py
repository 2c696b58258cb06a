"""Small synthetic tables of counts for the disclosure tests (no real data)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from joinedup.disclosure import CountTable

SMALL_AND_LARGE = (0, 0, 1, 2, 3, 5, 7, 8, 9, 12, 20, 35, 60)


def with_margins(
    body: Sequence[Sequence[int]],
    row_names: Sequence[str] | None = None,
    column_names: Sequence[str] | None = None,
    *,
    name: str = "table.csv",
    label: str = "Group",
    fixed: Sequence[tuple[str, str]] = (),
    column_variable: str = "",
) -> CountTable:
    """`body` with a Total column and a Total row added."""
    row_names = row_names or [f"R{i + 1}" for i in range(len(body))]
    column_names = column_names or [f"C{j + 1}" for j in range(len(body[0]))]
    rows = [((n,), (*r, sum(r))) for n, r in zip(row_names, body, strict=True)]
    totals = [sum(r[j] for r in body) for j in range(len(column_names))]
    rows.append((("Total",), (*totals, sum(totals))))
    return CountTable.from_rows(
        name, [label], [*column_names, "Total"], rows, fixed=fixed, column_variable=column_variable
    )


def random_body(rows: int, columns: int, seed: int) -> list[list[int]]:
    chooser = random.Random(seed)
    return [[chooser.choice(SMALL_AND_LARGE) for _ in range(columns)] for _ in range(rows)]
