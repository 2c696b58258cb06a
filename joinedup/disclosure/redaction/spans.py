"""The values redaction works with: known people, suggested spans, categories.

A `Span` is a stretch of text (character offsets, end exclusive) that identifies someone,
with the category from `data/categories.yaml` and where the suggestion came from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

__all__ = [
    "CATEGORIES_FILE",
    "Category",
    "KnownPerson",
    "Span",
    "apply_redactions",
    "categories",
    "category_label",
    "choose_non_overlapping",
]

CATEGORIES_FILE = Path(__file__).resolve().parent / "data" / "categories.yaml"


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """Someone already in the index whose details must not be released."""

    ref: str
    forenames: str = ""
    surname: str = ""
    other_names: tuple[str, ...] = ()
    dob: str = ""
    postcode: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    nhs_number: str = ""
    vehicle: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """One suggested redaction: `text == document[start:end]`."""

    start: int
    end: int
    category: str
    text: str
    source: str
    person_ref: str | None = None

    def __len__(self) -> int:
        return self.end - self.start

    def as_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "text": self.text,
            "source": self.source,
            "person_ref": self.person_ref,
        }


@dataclass(frozen=True, slots=True)
class Category:
    category: str
    label: str
    source: str


@cache
def categories() -> dict[str, Category]:
    """The categories of identifying text, in the order the data file gives them."""
    data = yaml.safe_load(CATEGORIES_FILE.read_text("utf-8"))
    return {
        row["category"]: Category(row["category"], row["label"], row["source"])
        for row in data["categories"]
    }


def category_label(category: str) -> str:
    """The label shown in redacted text ("Name"); raises KeyError for unknown categories."""
    return categories()[category].label


def _order(span: Span) -> tuple[int, int, str, str, str]:
    # a total order, so that ties are broken the same way in every process
    return (span.end, span.start, span.category, span.source, span.person_ref or "")


def choose_non_overlapping(spans: Iterable[Span]) -> list[Span]:
    """The non-overlapping spans that cover the most text, sorted by start.

    Ties go to fewer spans (one "Zoe Al-Hassan" rather than "Zoe" and "Al-Hassan"), then
    to suggestions from known people over patterns. Where one span contains another, the
    longer wins. Weighted interval scheduling: O(n log n).
    """
    ordered = sorted({s for s in spans if s.end > s.start}, key=_order)
    ends = [span.end for span in ordered]
    best: list[tuple[tuple[int, int, int], int]] = [((0, 0, 0), -1)]  # (score, chosen index)
    for number, span in enumerate(ordered):
        before = bisect_right(ends, span.start, hi=number)
        base = best[before][0]
        known = 1 if span.source == "known" else 0
        taking = (base[0] + len(span), base[1] - 1, base[2] + known)
        best.append((taking, number) if taking > best[number][0] else (best[number][0], -1))
    chosen: list[Span] = []
    position = len(ordered)
    while position > 0:
        if best[position][1] == -1:
            position -= 1
            continue
        span = ordered[best[position][1]]
        chosen.append(span)
        position = bisect_right(ends, span.start, hi=best[position][1])
    return chosen[::-1]


def _default_replacement(span: Span) -> str:
    return f"[{category_label(span.category)}]"


def apply_redactions(
    text: str,
    spans: Sequence[Span],
    replacement: Callable[[Span], str] | None = None,
) -> str:
    """The text with every span replaced (default "[Label]"); overlapping spans are merged.

    Where spans overlap, the text they jointly cover is removed and replaced once, by the
    replacement for the first of them, so no part of an original span survives.
    """
    replace = replacement or _default_replacement
    pieces: list[str] = []
    position = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < 0 or span.end > len(text) or span.end < span.start:
            raise ValueError(f"span {span.start}-{span.end} is outside the text (0-{len(text)})")
        if span.end <= position:
            continue
        if span.start >= position:
            pieces.append(text[position : span.start])
            pieces.append(replace(span))
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)
