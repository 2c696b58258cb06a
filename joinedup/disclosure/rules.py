"""One count under one level: what is published, why, and what a reader can infer from it.

`treat_count` applies a level's primary rules to a single count. `published_range` is the
attacker's side: from the published text alone (and the profile, which is public) the
smallest and largest counts that could lie behind it. A suppressed cell could be a primary
(in the band) or a secondary (any count), so all a reader knows is that it is 0 or more.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from joinedup.disclosure.profiles import Level, round_count

__all__ = ["TreatedCount", "Treatment", "published_range", "reason_for", "treat_count"]


class Treatment(Enum):
    AS_IS = "as is"
    ROUNDED = "rounded"
    ROUNDS_TO_ZERO = "rounds to zero"
    PRIMARY = "primary"
    SECONDARY = "secondary"


@dataclass(frozen=True, slots=True)
class TreatedCount:
    text: str
    treatment: Treatment


def treat_count(value: int, level: Level) -> TreatedCount:
    """The primary rules for `value`; secondary suppression comes later."""
    if level.is_primary(value):
        return TreatedCount(str(level.symbol), Treatment.PRIMARY)
    if level.rounds_to_zero(value):
        return TreatedCount(str(level.rounds_to_zero_symbol), Treatment.ROUNDS_TO_ZERO)
    if level.round_to and value:
        return TreatedCount(str(round_count(value, level.round_to)), Treatment.ROUNDED)
    return TreatedCount(str(value), Treatment.AS_IS)


def reason_for(treatment: Treatment, level: Level, profile_id: str, is_total: bool) -> str | None:
    """The reason recorded for a cell (never its value); None when nothing was done to it."""
    if treatment is Treatment.PRIMARY:
        band = f"{level.suppress_from}–{level.suppress_to}"
        return f"primary: {band} suppressed as '{level.symbol}' ({profile_id})"
    if treatment is Treatment.ROUNDS_TO_ZERO:
        return (
            f"not zero but rounds to zero: shown as '{level.rounds_to_zero_symbol}' ({profile_id})"
        )
    if treatment is Treatment.ROUNDED:
        summed = " after summing unrounded counts" if is_total else ""
        return f"rounded to the nearest {level.round_to}{summed} ({profile_id})"
    return None


def published_range(text: str, level: Level) -> tuple[int, int | None]:
    """The counts that could be behind `text` (None: no upper bound)."""
    if level.suppresses and text == level.symbol:
        return 0, None
    if text == level.rounds_to_zero_symbol and level.round_to:
        possible = range(1, level.round_to)
        return _hull([x for x in possible if level.rounds_to_zero(x)])
    shown = int(text)
    if not level.round_to:
        return shown, shown
    base = level.round_to
    candidates = range(max(0, shown - base), shown + base + 1)
    return _hull([x for x in candidates if treat_count(x, level).text == text])


def _hull(values: list[int]) -> tuple[int, int | None]:
    if not values:
        raise ValueError("no count could be published like this")
    return min(values), max(values)
