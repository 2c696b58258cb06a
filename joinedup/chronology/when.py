"""When an entry happened: an ISO partial date-time, its precision and how to show it.

Old records often hold only a year or a month. A `When` keeps what was recorded and no
more: '2019' displays as '2019' and sorts at the start of its year, before anything
recorded on 1 January 2019 with a day or a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from joinedup.records.partial_dates import PartialDateTime, parse_iso_partial_datetime

__all__ = ["When", "display_month", "when_from_iso"]

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2, "minute": 3}


@dataclass(frozen=True, slots=True)
class When:
    """A recorded date or date-time, with the precision it was recorded to."""

    iso: str  # '2023', '2023-05', '2023-05-12', '2023-05-12T23:10'
    precision: str  # year, month, day, minute
    display: str  # '2023', 'May 2023', '12 May 2023', '12 May 2023 23:10'
    earliest: datetime  # the first moment it can mean
    latest: date  # the last day it can mean

    def sort_key(self) -> tuple[datetime, int]:
        """Earliest moment first; on a tie the less precise date comes first."""
        return (self.earliest, _PRECISION_RANK.get(self.precision, 4))


def when_from_iso(iso: str) -> When:
    """'2023-05' -> When(display='May 2023', ...); ValueError if not an ISO partial date."""
    partial = parse_iso_partial_datetime(iso)
    return When(
        iso=partial.iso(),
        precision=partial.precision,
        display=_display(partial),
        earliest=partial.earliest(),
        latest=partial.date_part().latest(),
    )


def display_month(day: date) -> str:
    """A date shown to the month: 'May 2023' (English whatever the locale)."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


def _display(partial: PartialDateTime) -> str:
    if partial.month is None:
        return f"{partial.year}"
    moment = partial.earliest()
    if partial.day is None:
        return display_month(moment.date())
    text = f"{moment.day} {display_month(moment.date())}"
    return text if partial.hour is None else f"{text} {moment:%H:%M}"
