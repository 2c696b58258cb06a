"""The survivors' forms (public) and the inquiry staff's forms, with GOV.UK messages.

On the public form every question is optional: an unanswered consent question is a no.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms

from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.survivors.models import Account, PoliceReferral
from joinedup.web.survivors.services import vocabulary
from joinedup.web.survivors.services.accounts import AREA_LIMIT, TEXT_LIMIT

__all__ = [
    "AgenciesForm",
    "AnonymisedForm",
    "AreaForm",
    "ContactForm",
    "DecadesForm",
    "ReferralForm",
    "ReturnForm",
    "SendForm",
    "StaffAccountForm",
    "StaffConsentForm",
    "SurvivorChoicesForm",
    "TextForm",
    "YesNoForm",
]

YES_NO = [("yes", "Yes"), ("no", "No")]
CONTACT = [("no", "No"), ("email", "Yes, by e-mail"), ("phone", "Yes, by phone")]
PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")
SHORT = 200


def _decade_choices() -> list[tuple[str, str]]:
    return [(str(d), vocabulary.decade_label(d)) for d in vocabulary.decades()]


def _agency_choices() -> list[tuple[str, str]]:
    return list(vocabulary.agencies().items())


# --- The survivor's form: one question per page ---------------------------------------
class TextForm(forms.Form):
    text = forms.CharField(
        label="What would you like to tell the inquiry?",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        error_messages={"max_length": f"Your account must be {TEXT_LIMIT:,} characters or fewer"},
    )


class DecadesForm(forms.Form):
    decades = forms.MultipleChoiceField(
        label="When did it happen?", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decades"].choices = _decade_choices()  # type: ignore[attr-defined]


class AreaForm(forms.Form):
    area = forms.CharField(
        label="Where did it happen?",
        required=False,
        max_length=AREA_LIMIT,
        error_messages={"max_length": f"The area must be {AREA_LIMIT} characters or fewer"},
    )


class AgenciesForm(forms.Form):
    agencies = forms.MultipleChoiceField(
        label="Which services were you in contact with at the time?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].choices = _agency_choices()  # type: ignore[attr-defined]


class YesNoForm(forms.Form):
    answer = forms.ChoiceField(choices=YES_NO, required=False)


class _ContactFields(forms.Form):
    contact = forms.ChoiceField(choices=CONTACT, required=False)
    email = forms.EmailField(
        label="E-mail address",
        required=False,
        max_length=SHORT,
        error_messages={
            "invalid": "Enter an e-mail address in the correct format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number", required=False, max_length=30)

    def __init__(self, *args: Any, held_method: str = "", **kwargs: Any) -> None:
        """`held_method`: "email" or "phone" when details of that kind are already held
        (then the box may be left empty to keep them)."""
        super().__init__(*args, **kwargs)
        self.held_method = held_method

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        contact = data.get("contact") or "no"
        keep = contact == self.held_method
        if contact == "email" and not data.get("email") and "email" not in self.errors and not keep:
            self.add_error("email", "Enter an e-mail address, or choose another answer")
        phone = (data.get("phone") or "").strip()
        if contact == "phone" and not (keep and not phone) and not PHONE.match(phone):
            self.add_error("phone", "Enter a phone number, like 01632 960 001 or +44 7700 900 982")
        return data


class ContactForm(_ContactFields):
    """Whether and how the inquiry may contact them back."""


class SendForm(forms.Form):
    """The check-answers page. `website` is a honeypot: hidden from people, filled by bots."""

    website = forms.CharField(required=False, label="Leave this empty")


class ReturnForm(forms.Form):
    reference = forms.CharField(
        label="Reference",
        max_length=30,
        error_messages={"required": "Enter your reference, like S-7KQM3RWP"},
    )
    passphrase = forms.CharField(
        label="Passphrase",
        max_length=40,
        error_messages={"required": "Enter your passphrase"},
    )


class SurvivorChoicesForm(_ContactFields):
    research = forms.ChoiceField(choices=YES_NO, required=False)
    quote = forms.ChoiceField(choices=YES_NO, required=False)
    police = forms.ChoiceField(choices=YES_NO, required=False)


# --- Inquiry staff --------------------------------------------------------------------
class _Dated(DateInputs):
    """A form with GOV.UK date inputs (`DateInputs.full_date`)."""


class StaffAccountForm(_Dated, _ContactFields):
    channel = forms.ChoiceField(
        choices=[c for c in Account.CHANNELS if c[0] != Account.ONLINE_FORM],
        error_messages={"required": "Choose how the account was given"},
    )
    received_day, received_month, received_year = day_box(), month_box(), year_box()
    text = TextForm.base_fields["text"]
    decades = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    area = AreaForm.base_fields["area"]
    agencies = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    research = forms.ChoiceField(choices=YES_NO, required=False)
    quote = forms.ChoiceField(choices=YES_NO, required=False)
    police = forms.ChoiceField(choices=YES_NO, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = "The account"
        self.fields["area"].label = "Where (an area only)"
        self.fields["decades"].choices = _decade_choices()  # type: ignore[attr-defined]
        self.fields["agencies"].choices = _agency_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["received_on"] = self.full_date("received", "the date the account was given")
        return data

    @property
    def received_input(self) -> DateInput:
        return self.date_input("received")


class StaffConsentForm(_Dated, _ContactFields):
    research = forms.ChoiceField(
        choices=YES_NO, error_messages={"required": "Answer every question"}
    )
    quote = forms.ChoiceField(choices=YES_NO, error_messages={"required": "Answer every question"})
    police = forms.ChoiceField(choices=YES_NO, error_messages={"required": "Answer every question"})
    how = forms.ChoiceField(error_messages={"required": "Choose how the survivor asked"})
    asked_day, asked_month, asked_year = day_box(), month_box(), year_box()
    note = forms.CharField(
        label="Note (optional)", required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["how"].choices = list(vocabulary.consent_channels().items())  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["asked_on"] = self.full_date("asked", "the date the survivor asked")
        return data

    @property
    def asked_input(self) -> DateInput:
        return self.date_input("asked")


def _year(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages={
            "invalid": f"{label} must be a year, like 1998",
            "min_value": f"{label} must be 1900 or later",
            "max_value": f"{label} must be a year, like 1998",
        },
    )


class AnonymisedForm(forms.Form):
    text = forms.CharField(
        label="Anonymised text",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        error_messages={"required": "Enter the anonymised text"},
    )
    period_start_year = _year("First year")
    period_end_year = _year("Last year")


class ReferralForm(_Dated):
    referred_day, referred_month, referred_year = day_box(), month_box(), year_box()
    force = forms.CharField(
        label="Police force", max_length=100, error_messages={"required": "Enter the police force"}
    )
    what_passed = forms.CharField(
        label="What was passed to the police",
        max_length=5000,
        widget=forms.Textarea,
        error_messages={"required": "Enter what was passed to the police"},
    )
    contact_details = forms.ChoiceField(
        choices=PoliceReferral.DETAILS_BASES,
        error_messages={"required": "Choose whether contact details were passed"},
    )
    reason = forms.CharField(
        label="Why contact details were passed without consent",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    police_reference = forms.CharField(
        label="Police reference (optional)", required=False, max_length=50
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["referred_on"] = self.full_date("referred", "the date of the referral")
        return data

    @property
    def referred_input(self) -> DateInput:
        return self.date_input("referred")
