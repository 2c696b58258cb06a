"""Dates as people write them in case records, and whether one is someone's birthday.

Day first (03/04/2009 is 3 April), as UK records are; ISO dates (2009-04-03); day, month
name and year (3rd April 2009, 3 Apr 09); month name and day (April 3, 2009); and month
and year (April 2009), which identifies someone only when their date of birth is known
to the month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "DATE_PATTERN",
    "PartialDate",
    "dob_context_before",
    "parse_iso_partial",
    "parse_written_date",
]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_ALTERNATIVES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
DATE_PATTERN = re.compile(
    r"\b(?=[\dJFMASOND])(?<![/.-])(?:"  # a word start that can begin a date: fast to skip
    r"(?P<d1>\d{1,2})[/.-](?P<m1>\d{1,2})[/.-](?P<y1>\d{4}|\d{2})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"
    rf"|(?P<d3>\d{{1,2}}){_ORDINAL}(?: of)? (?P<m3>{_MONTH_ALTERNATIVES})\.?,?"
    r" (?P<y3>\d{4}|'?\d{2})"
    rf"|(?P<m4>{_MONTH_ALTERNATIVES})\.? (?P<d4>\d{{1,2}}){_ORDINAL},? (?P<y4>\d{{4}})"
    rf"|(?P<m5>{_MONTH_ALTERNATIVES})\.?,? (?P<y5>\d{{4}})"
    r")(?![\d/])",
    re.IGNORECASE,
)
_DOB_CONTEXT = re.compile(
    r"(?:\bd\.? ?o\.? ?b\.?|\bdate of birth|\bborn(?: on| in)?|\bbirthday(?: is| was)?|\bb\.)"
    r"\s*(?:[:\-–]|is|was)?\s*\(?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def written_as(self, written: PartialDate) -> bool:
        """True when `written` (from a document) is this date, to the same precision.

        A two-digit year matches on its last two digits. A date of birth known only to
        the year never matches here: too many dates in a document share a year.
        """
        if self.month is None:
            return False
        same_year = written.year == self.year or (
            written.year < 100 and written.year == self.year % 100
        )
        return same_year and (written.month, written.day) == (self.month, self.day)


def _month(value: str) -> int:
    if value.isdigit():
        return int(value)
    lowered = value.lower()
    return next(number for name, number in _MONTHS.items() if name.startswith(lowered[:3]))


def parse_written_date(found: re.Match[str]) -> PartialDate | None:
    """The date a DATE_PATTERN match means, or None when it is not a real date."""
    for suffix in "12345":
        year = found.group(f"y{suffix}")
        if year is None:
            continue
        month = _month(found.group(f"m{suffix}"))
        day_text = found.group(f"d{suffix}") if suffix != "5" else None
        day = int(day_text) if day_text else None
        parsed = PartialDate(int(year.lstrip("'")), month, day)
        valid_day = day is None or 1 <= day <= 31
        return parsed if 1 <= month <= 12 and valid_day else None
    return None


def parse_iso_partial(value: str) -> PartialDate | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as a PartialDate; None when empty or not that shape."""
    found = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if found is None:
        return None
    year, month, day = found.groups()
    return PartialDate(int(year), int(month) if month else None, int(day) if day else None)


def dob_context_before(text: str, start: int) -> bool:
    """True when the words just before `start` say a date of birth follows ("DOB:")."""
    return _DOB_CONTEXT.search(text[max(0, start - 30) : start]) is not None
