"""The search, chronology filter and agreed grade forms, with GOV.UK error messages.

Date inputs are three boxes (day, month, year); an error is attached to the first box
that is wrong, so the error summary links to it (`DateInputs.date_input`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from joinedup.chronology import Filters
from joinedup.records.partial_dates import PartialDate
from joinedup.web.children.dates import day_box, month_box, partial_date_from_boxes, year_box
from joinedup.web.children.services.terms import SearchTerms

__all__ = ["AgreedGradeForm", "ChronologyFiltersForm", "SearchForm"]


@dataclass(frozen=True)
class DateInput:
    """What the GOV.UK date input partial needs: the three boxes and one error."""

    prefix: str
    day: forms.BoundField
    month: forms.BoundField
    year: forms.BoundField
    error: str


class DateInputs(forms.Form):
    """A form with GOV.UK date inputs made of `<prefix>_day/_month/_year` fields."""

    def date_input(self, prefix: str) -> DateInput:
        day, month, year = (self[f"{prefix}_{part}"] for part in ("day", "month", "year"))
        errors = [str(e) for box in (day, month, year) for e in box.errors]
        return DateInput(prefix, day, month, year, errors[0] if errors else "")

    def partial_date(self, prefix: str, what: str) -> PartialDate | None:
        data = self.cleaned_data
        boxes = tuple(data.get(f"{prefix}_{p}", "") for p in ("day", "month", "year"))
        try:
            return partial_date_from_boxes((boxes[0], boxes[1], boxes[2]), what)
        except forms.ValidationError as error:
            self.add_error(f"{prefix}_{_box_at_fault(boxes, str(error.messages[0]))}", error)
            return None

    def full_date(self, prefix: str, what: str, *, required: bool = True) -> date | None:
        """A whole date from the boxes, or None with one GOV.UK error on the box at fault.

        `what` names the date ("the start date" or "The start date"): "Enter the start
        date" when the boxes are empty and `required`, "The start date must include a day
        and month" when only a month or a year is typed.
        """
        sentence = what[:1].upper() + what[1:]
        typed = self.partial_date(prefix, sentence)
        if typed is None:
            wrong = any(self.has_error(f"{prefix}_{part}") for part in ("day", "month", "year"))
            if required and not wrong:
                self.add_error(f"{prefix}_day", f"Enter {what[:1].lower()}{what[1:]}")
            return None
        if typed.precision != "day":
            self.add_error(f"{prefix}_day", f"{sentence} must include a day and month")
            return None
        return typed.earliest()

    def not_in_future(self, prefix: str, what: str, when: date | None) -> date | None:
        """`when`, or None with an error when it is after today."""
        if when is not None and when > timezone.localdate():
            sentence = what[:1].upper() + what[1:]
            self.add_error(f"{prefix}_day", f"{sentence} must be today or in the past")
            return None
        return when


def _box_at_fault(boxes: tuple[str, ...], message: str) -> str:
    if "year" in message.lower() or not boxes[2].strip():
        return "year"
    return "month" if "month" in message and not boxes[1].strip() else "day"


class SearchForm(DateInputs):
    name = forms.CharField(
        required=False,
        max_length=200,
        label="Name or alias",
        error_messages={"max_length": "Name must be 200 characters or fewer"},
    )
    dob_day, dob_month, dob_year = day_box(), month_box(), year_box()
    identifier = forms.CharField(
        required=False,
        max_length=40,
        label="Identifier",
        error_messages={"max_length": "Identifier must be 40 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dob = self.partial_date("dob", "Date of birth")
        name, identifier = data.get("name", "").strip(), data.get("identifier", "").strip()
        if not self.errors and not (name or dob or identifier):
            self.add_error("name", "Enter a name, a date of birth or an identifier")
        data["terms"] = SearchTerms(name, dob, identifier)
        return data

    @property
    def dob_input(self) -> DateInput:
        return self.date_input("dob")


class ChronologyFiltersForm(DateInputs):
    agency = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select agencies from the list"},
    )
    event_type = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select types of event from the list"},
    )
    start_day, start_month, start_year = day_box(), month_box(), year_box()
    end_day, end_month, end_year = day_box(), month_box(), year_box()

    def __init__(self, data: Any, agencies: list[tuple[str, str]],
                 event_types: list[tuple[str, str]]) -> None:  # fmt: skip
        super().__init__(data)
        self.fields["agency"].choices = agencies  # type: ignore[attr-defined]
        self.fields["event_type"].choices = event_types  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start = self.partial_date("start", "The start of the period")
        end = self.partial_date("end", "The end of the period")
        if start and end and end.latest() < start.earliest():
            self.add_error("end_day", "The end of the period must be after its start")
        data["filters"] = Filters(
            agencies=frozenset(data["agency"]) if data.get("agency") else None,
            event_types=frozenset(data["event_type"]) if data.get("event_type") else None,
            start=start.earliest() if start else None,
            end=end.latest() if end else None,
        )
        return data

    @property
    def start_input(self) -> DateInput:
        return self.date_input("start")

    @property
    def end_input(self) -> DateInput:
        return self.date_input("end")

    def filters(self) -> Filters:
        """The filters chosen, or none when the form is invalid."""
        return self.cleaned_data["filters"] if self.is_valid() else Filters()


class AgreedGradeForm(DateInputs):
    grade = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the agreed grade",
            "invalid_choice": "Select the agreed grade",
        },
    )
    rationale = forms.CharField(
        widget=forms.Textarea,
        max_length=5000,
        label="Rationale",
        error_messages={
            "required": "Enter the rationale: what you weighed and why",
            "max_length": "Rationale must be 5,000 characters or fewer",
        },
    )
    review_day, review_month, review_year = day_box(), month_box(), year_box()

    def __init__(self, data: Any, grades: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["grade"].choices = grades  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("rationale", "x").strip():
            self.add_error("rationale", "Enter the rationale: what you weighed and why")
        data["review_due"] = self._review_due()
        return data

    @property
    def review_input(self) -> DateInput:
        return self.date_input("review")

    def _review_due(self) -> date | None:
        due = self.full_date("review", "Review date", required=False)
        if due is not None and due <= timezone.localdate():
            self.add_error("review_day", "Review date must be in the future")
            return None
        return due
