"""A server-rendered SVG chart of a protected table: one row per theme, one small bar per
period, each bar labelled with its published value (a suppressed cell draws no bar and
shows its symbol), so nothing is told by colour or length alone. The template
(themes/_chart.html) draws it; the table beside it holds the same figures."""

from __future__ import annotations

from dataclasses import dataclass

from joinedup.web.themes.services.protect import ProtectedTable

__all__ = ["Bar", "Chart", "chart_of"]

LABEL_WIDTH = 260
CELL_WIDTH = 64
ROW_HEIGHT = 26
HEADER = 30
BAR_MAX = 44


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    text: str
    text_x: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    headers: list[tuple[int, str]]
    rows: list[tuple[int, str]]
    bars: list[Bar]
    lines: list[int]


def chart_of(table: ProtectedTable, columns: list[str]) -> Chart:
    """Bars for `columns` of the table, scaled to the largest published value."""
    index = [table.columns.index(c) for c in columns]
    numbers = [int(v) for _, values in table.rows for i in index if (v := values[i]).isdigit()]
    top = max(numbers, default=0) or 1
    bars: list[Bar] = []
    for r, (_, values) in enumerate(table.rows):
        y = HEADER + r * ROW_HEIGHT
        for c, i in enumerate(index):
            x = LABEL_WIDTH + c * CELL_WIDTH
            value = values[i]
            width = round(BAR_MAX * int(value) / top) if value.isdigit() else 0
            bars.append(Bar(x + 2, y + 6, width, value, x + 2 + width + 3))
    headers = [(LABEL_WIDTH + c * CELL_WIDTH + 2, name) for c, name in enumerate(columns)]
    rows = [
        (HEADER + r * ROW_HEIGHT + 18, " / ".join(labels))
        for r, (labels, _) in enumerate(table.rows)
    ]
    lines = [HEADER + r * ROW_HEIGHT for r in range(len(table.rows) + 1)]
    return Chart(
        LABEL_WIDTH + len(columns) * CELL_WIDTH + 24,
        HEADER + len(table.rows) * ROW_HEIGHT + 4,
        headers,
        rows,
        bars,
        lines,
    )
