"""The retention pages' forms, with GOV.UK error messages.

Dates are GOV.UK date inputs (day, month and year boxes, `children.forms.DateInputs`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.retention.services.decisions import Choice
from joinedup.web.retention.services.holds import HoldRequest

__all__ = ["ApprovalForm", "DecisionForm", "DueFiltersForm", "HoldForm", "LiftForm"]

MAX_TEXT = 2000
PERSON_ID = re.compile(r"^P-\d{7}$")


def _text(label: str, required: str, *, max_length: int = MAX_TEXT) -> forms.CharField:
    return forms.CharField(
        widget=forms.Textarea,
        max_length=max_length,
        label=label,
        error_messages={
            "required": required,
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
    )


def _choice(required: str, *, radios: bool = True) -> forms.ChoiceField:
    widget = forms.RadioSelect if radios else forms.Select
    return forms.ChoiceField(
        widget=widget, error_messages={"required": required, "invalid_choice": required}
    )


def _offer(field: forms.Field, choices: list[tuple[str, str]]) -> None:
    field.choices = choices  # type: ignore[attr-defined]


class DueFiltersForm(DateInputs):
    """The list's filters (a GET form): the date to look at, and the kind of record."""

    as_of_day, as_of_month, as_of_year = day_box(), month_box(), year_box()
    kind = forms.ChoiceField(
        required=False,
        label="Kind of record",
        error_messages={"invalid_choice": "Select a kind of record"},
    )

    def __init__(self, data: Any, kinds: list[tuple[str, str]]) -> None:
        super().__init__(data)
        _offer(self.fields["kind"], [("", "Every kind"), *kinds])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["as_of"] = self.full_date("as_of", "The date", required=False) or timezone.localdate()
        return data

    @property
    def as_of_input(self) -> DateInput:
        return self.date_input("as_of")

    def chosen(self) -> tuple[date, str]:
        """(the date, the kind) chosen; today and every kind when the form is invalid."""
        if not self.is_bound or not self.is_valid():
            return timezone.localdate(), ""
        return self.cleaned_data["as_of"], self.cleaned_data["kind"]


class DecisionForm(DateInputs):
    outcome = _choice("Select what should happen to the record")
    reason = _text("Your reason", "Enter your reason: what you weighed")
    review_day, review_month, review_year = day_box(), month_box(), year_box()

    def __init__(self, data: Any, outcomes: dict[str, str]) -> None:
        super().__init__(data)
        _offer(self.fields["outcome"], list(outcomes.items()))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        review = self.full_date("review", "The new review date", required=False)
        if data.get("outcome") == "retain" and not self.has_error("review_day"):
            if review is None:
                self.add_error("review_day", "Enter the new review date")
            elif review <= timezone.localdate():
                self.add_error("review_day", "The new review date must be in the future")
        data["choice"] = Choice(data.get("outcome", ""), data.get("reason", ""), review)
        return data

    @property
    def review_input(self) -> DateInput:
        return self.date_input("review")


class ApprovalForm(forms.Form):
    action = _choice("Select whether you approve the destruction")
    note = _text("What you checked", "Enter what you checked")

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        _offer(
            self.fields["action"],
            [
                ("approve", "Approve: destroy the record now"),
                ("reject", "Do not approve: the record goes back on the list"),
            ],
        )


class HoldForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        label="Name of the hold",
        error_messages={
            "required": "Enter the name of the hold",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    purpose = _choice("Select why the records are held")
    reason = _text("Reason", "Enter the reason for the hold")
    scope = _choice("Select which records the hold covers")
    record_type = forms.ChoiceField(
        required=False,
        label="Type of record",
        error_messages={"invalid_choice": "Select a type of record"},
    )
    agency = forms.ChoiceField(
        required=False, label="Agency", error_messages={"invalid_choice": "Select an agency"}
    )
    person_ids = forms.CharField(
        required=False, widget=forms.Textarea, max_length=MAX_TEXT, label="Person index ids"
    )

    def __init__(self, data: Any, choices: dict[str, list[tuple[str, str]]]) -> None:
        super().__init__(data)
        for name in ("purpose", "scope"):
            _offer(self.fields[name], choices[name])
        _offer(self.fields["record_type"], [("", "Choose a type"), *choices["record_type"]])
        _offer(self.fields["agency"], [("", "Choose an agency"), *choices["agency"]])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        scope = data.get("scope")
        if scope == "record_type" and not data.get("record_type"):
            self.add_error("record_type", "Select the type of record the hold covers")
        if scope == "agency" and not data.get("agency"):
            self.add_error("agency", "Select the agency whose records are held")
        ids = tuple(dict.fromkeys(re.split(r"[\s,;]+", data.get("person_ids", "").upper())))
        ids = tuple(i for i in ids if i)
        if scope == "persons" and not ids:
            self.add_error("person_ids", "Enter the person index ids of the persons held")
        elif scope == "persons" and any(not PERSON_ID.match(i) for i in ids):
            self.add_error("person_ids", "Enter person index ids like P-0000123")
        data["ids"] = ids
        return data

    def request(self) -> HoldRequest:
        data = self.cleaned_data
        return HoldRequest(
            data["name"].strip(),
            data["purpose"],
            data["reason"].strip(),
            data["scope"],
            data["record_type"],
            data["agency"],
            data["ids"],
        )


class LiftForm(forms.Form):
    reason = _text("Why the hold can be lifted", "Enter why the hold can be lifted")
