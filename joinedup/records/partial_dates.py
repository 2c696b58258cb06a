"""Partial dates and datetimes: old records often hold only a year, or a year and month.

A PartialDate has a year and optionally a month and a day; its `precision` says which.
ISO forms: '1998', '1998-03', '1998-03-04'. A PartialDateTime adds hour and minute:
'1998-03-04T21:30'.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["PartialDate", "PartialDateTime", "parse_iso_partial_date", "parse_iso_partial_datetime"]

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ISO_DATETIME = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2})?)?)?)?$"
)


def _check_ymd(year: int, month: int | None, day: int | None) -> None:
    if not 1850 <= year <= 2100:
        raise ValueError(f"year {year} is outside 1850-2100")
    if month is None:
        if day is not None:
            raise ValueError("a day needs a month")
        return
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1-12")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{year}-{month:02d} has no day {day}")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        _check_ymd(self.year, self.month, self.day)

    @property
    def precision(self) -> str:
        """'year', 'month' or 'day'."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def earliest(self) -> date:
        """The first day this partial date could mean (for sorting and windows)."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day this partial date could mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    @classmethod
    def from_date(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, slots=True, order=True)
class PartialDateTime:
    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None

    def __post_init__(self) -> None:
        _check_ymd(self.year, self.month, self.day)
        if self.hour is not None:
            if self.day is None:
                raise ValueError("a time needs a full date")
            if not 0 <= self.hour <= 23 or not 0 <= (self.minute or 0) <= 59:
                raise ValueError(f"{self.hour}:{self.minute} is not a time of day")

    @property
    def precision(self) -> str:
        """'year', 'month', 'day' or 'minute'."""
        if self.hour is not None:
            return "minute"
        return self.date_part().precision

    def date_part(self) -> PartialDate:
        return PartialDate(self.year, self.month, self.day)

    def iso(self) -> str:
        base = self.date_part().iso()
        if self.hour is None:
            return base
        return f"{base}T{self.hour:02d}:{(self.minute or 0):02d}"

    def earliest(self) -> datetime:
        d = self.date_part().earliest()
        return datetime(d.year, d.month, d.day, self.hour or 0, self.minute or 0)

    @classmethod
    def from_datetime(cls, value: datetime) -> PartialDateTime:
        return cls(value.year, value.month, value.day, value.hour, value.minute)

    @classmethod
    def from_date(cls, value: date) -> PartialDateTime:
        return cls(value.year, value.month, value.day)

    def __str__(self) -> str:
        return self.iso()


def parse_iso_partial_date(text: str) -> PartialDate:
    """'1998', '1998-03' or '1998-03-04' -> PartialDate; ValueError otherwise."""
    match = _ISO_DATE.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    y, m, d = match.groups()
    return PartialDate(int(y), int(m) if m else None, int(d) if d else None)


def parse_iso_partial_datetime(text: str) -> PartialDateTime:
    """ISO partial datetime ('1998', '1998-03-04', '1998-03-04T21:30') -> PartialDateTime."""
    match = _ISO_DATETIME.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not an ISO date or date-time")
    y, m, d, hh, mm = match.groups()
    return PartialDateTime(
        int(y),
        int(m) if m else None,
        int(d) if d else None,
        int(hh) if hh else None,
        int(mm) if mm else None,
    )
