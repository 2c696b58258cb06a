"""Turn dates as agencies write them into partial dates, quickly and precisely.

`date_parser(formats, today)` compiles the formats once and returns a function
from a cell value to a checked (year, month, day, hour, minute) tuple. A strptime
format without `%d` gives a date known to the month, without `%m` to the year;
'iso' accepts ISO partial dates and date-times. Native date/datetime values
(Excel, Parquet) need no format.
Common directives are matched with one regular expression per format rather than
strptime, which is several times slower; others fall back to strptime.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from joinedup.records.partial_dates import PartialDateTime, parse_iso_partial_datetime

__all__ = ["Moment", "checked", "date_parser", "describe_formats"]

Moment = tuple[int, int | None, int | None, int | None, int | None]
"""(year, month, day, hour, minute), each after the year possibly unknown."""
Parse = Callable[[str], Moment | None]
"""Parse text in one format: None if it does not have the format's shape."""

_UK_TIME = ZoneInfo("Europe/London")
_DIRECTIVES = {
    "d": r"(?P<d>\d{1,2})",
    "m": r"(?P<m>\d{1,2})",
    "Y": r"(?P<Y>\d{4})",
    "y": r"(?P<y>\d{2})",
    "H": r"(?P<H>\d{1,2})",
    "M": r"(?P<M>\d{2})",
    "S": r"\d{2}",
    "f": r"\d{1,6}",
    "b": r"(?P<b>[A-Za-z]{3})",
    "B": r"(?P<B>[A-Za-z]+)",
    "%": "%",
}
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_abbr[number], calendar.month_name[number])
}
_ISO_SHAPE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)?)?$")
_DIRECTIVE = re.compile(r"%(.)")


class ImpossibleDate(ValueError):
    """The text has a format's shape but names no real date (30 February)."""


def describe_formats(formats: tuple[str, ...]) -> str:
    shown = ["ISO (1998, 1998-03, 1998-03-04)" if f == "iso" else repr(f) for f in formats]
    return "a date in the form " + " or ".join(shown)


@cache
def date_parser(formats: tuple[str, ...], today: date) -> Callable[[object], Moment]:
    """A function from a cell value to a checked Moment; ValueError says what was expected.

    Returning a plain tuple lets the caller build a PartialDate, PartialDateTime or
    date with one validation, instead of one per conversion."""
    parsers = [_compile(fmt) for fmt in formats]
    expected = describe_formats(formats)
    limit = (today.year, today.month, today.day)

    def parse(raw: object) -> Moment:
        moment = _parse_value(raw, parsers, expected)
        year, month, day = moment[0], moment[1], moment[2]
        if (year, month or 1, day or 1) > limit:
            raise ValueError(f"a date not in the future (today is {today.isoformat()})")
        return moment

    return parse


def _parse_value(raw: object, parsers: list[Parse], expected: str) -> Moment:
    if isinstance(raw, datetime):
        return _from_datetime(raw)
    if isinstance(raw, date):
        return (raw.year, raw.month, raw.day, None, None)
    text = _as_date_text(raw)
    for parser in parsers:
        try:
            value = parser(text)
        except ImpossibleDate as error:
            raise ValueError(f"a real date: {error}") from None
        if value is not None:
            return value
    raise ValueError(expected)


def _as_date_text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _compile(fmt: str) -> Parse:
    if fmt == "iso":
        return _parse_iso
    if set(_DIRECTIVE.findall(fmt)) - set(_DIRECTIVES):
        return _strptime_parser(fmt)
    pattern = re.compile(_format_regex(fmt), re.IGNORECASE)

    def parse(text: str) -> Moment | None:
        match = pattern.fullmatch(text)
        return None if match is None else _from_groups(match.groupdict())

    return parse


def _format_regex(fmt: str) -> str:
    pieces: list[str] = []
    position = 0
    for match in _DIRECTIVE.finditer(fmt):
        pieces.append(_literal(fmt[position : match.start()]))
        pieces.append(_DIRECTIVES[match.group(1)])
        position = match.end()
    pieces.append(_literal(fmt[position:]))
    return "".join(pieces)


def _literal(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split(" "))


def _from_groups(groups: dict[str, str | None]) -> Moment | None:
    month_name = groups.get("b") or groups.get("B")
    month = _MONTHS.get(month_name.lower()) if month_name else _number(groups.get("m"))
    if month_name and month is None:
        return None
    day, hour, minute = _number(groups.get("d")), _number(groups.get("H")), _number(groups.get("M"))
    return checked((_year(groups), month, day, hour, minute))


_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def checked(moment: Moment) -> Moment:
    """The moment if it is a real one; ImpossibleDate (saying why) otherwise."""
    year, month, day, hour, minute = moment
    plausible = 1850 <= year <= 2100 and (month is None or 1 <= month <= 12)
    if plausible and day is not None and month is not None:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        plausible = 1 <= day <= (_DAYS_IN_MONTH[month] if month != 2 or leap else 28)
    if plausible and hour is None:
        return moment
    try:
        PartialDateTime(*moment)  # the precise reason, or a valid time of day
    except ValueError as error:
        raise ImpossibleDate(str(error)) from None
    return moment


def _year(groups: dict[str, str | None]) -> int:
    four = groups.get("Y")
    if four is not None:
        return int(four)
    two = int(groups.get("y") or 0)
    return 2000 + two if two < 69 else 1900 + two  # the strptime rule for %y


def _number(text: str | None) -> int | None:
    return None if text is None else int(text)


def _parse_iso(text: str) -> Moment | None:
    if _ISO_SHAPE.match(text):
        try:
            value = parse_iso_partial_datetime(text)
        except ValueError as error:
            raise ImpossibleDate(str(error)) from None
        return (value.year, value.month, value.day, value.hour, value.minute)
    try:
        return _from_datetime(datetime.fromisoformat(text))
    except ValueError:
        return None


def _from_datetime(moment: datetime) -> Moment:
    """A datetime with a time zone is taken to UK local time, as agencies record it."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(_UK_TIME)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute)


def _strptime_parser(fmt: str) -> Parse:
    has_day, has_month = "%d" in fmt, any(d in fmt for d in ("%m", "%b", "%B"))
    has_time = "%H" in fmt or "%I" in fmt

    def parse(text: str) -> Moment | None:
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError as error:
            if "does not match" in str(error) or "unconverted data" in str(error):
                return None
            raise ImpossibleDate(str(error)) from None
        return checked(
            (
                moment.year,
                moment.month if has_month else None,
                moment.day if has_day else None,
                moment.hour if has_time else None,
                moment.minute if has_time else None,
            )
        )

    return parse
