"""The agency referral form and the school's, with GOV.UK error messages.

What the referrer knows of the child may be partial: any one of a name, a date of
birth (a year, or a month and year, will do), an age, an address, a postcode or a
school is enough. The school form asks the same, and about attendance, exclusions and
changes the school has seen.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms

from joinedup.web.accounts.models import User
from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.frontdoor.services.intake import REFERRAL_FIELDS, SCHOOL_FIELDS
from joinedup.web.frontdoor.services.vocabulary import answers

__all__ = ["ReferralForm", "SchoolReferralForm"]

LONG = 10_000
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$")
YES_NO = [("yes", "Yes"), ("no", "No")]
IDENTIFYING = (
    "child_forenames",
    "child_surname",
    "child_dob",
    "child_age",
    "child_address",
    "child_postcode",
    "child_school",
)


def _text(label: str, required: str = "", max_length: int = 200) -> Any:
    """A text field; `required` is the message when it is left empty (none: optional)."""
    messages = {"max_length": f"{label} must be {max_length:,} characters or fewer"}
    return forms.CharField(
        required=bool(required),
        max_length=max_length,
        label=label,
        error_messages={**messages, "required": required},
    )


def _long(label: str, required: str = "") -> Any:
    field = _text(label, required, LONG)
    field.widget = forms.Textarea()
    return field


def _radios(question: str, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=list(answers(question).items()),
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


class ReferralForm(DateInputs):
    child_forenames = _text("First name", max_length=150)
    child_surname = _text("Last name", max_length=150)
    dob_day, dob_month, dob_year = day_box(), month_box(), year_box()
    child_age = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=25,
        label="Age in years",
        error_messages={
            "invalid": "Age must be a number, like 14",
            "min_value": "Age must be 0 or more",
            "max_value": "Age must be 25 or less",
        },
    )
    child_address = _long("Address")
    child_postcode = _text("Postcode", max_length=10)
    child_school = _text("School or college")
    concerns = _long(
        "What has happened, and what worries you", "Enter what has happened and what worries you"
    )
    child_views = _long("What the child has said, if anything")
    family_aware = _radios("family_aware", "Select whether the family knows about the referral")
    consent = _radios("consent", "Select whether the family agreed to the referral")
    consent_notes = _long("Anything more about what the family knows or agreed")
    urgent = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=YES_NO,
        error_messages={
            "required": "Select whether the child needs action now",
            "invalid_choice": "Select whether the child needs action now",
        },
    )
    urgent_reason = _long("Why the child needs action now")
    referrer_name = _text("Your name", "Enter your name")
    referrer_role = _text("Your job title")
    referrer_organisation = _text("Your team, school or service")
    referrer_phone = _text("Telephone number", max_length=30)
    referrer_email = forms.EmailField(
        required=False,
        max_length=254,
        label="Email address",
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.org"
        },
    )

    def __init__(self, data: Any = None, *, user: User | None = None) -> None:
        super().__init__(data, initial=_about(user) if user is not None else None)

    @property
    def dob_input(self) -> DateInput:
        return self.date_input("dob")

    def clean_child_postcode(self) -> str:
        typed = " ".join(str(self.cleaned_data.get("child_postcode", "")).upper().split())
        if typed and not POSTCODE.match(typed):
            raise forms.ValidationError("Enter a real postcode, like SW1A 1AA")
        return typed

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dob = self.partial_date("dob", "Date of birth")
        data["child_dob"] = dob.iso() if dob else ""
        if not self.errors and not any(data.get(f) not in ("", None) for f in IDENTIFYING):
            self.add_error(
                "child_forenames",
                "Enter something that identifies the child: a "
                "name, a date of birth or age, an address or a school",
            )
        if data.get("urgent") == "yes" and not str(data.get("urgent_reason", "")).strip():
            self.add_error("urgent_reason", "Enter why the child needs action now")
        reachable = data.get("referrer_phone") or data.get("referrer_email")
        if "referrer_email" not in self.errors and not reachable:
            self.add_error("referrer_phone", "Enter a telephone number or an email address")
        return data

    def details(self) -> dict[str, Any]:
        """The referral as `receive_contact` takes it."""
        data = self.cleaned_data
        fields = REFERRAL_FIELDS - SCHOOL_FIELDS
        found = {f: data.get(f) for f in fields}
        found["urgent"] = data["urgent"] == "yes"
        found["urgent_reason"] = data["urgent_reason"].strip() if found["urgent"] else ""
        return {k: v.strip() if isinstance(v, str) else v for k, v in found.items()}


def _about(user: User) -> dict[str, str]:
    agency = user.agency.name if user.agency_id and user.agency else ""
    return {
        "referrer_name": user.get_full_name(),
        "referrer_email": user.email,
        "referrer_organisation": agency,
    }


class SchoolReferralForm(ReferralForm):
    attendance_percent = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=100,
        label="Attendance this school year, as a percentage",
        error_messages={
            "invalid": "Attendance must be a number, like 85",
            "min_value": "Attendance must be 0 or more",
            "max_value": "Attendance must be 100 or less",
        },
    )
    attendance_notes = _long("Absences, lateness and missed lessons")
    exclusions = _radios("exclusions", "Select whether the child has been suspended or excluded")
    exclusion_notes = _long("About the suspensions, exclusions or timetable")
    changes_seen = _long("Changes you have seen in the child")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not str(data.get("child_school", "")).strip():
            self.add_error("child_school", "Enter the name of your school")
        return data

    def details(self) -> dict[str, Any]:
        found = super().details()
        for field in SCHOOL_FIELDS:
            value = self.cleaned_data.get(field)
            found[field] = value.strip() if isinstance(value, str) else value
        return found
