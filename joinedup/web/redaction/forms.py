"""The redaction pages' forms, with GOV.UK error messages that say what to do."""

from __future__ import annotations

from typing import Any

from django import forms

from joinedup.web.redaction.models import Redaction
from joinedup.web.redaction.services.protocol import cipher_kinds, grounds, stages

__all__ = [
    "AcceptPersonForm",
    "CheckForm",
    "CipherForm",
    "DecisionForm",
    "ManualForm",
    "ProduceForm",
    "WithdrawForm",
]

REASON_LIMIT = 2000


def _ground_choices() -> list[tuple[str, str]]:
    return [("", "Choose a ground"), *((g.key, g.label) for g in grounds().values())]


def _reason(label: str, required_message: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=REASON_LIMIT,
        widget=forms.Textarea,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {REASON_LIMIT:,} characters or fewer",
        },
    )


def _ground(required: bool) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Ground for the redaction",
        choices=_ground_choices,
        required=required,
        error_messages={"required": "Choose the ground for the redaction"},
    )


def _applies() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Which copies does the redaction apply to?",
        choices=Redaction.APPLIES,
        initial=Redaction.ALL_STAGES,
        error_messages={"required": "Choose which copies the redaction applies to"},
    )


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept: redact it"), ("reject", "Reject: leave it in")],
        error_messages={"required": "Choose whether to accept or reject the suggestion"},
    )
    ground = _ground(required=False)
    applies_to = _applies()
    reason = _reason("Reason", "Enter the reason for your decision")
    version = _version()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "accept" and not data.get("ground"):
            self.add_error("ground", "Choose the ground for the redaction")
        return data


class AcceptPersonForm(forms.Form):
    person_ref = forms.ChoiceField(label="Person", error_messages={"required": "Choose the person"})
    ground = _ground(required=True)
    applies_to = _applies()
    reason = _reason("Reason", "Enter the reason for redacting this person")

    def __init__(self, *args: Any, people: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person_ref"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a person"), *people]


class ManualForm(forms.Form):
    exact_text = forms.CharField(
        label="Exact text to redact",
        required=False,
        max_length=1000,
        error_messages={"max_length": "The text must be 1,000 characters or fewer"},
    )
    occurrence = forms.IntegerField(
        label="Which occurrence", required=False, min_value=1, initial=1,
        error_messages={"invalid": "Enter the occurrence as a number, such as 1",
                        "min_value": "The occurrence must be 1 or more"},
    )  # fmt: skip
    start = forms.IntegerField(
        label="From character", required=False, min_value=0,
        error_messages={"invalid": "Enter the first character as a number",
                        "min_value": "The first character must be 0 or more"},
    )  # fmt: skip
    end = forms.IntegerField(
        label="To character (not included)", required=False, min_value=1,
        error_messages={"invalid": "Enter the last character as a number",
                        "min_value": "The last character must be 1 or more"},
    )  # fmt: skip
    ground = _ground(required=True)
    applies_to = _applies()
    reason = _reason("Reason", "Enter the reason for the redaction")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        by_text = bool(data.get("exact_text"))
        by_position = data.get("start") is not None or data.get("end") is not None
        if by_text == by_position and not self.errors:
            self.add_error(
                "exact_text",
                "Enter either the exact text to redact, or the first and last character",
            )
        elif by_position and (data.get("start") is None or data.get("end") is None):
            self.add_error("start", "Enter both the first and the last character")
        return data


class CheckForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("agree", "Agree with the decision"), ("send_back", "Send it back")],
        error_messages={"required": "Choose whether you agree or send the decision back"},
    )
    note = _reason("Note", "Say why you are sending the decision back", required=False)
    version = _version()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "send_back" and not (data.get("note") or "").strip():
            self.add_error("note", "Say why you are sending the decision back")
        return data


class ProduceForm(forms.Form):
    stage = forms.ChoiceField(
        choices=lambda: [(s.key, s.label) for s in stages().values()],
        error_messages={"required": "Choose the stage the copy is for"},
    )


class WithdrawForm(forms.Form):
    reason = _reason("Why is the release withdrawn?", "Say why the release is withdrawn")


class CipherForm(forms.Form):
    kind = forms.ChoiceField(
        choices=lambda: [(k, label) for k, (_, label) in cipher_kinds().items()],
        error_messages={"required": "Choose the kind of protected person"},
    )
    person_ref = forms.RegexField(
        r"^P-[0-9]+$",
        label="Person index id (if they are in the index)",
        required=False,
        max_length=20,
        error_messages={"invalid": "Enter a person index id like P-0000012, or leave it empty"},
    )
    name = forms.CharField(
        label="Name (if they are not in the index)",
        required=False,
        max_length=200,
        error_messages={"max_length": "The name must be 200 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (data.get("person_ref") or data.get("name", "").strip()):
            self.add_error("person_ref", "Enter the person's index id or their name")
        return data
