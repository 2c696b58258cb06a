"""The meetings forms, with GOV.UK error messages (shown in the error summary).

Dates are GOV.UK date inputs (day, month, year boxes; all three needed here); a time is
one box ("10:30"). Choices that depend on the user or the meeting are given when the
form is made.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.meetings import vocabulary

__all__ = [
    "ActionForm",
    "ActionUpdateForm",
    "AddendumForm",
    "AttendanceForm",
    "ChildItemForm",
    "DecisionForm",
    "DiscussionForm",
    "MeetingForm",
    "MinutesForm",
    "PersonOfConcernForm",
    "StatusForm",
    "ThemeForm",
]

MAX_TEXT = 5000
_TIME = re.compile(r"^\s*([01]?\d|2[0-3])[:.]([0-5]\d)\s*$")


def _required(message: str, **more: str) -> dict[str, str]:
    return {"required": message, "invalid_choice": message, **more}


def _text(label: str, message: str, *, max_length: int = MAX_TEXT, area: bool = True,
          required: bool = True) -> forms.CharField:  # fmt: skip
    return forms.CharField(
        label=label, max_length=max_length, required=required,
        widget=forms.Textarea if area else forms.TextInput,
        error_messages=_required(message, max_length=f"{label} must be {max_length:,} "
                                 "characters or fewer"),
    )  # fmt: skip


class MeetingForm(DateInputs):
    kind = forms.ChoiceField(widget=forms.RadioSelect,
                             error_messages=_required("Select the kind of meeting"))  # fmt: skip
    on_day, on_month, on_year = day_box(), month_box(), year_box()
    at = forms.CharField(label="Time", required=False)
    venue = _text("Where", "Enter where the meeting is, or how to join it", max_length=200,
                  area=False)  # fmt: skip
    chair = forms.ChoiceField(label="Chair", error_messages=_required("Select the chair"))
    agencies = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        error_messages=_required("Select the agencies invited"),
    )

    def __init__(self, data: Any, chairs: list[tuple[str, str]],
                 agencies: list[tuple[str, str]], **kwargs: Any) -> None:  # fmt: skip
        super().__init__(data, **kwargs)
        kinds = vocabulary.kinds().values()
        self.fields["kind"].choices = [(k.code, f"{k.label}: {k.description.lower()} "  # type: ignore[attr-defined]
                                        f"({k.cadence.lower()})") for k in kinds]  # fmt: skip
        self.fields["chair"].choices = [("", "Choose the chair"), *chairs]  # type: ignore[attr-defined]
        self.fields["agencies"].choices = agencies  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = self.full_date("on", "The date of the meeting")
        at = _TIME.match(data.get("at") or "")
        if not at:
            self.add_error("at", "Enter the time the meeting starts, like 10:30 or 14:00")
        if day and at:
            moment = datetime.combine(day, time(int(at.group(1)), int(at.group(2))))
            data["starts_at"] = timezone.make_aware(moment)
        return data

    @property
    def on_input(self) -> DateInput:
        return self.date_input("on")


class ChildItemForm(forms.Form):
    person = forms.ChoiceField(label="Child", error_messages=_required("Select a child"))

    def __init__(self, data: Any, children: list[tuple[str, str]], chosen: str = "") -> None:
        super().__init__(data, prefix="child", initial={"person": chosen} if chosen else None)
        self.fields["person"].choices = [("", "Choose a child"), *children]  # type: ignore[attr-defined]


class PersonOfConcernForm(forms.Form):
    person_id = _text("Person id", "Enter the person id of an adult, like P-0000123",
                      max_length=20, area=False)  # fmt: skip

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, prefix="concern")


class ThemeForm(forms.Form):
    theme = _text("Theme", "Enter the theme", max_length=200, area=False)

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, prefix="theme")


class StatusForm(forms.Form):
    to = forms.ChoiceField(widget=forms.RadioSelect,
                           error_messages=_required("Select what has happened"))  # fmt: skip
    reason = _text("Why is it cancelled?", "", required=False, max_length=2000)

    def __init__(self, data: Any, choices: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["to"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to") == "cancelled" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Enter why the meeting is cancelled")
        return data


class AttendanceForm(forms.Form):
    agency = forms.ChoiceField(label="Agency", error_messages=_required("Select the agency"))
    name = _text("Name", "Enter the name of the person", max_length=150, area=False)
    job_title = _text("Job title", "", max_length=150, area=False, required=False)
    status = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=list(vocabulary.labels("attendance").items()),
        error_messages=_required("Select whether they attended, sent apologies or were absent"),
    )

    def __init__(self, data: Any, agencies: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["agency"].choices = [("", "Choose the agency"), *agencies]  # type: ignore[attr-defined]


class DiscussionForm(forms.Form):
    discussion = _text("Summary of the discussion", "Enter a summary of the discussion")


class DecisionForm(forms.Form):
    decision = _text("Decision", "Enter the decision")


class ActionForm(DateInputs):
    description = _text("What is to be done", "Enter what is to be done")
    owner = forms.ChoiceField(label="Owner", error_messages=_required("Select who owns the action"))
    agency = forms.ChoiceField(label="Owning agency",
                               error_messages=_required("Select the owning agency"))  # fmt: skip
    due_day, due_month, due_year = day_box(), month_box(), year_box()

    def __init__(self, data: Any, owners: list[tuple[str, str]],
                 agencies: list[tuple[str, str]]) -> None:  # fmt: skip
        super().__init__(data)
        self.fields["owner"].choices = [("", "Choose the owner"), *owners]  # type: ignore[attr-defined]
        self.fields["agency"].choices = [("", "Choose the agency"), *agencies]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["due_on"] = self.full_date("due", "The due date")
        return data

    @property
    def due_input(self) -> DateInput:
        return self.date_input("due")


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        widget=forms.RadioSelect,
        choices=list(vocabulary.labels("action_statuses").items()),
        error_messages=_required("Select the action's status"),
    )
    note = _text("What has been done", "Enter what has been done, or why the status changed")


class MinutesForm(forms.Form):
    minutes = _text("Minutes", "Enter the minutes", max_length=50_000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AddendumForm(forms.Form):
    addendum = _text("Correction", "Enter the correction")
