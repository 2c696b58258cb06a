"""The smaller forms: what a new decision is about, a decision about a context, a
correction, the register's filters and the Caldicott Guardian's advice."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.records.models import Agency
from joinedup.web.sharing.forms.decision import DecisionForm, _choice, _text
from joinedup.web.sharing.forms.when import full_date
from joinedup.web.sharing.models import SharingDecision as SD
from joinedup.web.sharing.services.inputs import AdviceInput, Subject
from joinedup.web.sharing.services.register import RegisterFilters
from joinedup.web.sharing.services.vocabulary import bases, vocabulary

__all__ = ["AdviceForm", "ContextDecisionForm", "CorrectionForm", "FiltersForm", "SubjectForm"]

CHILD, CONTEXT = SD.CHILD, SD.CONTEXT
OUTCOMES = [(SD.SHARED, "Shared"), (SD.NOT_SHARED, "Not shared")]


class SubjectForm(forms.Form):
    about = _choice("Select whether the decision is about a child or a context")
    person_id = _text("Person id of the child", limit=20, area=False)

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        self.fields["about"].choices = [  # type: ignore[attr-defined]
            (CHILD, "A child in the person index"),
            (CONTEXT, "A context (a place, peer group, school or online space) or something else"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["person_id"] = data.get("person_id", "").strip().upper()
        if data.get("about") == CHILD and not data["person_id"]:
            self.add_error("person_id", "Enter the person id of the child, like P-0000123")
        return data


class ContextDecisionForm(DecisionForm):
    context_kind = _choice("Select what kind of context the decision is about")
    context_name = _text(
        "Name of the place, group, school or space",
        "Enter the name of the place, group, school or space",
        200,
        area=False,
    )
    field_order = ["context_kind", "context_name"]

    def __init__(self, data: Any, agency_kind: str, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, agency_kind, initial=initial)
        self._choices("context_kind", list(vocabulary("context_kinds").items()))

    def clean(self) -> dict[str, Any]:
        given = self.cleaned_data
        self.subject = Subject(None, given.get("context_kind", ""), given.get("context_name", ""))
        return super().clean()


class CorrectionForm(DecisionForm):
    correction_reason = _text(
        "What was wrong with the decision you are correcting",
        "Enter what was wrong with the decision you are correcting",
    )
    field_order = ["correction_reason"]


class FiltersForm(DateInputs):
    outcome = _choice("Select shared or not shared", required=False)
    agency = _choice("Select an agency from the list", required=False)
    basis = _choice("Select a lawful basis from the list", required=False)
    start_day, start_month, start_year = day_box(), month_box(), year_box()
    end_day, end_month, end_year = day_box(), month_box(), year_box()

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        agencies = Agency.objects.order_by("name").values_list("code", "name")
        choices = {
            "outcome": [("", "Shared or not"), *OUTCOMES],
            "agency": [("", "Any agency"), *agencies],
            "basis": [("", "Any basis"), *((b.code, b.label) for b in bases().values())],
        }  # fmt: skip
        for name, offered in choices.items():
            self.fields[name].choices = offered  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = self.partial_date("start", "From"), self.partial_date("end", "To")
        if start and end and end.latest() < start.earliest():
            self.add_error("end_day", "The end of the period must be after its start")
        data["filters"] = RegisterFilters(
            data.get("outcome", ""), data.get("agency", ""), data.get("basis", ""),
            start.earliest() if start else None, end.latest() if end else None,
        )  # fmt: skip
        return data

    def filters(self) -> RegisterFilters:
        return self.cleaned_data["filters"] if self.is_valid() else RegisterFilters()

    @property
    def start_input(self) -> DateInput:
        return self.date_input("start")

    @property
    def end_input(self) -> DateInput:
        return self.date_input("end")


class AdviceForm(forms.Form):
    advice = _text("The Caldicott Guardian's advice", "Enter the Caldicott Guardian's advice")
    adviser = _text("Who gave the advice: name and role", "Enter who gave the advice", 200, False)
    advised_on_day, advised_on_month, advised_on_year = day_box(), month_box(), year_box()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        boxes = tuple(data.get(f"advised_on_{p}", "") for p in ("day", "month", "year"))
        on: date | None = None
        try:
            on = full_date((boxes[0], boxes[1], boxes[2]), "The date the advice was given")
        except forms.ValidationError as error:
            self.add_error("advised_on_day", error)
        if on is None and "advised_on_day" not in self.errors:
            self.add_error("advised_on_day", "Enter the date the advice was given")
        data["given"] = AdviceInput(data.get("advice", ""), data.get("adviser", ""), on)
        return data

    @property
    def advised_on_input(self) -> DateInput:
        day, month, year = (self[f"advised_on_{p}"] for p in ("day", "month", "year"))
        errors = [str(e) for box in (day, month, year) for e in box.errors]
        return DateInput("advised_on", day, month, year, errors[0] if errors else "")
