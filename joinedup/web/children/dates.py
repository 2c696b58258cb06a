"""Dates typed into a GOV.UK date input: day, month and year boxes.

A search may know only a year of birth, or a month and year; a chronology period may
start in a year. So the day, or the day and the month, may be left empty. The error
messages follow the GOV.UK date input pattern ("Date of birth must include a year").
"""

from __future__ import annotations

from django import forms

from joinedup.records.partial_dates import PartialDate

__all__ = ["DateBoxes", "day_box", "month_box", "partial_date_from_boxes", "year_box"]

DateBoxes = tuple[str, str, str]


def day_box() -> forms.CharField:
    """The day box of a date input (a form has `<prefix>_day`, `_month`, `_year`).

    The boxes have no length limit of their own: `partial_date_from_boxes` says what is
    wrong with the date as a whole, in the GOV.UK words.
    """
    return forms.CharField(required=False, label="Day")


def month_box() -> forms.CharField:
    return forms.CharField(required=False, label="Month")


def year_box() -> forms.CharField:
    return forms.CharField(required=False, label="Year")


def partial_date_from_boxes(boxes: DateBoxes, what: str) -> PartialDate | None:
    """The date typed, to the precision typed; None when every box is empty.

    Raises ValidationError with a GOV.UK message naming `what` ("Date of birth").
    """
    day, month, year = (box.strip() for box in boxes)
    if not (day or month or year):
        return None
    if not year:
        raise forms.ValidationError(f"{what} must include a year")
    if day and not month:
        raise forms.ValidationError(f"{what} must include a month")
    if not all(part.isdigit() for part in (day, month, year) if part):
        raise forms.ValidationError(f"{what} must be a real date")
    if len(year) != 4:
        raise forms.ValidationError("Year must include 4 numbers")
    try:
        return PartialDate(int(year), int(month) if month else None, int(day) if day else None)
    except ValueError:
        raise forms.ValidationError(f"{what} must be a real date") from None
