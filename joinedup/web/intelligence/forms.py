"""The log's forms, with GOV.UK error messages: logging, assigning, responding,
reopening, the log's filters and the subject pickers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from joinedup.errors import InputError
from joinedup.records import vocabularies
from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.intelligence.services.subjects import (
    SubjectInput,
    subject_described,
    subject_for_phone,
    subject_for_vehicle,
)
from joinedup.web.intelligence.services.vocabulary import (
    decision,
    decisions,
    grade_part,
    source_types,
    tactics,
)

__all__ = [
    "AddPersonForm",
    "AssignForm",
    "FiltersForm",
    "LogItemForm",
    "PlaceSearchForm",
    "ReasonForm",
    "RespondForm",
    "role_choices",
]

MAX_TEXT = 10_000


def _choice(label: str, required: str, radios: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages={"required": required, "invalid_choice": required},
    )


def _text(label: str, required: str = "", max_length: int = MAX_TEXT) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=bool(required),
        widget=forms.Textarea,
        max_length=max_length,
        error_messages={
            "required": required,
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
    )


def grade_options(name: str) -> list[tuple[str, str, str]]:
    """(code, '2: Untested', meaning) for the hinted radios."""
    part = grade_part(name)
    return [(code, f"{code}: {label}", meaning) for code, (label, meaning) in part.codes.items()]


class LogItemForm(DateInputs):
    received_day, received_month, received_year = day_box(), month_box(), year_box()
    source_agency = _choice(
        "Agency that received it", "Select the agency that received it", radios=False
    )
    source_type = _choice("Who gave the information", "Select who gave the information")
    grade_source = _choice("Source evaluation", "Select the source evaluation (1, 2 or 3)")
    grade_intelligence = _choice(
        "Intelligence assessment", "Select the intelligence assessment (A to E)"
    )
    grade_handling = _choice("Handling code", "Select the handling code (P or C)")
    handling_conditions = forms.CharField(
        label="Conditions for sharing", required=False, max_length=500
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        error_messages={
            "required": "Enter a summary of the intelligence",
            "max_length": "Summary must be 300 characters or fewer",
        },
    )
    text = _text("The intelligence", "Enter the intelligence as it was received")
    people = _text("People not in the index", max_length=3000)
    vehicles = _text("Vehicle registrations", max_length=1000)
    phones = _text("Phone numbers", max_length=1000)

    def __init__(self, data: Any, agencies: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["source_agency"].choices = [("", "Select an agency"), *agencies]  # type: ignore[attr-defined]
        self.fields["source_type"].choices = list(source_types().items())  # type: ignore[attr-defined]
        for field, part in (
            ("grade_source", "source_evaluation"),
            ("grade_intelligence", "intelligence_assessment"),
            ("grade_handling", "handling_code"),
        ):
            self.fields[field].choices = [(c, label) for c, label, _ in grade_options(part)]  # type: ignore[attr-defined]

    @property
    def received_input(self) -> DateInput:
        return self.date_input("received")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["received_on"] = self._received_on()
        if data.get("grade_handling") == "C" and not data.get("handling_conditions", "").strip():
            self.add_error("handling_conditions", "Enter the conditions for sharing (code C)")
        data["subjects"] = [
            *self._lines("people", subject_described),
            *self._lines("vehicles", subject_for_vehicle),
            *self._lines("phones", subject_for_phone),
        ]
        return data

    def _received_on(self) -> date | None:
        received = self.full_date("received", "The date it was received")
        return self.not_in_future("received", "The date it was received", received)

    def _lines(self, field: str, make: Any) -> list[SubjectInput]:
        found = []
        for line in self.cleaned_data.get(field, "").splitlines():
            if not line.strip():
                continue
            try:
                found.append(make(line.strip()))
            except InputError as error:
                self.add_error(field, str(error))
        return found


class AssignForm(forms.Form):
    owner = _choice("New owner", "Select who will own the item", radios=False)
    reason = _text("Note for the new owner", max_length=2000)

    def __init__(self, data: Any, owners: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["owner"].choices = [("", "Select a person"), *owners]  # type: ignore[attr-defined]


class RespondForm(forms.Form):
    decision = _choice("Decision", "Select a decision")
    share_agency = forms.ChoiceField(
        label="Agency it is shared with",
        required=False,
        error_messages={"invalid_choice": "Select an agency from the list"},
    )
    case_reference = forms.CharField(label="Case reference", required=False, max_length=20)
    tactic = forms.ChoiceField(
        label="Disruption tactic",
        required=False,
        error_messages={"invalid_choice": "Select a tactic from the list"},
    )
    rationale = _text("Rationale", "Enter the rationale for the decision")
    actions_taken = _text("Actions taken")

    def __init__(self, data: Any, agencies: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["decision"].choices = [(d.code, d.label) for d in decisions().values()]  # type: ignore[attr-defined]
        self.fields["share_agency"].choices = [("", "Select an agency"), *agencies]  # type: ignore[attr-defined]
        self.fields["tactic"].choices = [("", "Select a tactic"), *tactics().items()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = decision(data.get("decision", ""))
        needs = chosen.needs if chosen else frozenset()
        if "agency" in needs and not data.get("share_agency"):
            self.add_error("share_agency", "Select the agency it is shared with")
        if "case" in needs and not data.get("case_reference", "").strip():
            self.add_error("case_reference", "Enter the case reference, such as CASE-000123")
        if "tactic" in needs and not data.get("tactic"):
            self.add_error("tactic", "Select the disruption tactic")
        if "rationale" in data and not data["rationale"].strip():
            self.add_error("rationale", "Enter the rationale for the decision")
        return data

    def decision_options(self) -> list[tuple[str, str, str]]:
        return [(d.code, d.label, d.hint) for d in decisions().values()]


class ReasonForm(forms.Form):
    reason = _text("Why it is being reopened", "Enter why the item is being reopened", 2000)


STATUS_CHOICES = [
    ("", "Any"),
    ("open", "Open (not yet responded)"),
    ("logged", "Logged"),
    ("assigned", "Assigned"),
    ("under_review", "Under review"),
    ("responded", "Responded (closed)"),
]


class FiltersForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=STATUS_CHOICES,
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    grade_source = forms.ChoiceField(
        label="Source evaluation",
        required=False,
        error_messages={"invalid_choice": "Select a source evaluation"},
    )
    grade_intelligence = forms.ChoiceField(
        label="Intelligence assessment",
        required=False,
        error_messages={"invalid_choice": "Select an intelligence assessment"},
    )
    overdue = forms.BooleanField(label="Only items past their deadline", required=False)
    subject = forms.CharField(label="Subject", required=False, max_length=100)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        for field, part in (
            ("grade_source", "source_evaluation"),
            ("grade_intelligence", "intelligence_assessment"),
        ):
            self.fields[field].choices = [("", "Any"), *grade_part(part).choices()]  # type: ignore[attr-defined]


def role_choices() -> list[tuple[str, str]]:
    roles = sorted(vocabularies.codes("participant_role"))
    return [("", "Not said"), *((r, vocabularies.label("participant_role", r)) for r in roles)]


class AddPersonForm(forms.Form):
    person_id = forms.CharField(max_length=20, error_messages={"required": "Select a person"})
    role = forms.ChoiceField(
        required=False,
        label="How they are involved",
        error_messages={"invalid_choice": "Select how they are involved"},
    )

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.fields["role"].choices = role_choices()  # type: ignore[attr-defined]


class PlaceSearchForm(forms.Form):
    place = forms.CharField(
        label="Name, address or postcode",
        max_length=100,
        error_messages={"required": "Enter a name, address or postcode"},
    )
