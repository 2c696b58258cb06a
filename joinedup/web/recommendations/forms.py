"""The tracker's forms, with GOV.UK error messages (each names what to do).

Dates are GOV.UK date inputs: `<prefix>_day`, `_month` and `_year` boxes, checked
together by `DateInputs.full_date`, which puts the one error on the day box so the
error summary links to the input.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms

from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.recommendations.services.vocabulary import themes
from joinedup.web.records.models import Agency

__all__ = [
    "ActionForm",
    "EvidenceForm",
    "ImportForm",
    "OwnerForm",
    "ProgressForm",
    "RecommendationForm",
    "ReportForm",
    "SignOffForm",
    "SourceForm",
]

NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")
TEXT_LIMIT = 5000


def _text(label: str, required_message: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {TEXT_LIMIT:,} characters or fewer",
        },
    )


def _number(label: str, required_message: str) -> forms.RegexField:
    return forms.RegexField(
        NUMBER,
        label=label,
        max_length=20,
        error_messages={
            "required": required_message,
            "invalid": f"{label} must be letters, digits, dots or hyphens, such as 12 or 12.3",
            "max_length": f"{label} must be 20 characters or fewer",
        },
    )


def _agency_choices() -> list[tuple[str, str]]:
    return [("", "Choose an agency"), *((a.code, str(a)) for a in Agency.objects.all())]


class _FullDates(DateInputs):
    """A form with GOV.UK date inputs (`DateInputs.full_date`)."""


class SourceForm(_FullDates):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter the title of the inquiry, review or report",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    published_day, published_month, published_year = day_box(), month_box(), year_box()
    description = _text("Description", "", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["published_on"] = self.full_date(
            "published", "the date it was published", required=False
        )
        return data

    @property
    def published_input(self) -> DateInput:
        return self.date_input("published")


class RecommendationForm(forms.Form):
    number = _number("Recommendation number", "Enter the recommendation's number")
    text = _text("Recommendation", "Enter the text of the recommendation")
    theme = forms.ChoiceField(
        label="Theme",
        error_messages={"required": "Choose a theme", "invalid_choice": "Choose a theme"},
    )
    lead_agency = forms.ChoiceField(
        label="Lead agency",
        error_messages={
            "required": "Choose the lead agency",
            "invalid_choice": "Choose the lead agency",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", "Choose a theme"), *themes().items()]  # type: ignore[attr-defined]
        self.fields["lead_agency"].choices = _agency_choices()  # type: ignore[attr-defined]


class ActionForm(_FullDates):
    number = _number("Action number", "Enter the action's number, such as 12.3")
    text = _text("What is to be done", "Enter what is to be done")
    owning_agency = forms.ChoiceField(
        label="Owning agency",
        error_messages={
            "required": "Choose the owning agency",
            "invalid_choice": "Choose the owning agency",
        },
    )
    owner = forms.ChoiceField(
        label="Owner",
        required=False,
        error_messages={"invalid_choice": "Choose an owner from the list"},
    )
    due_day, due_month, due_year = day_box(), month_box(), year_box()
    success_measure = _text("Success measure", "", required=False)

    def __init__(self, *args: Any, owners: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owning_agency"].choices = _agency_choices()  # type: ignore[attr-defined]
        self.fields["owner"].choices = [("", "No owner yet"), *owners]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["due"] = self.full_date("due", "the due date", required=True)
        return data

    @property
    def due_input(self) -> DateInput:
        return self.date_input("due")


class OwnerForm(forms.Form):
    owner = forms.ChoiceField(
        label="Owner",
        required=False,
        error_messages={"invalid_choice": "Choose an owner from the list"},
    )

    def __init__(self, *args: Any, owners: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "No owner"), *owners]  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )


class _Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ProgressForm(_Versioned):
    status = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the action's status",
            "invalid_choice": "Choose a status from the list",
        },
    )
    note = _text(
        "What has been done", "Enter what has been done, or why the action is not accepted"
    )

    def __init__(self, *args: Any, statuses: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = statuses  # type: ignore[attr-defined]


class EvidenceForm(_Versioned):
    description = _text("Description", "Enter what the evidence shows")
    link = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a link starting https:// or http://",
            "max_length": "The link must be 500 characters or fewer",
        },
    )
    file = forms.FileField(
        label="Upload a file", required=False, error_messages={"empty": "The file is empty"}
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("link")
            and not data.get("file")
            and not self.has_error("link")
            and not self.has_error("file")
        ):
            self.add_error("link", "Give a link to the evidence or choose a file")
        return data


class SignOffForm(_Versioned):
    decision = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=[
            ("sign_off", "Sign off: the evidence shows the action is done"),
            ("return", "Return: more is needed before it can be signed off"),
        ],
        error_messages={
            "required": "Choose whether to sign off or return the action",
            "invalid_choice": "Choose whether to sign off or return the action",
        },
    )
    note = _text("Your comments", "", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not data.get("note"):
            self.add_error("note", "Enter why the action is returned: what is still needed")
        return data


class ReportForm(_FullDates):
    source = forms.ChoiceField(
        label="Source",
        required=False,
        error_messages={"invalid_choice": "Choose a source from the list"},
    )
    as_of_day, as_of_month, as_of_year = day_box(), month_box(), year_box()

    def __init__(self, *args: Any, sources: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "Every source"), *sources]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["as_of"] = self.full_date("as_of", "the date to report on", required=False)
        return data

    @property
    def as_of_input(self) -> DateInput:
        return self.date_input("as_of")
