"""A table of counts as a person lays it out, and the same table as published.

Rows are labelled by one or more label columns; the count columns follow. A row with
`Total` in a label column is the margin over that column's variable, and a count column
headed `Total` is the margin over the columns; `Total` is matched without regard to case or
surrounding spaces. `fixed` names the slice a whole table shows (for example
`(("year", "2024"),)`), so tables of different years or subsets link up (cells.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from joinedup.disclosure.cells import CellKey, key_of

__all__ = ["COLUMNS", "CountTable", "Layout", "PublishedTable", "is_total"]

COLUMNS = ""
"""The variable the count columns stand for, unless a table names it."""


def is_total(label: str) -> bool:
    return label.strip().casefold() == "total"


@dataclass(frozen=True)
class Layout:
    """How a table is laid out: its labels and headers, not its numbers."""

    name: str
    label_columns: tuple[str, ...]
    count_columns: tuple[str, ...]
    row_labels: tuple[tuple[str, ...], ...]
    column_variable: str = COLUMNS
    fixed: tuple[tuple[str, str], ...] = ()
    _keys: dict[tuple[int, int], CellKey] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.column_variable in self.label_columns:
            raise ValueError(f"{self.name}: the column variable is also a label column")
        if any(len(labels) != len(self.label_columns) for labels in self.row_labels):
            raise ValueError(f"{self.name}: a row's labels do not match the label columns")

    def key(self, row: int, column: int) -> CellKey:
        """The CellKey of the count at (row, column), both from 0."""
        found = self._keys.get((row, column))
        if found is None:
            pairs = [*zip(self.label_columns, self.row_labels[row], strict=True)]
            pairs.append((self.column_variable, self.count_columns[column]))
            found = key_of([*self.fixed, *((v, c) for v, c in pairs if not is_total(c))])
            self._keys[(row, column)] = found
        return found

    def positions(self) -> list[tuple[int, int]]:
        return [(r, c) for r in range(len(self.row_labels)) for c in range(len(self.count_columns))]

    def row_name(self, row: int) -> str:
        """The row as a person reads it: its labels joined by " / "."""
        return " / ".join(self.row_labels[row])


@dataclass(frozen=True)
class CountTable:
    """One table of whole, non-negative counts."""

    layout: Layout
    counts: tuple[tuple[int, ...], ...]

    def __post_init__(self) -> None:
        if len(self.layout.row_labels) != len(self.counts):
            raise ValueError(f"{self.layout.name}: one row of labels per row of counts")
        for row in self.counts:
            if len(row) != len(self.layout.count_columns):
                raise ValueError(f"{self.layout.name}: a row does not match the header")
            if any(c < 0 for c in row):
                raise ValueError(f"{self.layout.name}: counts are never negative")

    @classmethod
    def from_rows(
        cls,
        name: str,
        label_columns: Sequence[str],
        count_columns: Sequence[str],
        rows: Sequence[tuple[Sequence[str], Sequence[int]]],
        *,
        column_variable: str = COLUMNS,
        fixed: Sequence[tuple[str, str]] = (),
    ) -> CountTable:
        """`rows` are (labels, counts) pairs, e.g. (("Asian",), (3, 20, 23))."""
        layout = Layout(
            name,
            tuple(label_columns),
            tuple(count_columns),
            tuple(tuple(labels) for labels, _ in rows),
            column_variable,
            tuple(fixed),
        )
        return cls(layout, tuple(tuple(int(c) for c in counts) for _, counts in rows))

    @property
    def name(self) -> str:
        return self.layout.name

    def count(self, row: int, column: int) -> int:
        return self.counts[row][column]


@dataclass(frozen=True)
class PublishedTable:
    """A table as published: every count replaced by a number or a symbol."""

    layout: Layout
    values: tuple[tuple[str, ...], ...]

    @property
    def name(self) -> str:
        return self.layout.name

    def value(self, row: str, column: str) -> str:
        """The published text in the row named `row` (labels joined by " / ") and `column`."""
        names = [self.layout.row_name(r) for r in range(len(self.layout.row_labels))]
        return self.values[names.index(row)][self.layout.count_columns.index(column)]
