"""Measure suggested redactions against the true identifying spans of a document.

- A true span is *found* when every character of it, other than spaces, is covered by
  suggested spans (of any category): a part left showing is a part released.
- A suggested span is *correct* when at least half of its characters, other than spaces,
  lie inside true spans.

Recall is found / true spans, by the true span's category; precision is correct /
suggested spans, by the suggested span's category.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from joinedup.disclosure.redaction.spans import Span

__all__ = ["Score", "score_document"]


@dataclass(slots=True)
class Score:
    """Counts, by category, added up over documents."""

    true: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    suggested: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str]] = field(default_factory=list)
    wrong: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.true.update(other.true)
        self.found.update(other.found)
        self.suggested.update(other.suggested)
        self.correct.update(other.correct)
        self.missed += other.missed
        self.wrong += other.wrong

    def recall(self, category: str | None = None) -> float:
        return _ratio(self.found, self.true, category)

    def precision(self, category: str | None = None) -> float:
        return _ratio(self.correct, self.suggested, category)

    def categories(self) -> list[str]:
        return sorted(set(self.true) | set(self.suggested))


def _ratio(part: Counter[str], whole: Counter[str], category: str | None) -> float:
    top = part[category] if category else sum(part.values())
    bottom = whole[category] if category else sum(whole.values())
    return top / bottom if bottom else 1.0


def _characters(text: str, spans: Iterable[Span]) -> set[int]:
    return {i for s in spans for i in range(s.start, s.end) if not text[i].isspace()}


def score_document(text: str, true: Sequence[Span], suggested: Sequence[Span]) -> Score:
    """Recall and precision counts for one document."""
    score = Score()
    covered = _characters(text, suggested)
    truly = _characters(text, true)
    for span in true:
        score.true[span.category] += 1
        if _characters(text, [span]) <= covered:
            score.found[span.category] += 1
        else:
            score.missed.append((span.category, _context(text, span)))
    for span in suggested:
        score.suggested[span.category] += 1
        own = _characters(text, [span])
        if own and len(own & truly) * 2 >= len(own):
            score.correct[span.category] += 1
        else:
            score.wrong.append((span.category, _context(text, span)))
    return score


def _context(text: str, span: Span) -> str:
    before = text[max(0, span.start - 30) : span.start].replace("\n", " ")
    after = text[span.end : span.end + 30].replace("\n", " ")
    return f"{before}[[{text[span.start : span.end]}]]{after}"
