"""Charts: bars for published numbers, none for a symbol, text escaped, no styles."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from joinedup.transparency import bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_per_number_and_a_symbol_written_where_its_bar_would_be() -> None:
    svg = bar_chart_svg("c1", "Referrals by sex", ["Female", "Male <&>"], ["*", "20"], "desc")
    root = ET.fromstring(svg)  # well-formed, with the label escaped
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    bars = root.findall(f"{SVG}rect")
    assert len(bars) == 1 and bars[0].get("width") == "360"
    texts = [t.text for t in root.findall(f"{SVG}text")]
    assert "* (not published)" in texts and "Male <&>" in texts
    assert "style" not in svg  # the Content-Security-Policy forbids inline styles


def test_zeros_draw_no_bar_and_an_empty_chart_does_not_divide_by_zero() -> None:
    root = ET.fromstring(bar_chart_svg("c2", "t", ["A", "B"], ["0", "0"], "d"))
    assert root.findall(f"{SVG}rect") == []
