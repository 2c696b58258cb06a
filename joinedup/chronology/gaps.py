"""Gaps: periods longer than a given number of months with no recorded event.

A chronology should expose gaps (DOMAIN.md D13): a child unknown to every service for
two years is information. Gaps are found over every event in scope, including entries
the reader may not see, so a gap row never claims that nothing was recorded when
something was withheld. The period runs from the last day the earlier entry can mean to
the first day the later one can mean, so a year-only date covers its whole year.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from joinedup.chronology.entries import ChronologyEntry
from joinedup.chronology.when import When, display_month

__all__ = ["DEFAULT_GAP_MONTHS", "find_gaps", "whole_months_between"]

DEFAULT_GAP_MONTHS = 6


def find_gaps(
    dated: Sequence[When], months: int, only_some_sources: bool = False
) -> list[ChronologyEntry]:
    """Gap entries between dates (in any order) more than `months` months apart."""
    gaps = []
    covered_until: date | None = None
    for when in sorted(dated, key=When.sort_key):
        begins = when.earliest.date()
        if covered_until is not None and begins > _add_months(covered_until, months):
            gaps.append(_gap_entry(covered_until, when, only_some_sources))
        covered_until = max(covered_until or when.latest, when.latest)
    return gaps


def whole_months_between(earlier: date, later: date) -> int:
    """Complete calendar months from one day to another: 31 Jan -> 30 Apr is 2."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _gap_entry(last_covered: date, following: When, only_some_sources: bool) -> ChronologyEntry:
    first_day = last_covered + timedelta(days=1)
    last_day = following.earliest.date() - timedelta(days=1)
    months = whole_months_between(last_covered, following.earliest.date())
    scope = " from the agencies and event types selected" if only_some_sources else ""
    span = f"{display_month(first_day)} to {display_month(last_day)}"
    when = When(
        iso=f"{first_day.isoformat()}/{last_day.isoformat()}",
        precision="period",
        display=span,
        earliest=datetime(first_day.year, first_day.month, first_day.day),
        latest=last_day,
    )
    return ChronologyEntry(
        kind="gap", when=when, agency="", event_type="gap", event_type_label="Gap",
        summary=f"No recorded event{scope} for {months} months ({span}).",
        narrative=None, place=None, people=(), source_record=None, sensitivity=None,
        grade=None, flags=("gap",), gap_until=following,
    )  # fmt: skip
