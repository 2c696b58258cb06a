"""Counts by theme and period: how many items (accounts, documents) carry each code in
each decade or year. An account counts in every period it describes
(`period_start_year`..`period_end_year`), a document in the year it is dated; an item
with no dates counts under "Period not known". "Any period" counts each item once.
The table is only ever shown protected (services/protect.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from joinedup.disclosure import CountTable
from joinedup.web.inquiry.models import Inquiry
from joinedup.web.themes.models import Code, Coding
from joinedup.web.themes.services.items import accounts_for_analysis

__all__ = [
    "ANY_PERIOD",
    "KINDS",
    "NOT_KNOWN",
    "UNITS",
    "counts_table",
    "period_label",
    "periods_of",
]

UNITS = {"decade": "Decade", "year": "Year"}
KINDS = {
    "all": "Accounts and documents",
    "accounts": "Accounts only",
    "documents": "Documents only",
}
NOT_KNOWN = "Period not known"
ANY_PERIOD = "Any period"


@dataclass(frozen=True)
class _Coded:
    code_id: int
    item: str
    years: tuple[int, ...]


def period_label(year: int, unit: str) -> str:
    return f"{year // 10 * 10}s" if unit == "decade" else str(year)


def periods_of(years: Iterable[int], unit: str) -> list[str]:
    """Every period from the first year to the last, with none missing in between."""
    found = sorted(set(years))
    if not found:
        return []
    step = 10 if unit == "decade" else 1
    first = found[0] // 10 * 10 if unit == "decade" else found[0]
    return [period_label(y, unit) for y in range(first, found[-1] + 1, step)]


def _span(start: int | None, end: int | None) -> tuple[int, ...]:
    if start is None and end is None:
        return ()
    low, high = start or end or 0, end or start or 0
    return tuple(range(min(low, high), max(low, high) + 1))


def _coded(inquiry: Inquiry, kind: str) -> list[_Coded]:
    live = Coding.objects.filter(code__inquiry=inquiry, removed_at__isnull=True)
    found: list[_Coded] = []
    if kind in ("all", "accounts"):
        usable = accounts_for_analysis(inquiry).values("pk")
        spans = live.filter(account__in=usable).values_list(
            "code", "account", "account__period_start_year", "account__period_end_year"
        )
        found += [_Coded(c, f"a{a}", _span(s, e)) for c, a, s, e in spans]
    if kind in ("all", "documents"):
        dates = live.filter(document_version__isnull=False).values_list(
            "code", "document_version__document", "document_version__document__dated"
        )
        found += [_Coded(c, f"d{d}", (dated.year,) if dated else ()) for c, d, dated in dates]
    return found


def _row_names(codes: list[Code]) -> dict[int, str]:
    seen: dict[str, int] = defaultdict(int)
    for code in codes:
        seen[code.label] += 1
    return {c.pk: c.label if seen[c.label] == 1 else f"{c.label} ({c.key})" for c in codes}


def counts_table(inquiry: Inquiry, unit: str = "decade", kind: str = "all") -> CountTable:
    """Items per code (rows) and period (columns): the counts before protection."""
    coded = _coded(inquiry, kind)
    periods = periods_of((y for c in coded for y in c.years), unit)
    columns = [*periods, NOT_KNOWN, ANY_PERIOD]
    cells: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for c in coded:
        for period in {period_label(y, unit) for y in c.years} or {NOT_KNOWN}:
            cells[c.code_id][period].add(c.item)
        cells[c.code_id][ANY_PERIOD].add(c.item)
    used = {c.code_id for c in coded}
    codes = [c for c in Code.objects.filter(inquiry=inquiry) if not c.retired or c.pk in used]
    names = _row_names(codes)
    rows = [
        ((names[code.pk],), tuple(len(cells[code.pk][p]) for p in columns))
        for code in sorted(codes, key=lambda c: names[c.pk].casefold())
    ]
    return CountTable.from_rows(
        f"themes-by-{unit}", ["Theme"], columns, rows, column_variable="period"
    )
