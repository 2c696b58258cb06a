"""The inquiry's forms, with GOV.UK error messages (each says what to do).

Dates are GOV.UK date inputs: `<prefix>_day`, `_month` and `_year` boxes, checked
together by `DateInputs.full_date`, which puts the one error on the day box so the error
summary links to the input.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.inquiry.models import CoreParticipant
from joinedup.web.inquiry.services import vocabulary as vocab
from joinedup.web.records.models import Agency

__all__ = [
    "DetailsForm",
    "ExtensionForm",
    "LineForm",
    "NoteForm",
    "ParticipantForm",
    "RequestForm",
    "StaffForm",
    "StatusForm",
    "TermsForm",
]

TEXT_LIMIT = 20000
CHOOSE_KIND = "Choose whether the core participant is an individual or an organisation"
POWER_CHOICES = [
    ("is_lead", "Lead: names and changes the inquiry's staff"),
    ("reads_accounts", "Reads survivors' accounts"),
    ("approves_releases", "Approves redacted versions for release"),
]


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


def _line(
    label: str, required_message: str, *, required: bool = True, limit: int = 200
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {limit} characters or fewer",
        },
    )


def agency_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *((a.code, str(a)) for a in Agency.objects.all())]


def agency_from(code: str) -> Agency | None:
    return Agency.objects.filter(code=code).first() if code else None


class _Dates(DateInputs):
    @staticmethod
    def initial_date(prefix: str, value: date | None) -> dict[str, str]:
        if value is None:
            return {}
        return {
            f"{prefix}_day": str(value.day),
            f"{prefix}_month": str(value.month),
            f"{prefix}_year": str(value.year),
        }


class DetailsForm(_Dates):
    title = _line("Title", "Enter the inquiry's title")
    chair = _line("Chair", "Enter the name of the inquiry's chair", required=False)
    statutory = forms.ChoiceField(
        label="Was the inquiry set up under the Inquiries Act 2005?",
        choices=[("yes", "Yes: a statutory inquiry"), ("no", "No: a non-statutory inquiry")],
        error_messages={
            "required": "Choose whether the inquiry was set up under the Inquiries Act 2005",
            "invalid_choice": "Choose whether the inquiry was set up under the Inquiries Act 2005",
        },
    )
    set_up_day, set_up_month, set_up_year = day_box(), month_box(), year_box()
    terms = _text("Terms of reference", "", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["set_up_on"] = self.full_date("set_up", "the date it was set up", required=False)
        data["is_statutory"] = data.get("statutory") == "yes"
        return data

    @property
    def set_up_input(self) -> DateInput:
        return self.date_input("set_up")


class TermsForm(forms.Form):
    text = _text("Terms of reference", "Enter the terms of reference")
    reason = _line("Reason for the change", "Enter why the terms of reference changed", limit=500)


class LineForm(forms.Form):
    title = _line("Title", "Enter the line of inquiry's title")
    description = _text("Description", "", required=False)


class ParticipantForm(_Dates):
    kind = forms.ChoiceField(
        label="Kind",
        choices=CoreParticipant.KINDS,
        error_messages={"required": CHOOSE_KIND, "invalid_choice": CHOOSE_KIND},
    )
    name = _line("Cipher or organisation's name", "Enter a cipher, or the organisation's name")
    represented_by = _line("Represented by", "", required=False)
    agency = forms.ChoiceField(label="Partnership agency", required=False)
    designated_day, designated_month, designated_year = day_box(), month_box(), year_box()
    users = forms.MultipleChoiceField(label="Linked accounts", required=False)

    def __init__(self, *args: Any, accounts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = agency_choices("Not one of the partnership's agencies")  # type: ignore[attr-defined]
        self.fields["users"].choices = accounts  # type: ignore[attr-defined]
        self.fields["users"].error_messages["invalid_choice"] = "Choose accounts from the list"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["designated_on"] = self.full_date(
            "designated", "the date of designation", required=True
        )
        return data

    @property
    def designated_input(self) -> DateInput:
        return self.date_input("designated")


class StaffForm(forms.Form):
    user = forms.ChoiceField(
        label="Member of the inquiry team",
        error_messages={
            "required": "Choose a member of the inquiry team",
            "invalid_choice": "Choose a member of the inquiry team",
        },
    )
    position = _line("Position", "", required=False, limit=100)
    powers = forms.MultipleChoiceField(
        label="What they may do", required=False, choices=POWER_CHOICES
    )

    def __init__(
        self, *args: Any, users: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if users is None:
            del self.fields["user"]
        else:
            self.fields["user"].choices = [("", "Choose a person"), *users]  # type: ignore[attr-defined]


class RequestForm(_Dates):
    kind = forms.ChoiceField(
        label="Kind of request",
        error_messages={
            "required": "Choose the kind of request",
            "invalid_choice": "Choose the kind of request",
        },
    )
    recipient_agency = forms.ChoiceField(label="Agency", required=False)
    recipient_name = _line("Person", "", required=False)
    matters = _text("Matters to address", "Enter the matters the response should address")
    deadline_day, deadline_month, deadline_year = day_box(), month_box(), year_box()

    def __init__(self, *args: Any, with_kind: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_kind:
            self.fields["kind"].choices = list(vocab.kinds().items())  # type: ignore[attr-defined]
        else:
            del self.fields["kind"]
        self.fields["recipient_agency"].choices = agency_choices("Not an agency: a person")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["deadline"] = self.full_date("deadline", "the deadline", required=True)
        if not data.get("recipient_agency") and not data.get("recipient_name", "").strip():
            self.add_error(
                "recipient_agency",
                "Choose the agency the request goes to, or enter the person's name",
            )
        return data

    @property
    def deadline_input(self) -> DateInput:
        return self.date_input("deadline")


class StatusForm(_Dates):
    status = forms.ChoiceField(
        label="New status",
        error_messages={
            "required": "Choose the request's new status",
            "invalid_choice": "Choose the request's new status",
        },
    )
    on_day, on_month, on_year = day_box(), month_box(), year_box()
    note = _text("Note", "", required=False)

    def __init__(self, *args: Any, statuses: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = statuses  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["on"] = self.full_date("on", "the date it happened", required=True)
        return data

    @property
    def on_input(self) -> DateInput:
        return self.date_input("on")


class ExtensionForm(_Dates):
    new_deadline_day, new_deadline_month, new_deadline_year = day_box(), month_box(), year_box()
    reason = _text("Reason for the extension", "Enter the reason for the extension")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["new_deadline"] = self.full_date("new_deadline", "the new deadline", required=True)
        return data

    @property
    def new_deadline_input(self) -> DateInput:
        return self.date_input("new_deadline")


class NoteForm(forms.Form):
    text = _text("Note", "Enter the note")
