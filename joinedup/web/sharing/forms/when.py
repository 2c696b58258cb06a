"""Full dates and times typed into GOV.UK inputs: a day, month and year, and a time
such as 14:30 or 2:30pm. A sharing decision needs the day, not a year or month only."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django import forms
from django.utils import timezone

from joinedup.web.children.dates import partial_date_from_boxes

__all__ = ["full_date", "moment", "time_of_day"]

_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def full_date(boxes: tuple[str, str, str], what: str) -> date | None:
    """The date typed, or None when every box is empty; ValidationError otherwise."""
    found = partial_date_from_boxes(boxes, what)
    if found is None:
        return None
    if found.precision != "day":
        raise forms.ValidationError(f"{what} must include a day and a month")
    return found.earliest()


def time_of_day(text: str, what: str) -> time | None:
    """'14:30', '9.05', '2:30pm', '2pm' -> a time; '' -> None."""
    text = text.strip()
    if not text:
        return None
    match = _TIME.match(text)
    if match is None:
        raise forms.ValidationError(f"{what} must be a time, for example 14:30 or 2:30pm")
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3]:
        if not 1 <= hour <= 12:
            raise forms.ValidationError(f"{what} must be a real time")
        hour = hour % 12 + (12 if match[3].lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        raise forms.ValidationError(f"{what} must be a real time")
    return time(hour, minute)


def moment(day: date, at: time | None) -> datetime:
    """The day and time in local time; a missing time is the start of the day."""
    return timezone.make_aware(datetime.combine(day, at or time.min))
