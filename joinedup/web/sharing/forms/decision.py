"""The form that records a sharing decision, with GOV.UK error messages.

Fields are checked one by one here; the rules that tie fields together (a condition for
sensitive information, the Caldicott question, what sharing must say) are the service's
(`services/rules.py`), and their messages are attached to the field at fault so the
error summary links to it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms

from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput
from joinedup.web.records.models import Agency
from joinedup.web.sharing.forms.when import full_date, moment, time_of_day
from joinedup.web.sharing.models import SharingDecision as SD
from joinedup.web.sharing.services.inputs import AdviceInput, DecisionInput, Subject
from joinedup.web.sharing.services.rules import problems
from joinedup.web.sharing.services.vocabulary import bases, categories, conditions, vocabulary

__all__ = ["OTHER_ORGANISATION", "DecisionForm"]

OTHER_ORGANISATION = "other"
LONG, SHORT = 5000, 200
CALDICOTT = [
    (SD.CALDICOTT_NOT_NEEDED, "Not needed for this decision"),
    (SD.CALDICOTT_GIVEN, "I sought it and it was given: record it below"),
    (SD.CALDICOTT_SOUGHT, "I sought it and am waiting for it"),
]


def _text(label: str, required: str = "", limit: int = LONG, area: bool = True) -> forms.CharField:
    messages = {"max_length": f"{label} must be {limit:,} characters or fewer"}
    if required:
        messages["required"] = required
    widget = forms.Textarea if area else forms.TextInput
    return forms.CharField(required=bool(required), max_length=limit, label=label,
                           widget=widget, error_messages=messages)  # fmt: skip


def _choice(message: str, multiple: bool = False, required: bool = True) -> forms.Field:
    kind = forms.MultipleChoiceField if multiple else forms.ChoiceField
    return kind(required=required, error_messages={"required": message, "invalid_choice": message})


class DecisionForm(forms.Form):
    categories = _choice("Select the kinds of information", multiple=True)
    information = _text("Describe the information", "Describe the information")
    third_party = forms.BooleanField(
        required=False, label="This includes information about a third party"
    )
    third_party_protection = _text("How their identity is protected")
    recipient_agency = _choice("Select the agency, or name the organisation")
    recipient_body = _text("Name of the other organisation", limit=SHORT, area=False)
    recipient_person = _text("Name and role of the person", "Enter the name and role of the person",
                             SHORT, area=False)  # fmt: skip
    purpose = _choice("Select the purpose")
    purpose_detail = _text("Describe the purpose (optional)")
    lawful_basis = _choice("Select the lawful basis")
    conditions = _choice("Select conditions from the list", multiple=True, required=False)
    basis_note = _text("Why this basis applies (optional, needed for some bases)")
    outcome = _choice("Select whether you shared the information")
    reason = _text("Your reasons", "Enter your reasons for sharing or not sharing")
    shared_on_day, shared_on_month, shared_on_year = day_box(), month_box(), year_box()
    shared_time = _text("Time shared", limit=10, area=False)
    method = _choice("Select how the information was shared", required=False)
    shared_detail = _text("What exactly was shared")
    urgent = forms.BooleanField(
        required=False, label="Shared urgently, before it could be recorded"
    )
    urgent_reason = _text("Why it could not wait")
    advice = _text("Advice you sought before deciding (optional)")
    caldicott = _choice("Select whether you sought the Caldicott Guardian's advice", required=False)
    caldicott_advice = _text("The Caldicott Guardian's advice")
    caldicott_adviser = _text("Who gave the advice: name and role", limit=SHORT, area=False)
    advised_on_day, advised_on_month, advised_on_year = day_box(), month_box(), year_box()

    def __init__(self, data: Any, agency_kind: str, subject: Subject | None = None,
                 initial: dict[str, Any] | None = None) -> None:  # fmt: skip
        super().__init__(data, initial=initial)
        self.agency_kind, self.subject = agency_kind, subject or Subject()
        agencies = [(a.code, a.name) for a in Agency.objects.order_by("name")]
        self._choices("categories", [(c.code, c.label) for c in categories().values()])
        other = (OTHER_ORGANISATION, "Another organisation: name it below")
        self._choices("recipient_agency", [("", "Select an agency"), *agencies, other])
        self._choices("purpose", list(vocabulary("purposes").items()))
        self._choices("lawful_basis", [(b.code, b.label) for b in self.bases_offered()])
        self._choices("conditions", [(c.code, c.label) for c in conditions().values()])
        self._choices("outcome", [(SD.SHARED, "Shared"), (SD.NOT_SHARED, "Not shared")])
        self._choices("method", [("", "Select how"), *vocabulary("methods").items()])
        self._choices("caldicott", CALDICOTT)

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        self.fields[name].choices = choices  # type: ignore[attr-defined]

    def bases_offered(self) -> list[Any]:
        return [b for b in bases().values() if b.open_to(self.agency_kind)]

    def clean(self) -> dict[str, Any]:
        """Every problem at once: the fields' own, then the rules' on what was given."""
        data = super().clean() or {}
        shared_on = self._date("shared_on", "The date shared")
        at = self._time("shared_time", "The time shared")
        advised_on = self._date("advised_on", "The date the advice was given")
        shared_at = moment(shared_on, at) if shared_on else None
        data["decision"] = self._decision(data, shared_at, advised_on)
        for field, message in problems(data["decision"], self.subject, self.agency_kind).items():
            if field not in self.errors:
                self.add_error(field if field in self.fields else None, message)
        return data

    def _date(self, prefix: str, what: str) -> date | None:
        boxes = tuple(self.data.get(f"{prefix}_{p}", "") for p in ("day", "month", "year"))
        try:
            return full_date((boxes[0], boxes[1], boxes[2]), what)
        except forms.ValidationError as error:
            self.add_error(f"{prefix}_day", error)
            return None

    def _time(self, field: str, what: str) -> Any:
        try:
            return time_of_day(self.data.get(field, ""), what)
        except forms.ValidationError as error:
            self.add_error(field, error)
            return None

    def _decision(self, d: dict[str, Any], shared_at: datetime | None,
                  advised_on: date | None) -> DecisionInput:  # fmt: skip
        code = d.get("recipient_agency") or ""
        agency = Agency.objects.filter(code=code).first() if code != OTHER_ORGANISATION else None
        d = {
            name: d.get(name, field.initial if field.initial is not None else "")
            for name, field in self.fields.items()
        } | {"categories": d.get("categories") or (), "conditions": d.get("conditions") or ()}
        shared = d["outcome"] == SD.SHARED
        return DecisionInput(
            categories=tuple(d["categories"]), information=d["information"],
            recipient_person=d["recipient_person"], purpose=d["purpose"],
            lawful_basis=d["lawful_basis"], outcome=d["outcome"], reason=d["reason"],
            third_party=bool(d["third_party"]), third_party_protection=d["third_party_protection"],
            recipient_agency=agency, recipient_body=d["recipient_body"],
            purpose_detail=d["purpose_detail"], conditions=tuple(d["conditions"]),
            basis_note=d["basis_note"], shared_at=shared_at if shared else None,
            method=d["method"] if shared else "",
            shared_detail=d["shared_detail"] if shared else "",
            urgent=bool(d["urgent"]), urgent_reason=d["urgent_reason"], advice=d["advice"],
            caldicott=d["caldicott"],
            caldicott_advice=AdviceInput(d["caldicott_advice"], d["caldicott_adviser"], advised_on),
        )  # fmt: skip

    def date_input(self, prefix: str) -> DateInput:
        day, month, year = (self[f"{prefix}_{part}"] for part in ("day", "month", "year"))
        errors = [str(e) for box in (day, month, year) for e in box.errors]
        return DateInput(prefix, day, month, year, errors[0] if errors else "")

    @property
    def shared_on_input(self) -> DateInput:
        return self.date_input("shared_on")

    @property
    def advised_on_input(self) -> DateInput:
        return self.date_input("advised_on")
