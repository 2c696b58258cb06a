"""Server-rendered bar charts (SVG), drawn from published text only.

A chart is decoration for sighted readers: the table beside it is the accessible version,
so the SVG is `role="img"` with a title and a description that says so. A suppressed value
has no bar; its symbol is written where the bar would be, with the words "not published".
No scripts, no styles (the site's Content-Security-Policy allows neither inline).
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

__all__ = ["bar_chart_svg"]

WIDTH = 480
BAR_AREA = 360
ROW = 46
BAR = 20
BLUE = "#1d70b8"  # GOV.UK blue: contrast 5.2:1 on white
TEXT = "#0b0c0c"


def bar_chart_svg(
    chart_id: str, title: str, labels: Sequence[str], values: Sequence[str], description: str
) -> str:
    """A horizontal bar per label; `values` are the published texts (numbers or symbols)."""
    numbers = [int(v) for v in values if v.isdigit()]
    top = max(numbers, default=0) or 1
    height = ROW * len(labels) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" '
        f'width="100%" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for n, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = ROW * n + 16
        parts.append(f'<text x="0" y="{y}" font-size="16" fill="{TEXT}">{escape(label)}</text>')
        if value.isdigit():
            width = round(BAR_AREA * int(value) / top) if int(value) else 0
            if width:
                parts.append(f'<rect x="0" y="{y + 6}" width="{width}" height="{BAR}" '
                             f'fill="{BLUE}"/>')  # fmt: skip
            parts.append(_value(width + 6, y + 21, value))
        else:
            parts.append(_value(0, y + 21, f"{value} (not published)"))
    parts.append("</svg>")
    return "\n".join(parts)


def _value(x: int, y: int, text: str) -> str:
    return (
        f'<text x="{x}" y="{y}" font-size="16" font-weight="bold" fill="{TEXT}" '
        f"data-value={quoteattr(text)}>{escape(text)}</text>"
    )
