"""The cases app's forms, with GOV.UK error messages.

Every form that changes a case carries the version of the case the worker saw
(`version`, hidden): the service refuses a save made from an older version
(services/versioning.py). Dates are GOV.UK date inputs (three boxes).
"""

from __future__ import annotations

from typing import Any

from django import forms

from joinedup.web.access import roles
from joinedup.web.accounts.models import Team, User
from joinedup.web.cases.services.vocabularies import context_kinds, flag_definitions, plan_types
from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInputs

__all__ = [
    "AllocateForm",
    "CaseFiltersForm",
    "CloseForm",
    "EndAllocationForm",
    "FlagForm",
    "NoteForm",
    "OpenChildCaseForm",
    "OpenContextCaseForm",
    "PlanActionForm",
    "PlanForm",
    "ReasonForm",
    "ReviewForm",
    "VersionForm",
]

MAX_REASON = 2000
STALE = "This page is out of date: open the case again"


def _text(label: str, required: str, *, long: bool = True, max_length: int = MAX_REASON) -> Any:
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea if long else forms.TextInput,
        error_messages={
            "required": required,
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
    )


class VersionForm(DateInputs):
    """A form that changes a case: it carries the version the worker saw."""

    version = forms.IntegerField(
        widget=forms.HiddenInput, min_value=1, error_messages={"required": STALE, "invalid": STALE}
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "version" in self.errors:
            self.errors.pop("version")
            self.add_error(None, STALE)
        return data

    def show_version(self, version: int) -> None:
        """After a refused save, carry the current version, so that saving again (having
        seen what changed) is a deliberate choice."""
        self.data = {**{key: self.data[key] for key in self.data}, "version": str(version)}


class CaseFiltersForm(forms.Form):
    """The list's filters: a GET form, so each filtered list has its own address."""

    status = forms.ChoiceField(
        required=False,
        label="Status",
        choices=[("open", "Open"), ("closed", "Closed"), ("any", "Open or closed")],
    )
    flag = forms.ChoiceField(required=False, label="Flag")
    subject_kind = forms.ChoiceField(
        required=False,
        label="About",
        choices=[("", "A child or a context"), ("child", "A child"), ("context", "A context")],
    )

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        flags = [(c, f"{f.label}: {f.name}") for c, f in flag_definitions().items()]
        self.fields["flag"].choices = [("", "Any or none"), *flags]  # type: ignore[attr-defined]

    def chosen(self) -> dict[str, str]:
        if not self.is_valid():
            return {"status": "open", "flag": "", "subject_kind": ""}
        data = self.cleaned_data
        status = {"": "open", "any": ""}.get(data["status"], data["status"])
        return {"status": status, "flag": data["flag"], "subject_kind": data["subject_kind"]}


class OpenChildCaseForm(forms.Form):
    person_id = forms.CharField(
        widget=forms.HiddenInput,
        max_length=20,
        error_messages={"required": "Choose the child: search for them first"},
    )
    reason = _text("Why the case is being opened", "Enter why the case is being opened")


class OpenContextCaseForm(forms.Form):
    context_kind = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of context",
            "invalid_choice": "Select the kind of context",
        },
    )
    context_name = _text(
        "Name of the context", "Enter the name of the context", long=False, max_length=200
    )
    place_id = forms.CharField(
        required=False,
        max_length=12,
        label="Place ID from the index (optional)",
        error_messages={"max_length": "Place ID must be 12 characters or fewer"},
    )
    reason = _text("Why the case is being opened", "Enter why the case is being opened")

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        kinds = [(code, kind["label"]) for code, kind in context_kinds().items()]
        self.fields["context_kind"].choices = kinds  # type: ignore[attr-defined]


def _worker_roles() -> list[str]:
    return [role for role in roles.roles() if "work_cases" in roles.capabilities(role)]


class AllocateForm(VersionForm):
    team = forms.ChoiceField(
        label="Team",
        error_messages={"required": "Select a team", "invalid_choice": "Select a team"},
    )
    worker = forms.ChoiceField(
        required=False,
        label="Worker",
        error_messages={"invalid_choice": "Select a worker from the list"},
    )

    def __init__(self, data: Any, initial: dict[str, Any] | None = None) -> None:
        super().__init__(data, initial=initial)
        teams = [(str(t.pk), t.name) for t in Team.objects.order_by("name")]
        self.fields["team"].choices = [("", "Select a team"), *teams]  # type: ignore[attr-defined]
        self.fields["worker"].choices = [("", "No worker yet: the team's queue"), *_workers()]  # type: ignore[attr-defined]

    def chosen(self) -> tuple[Team, User | None]:
        team = Team.objects.get(pk=self.cleaned_data["team"])
        worker_id = self.cleaned_data["worker"]
        return team, User.objects.get(pk=worker_id) if worker_id else None


def _workers() -> list[tuple[str, str]]:
    users = User.objects.filter(role__in=_worker_roles(), is_active=True).select_related("team")
    return [
        (str(u.pk), f"{u.get_full_name() or u.username} ({u.team.name if u.team else 'no team'})")
        for u in users.order_by("team__name", "username")
    ]


class ReasonForm(VersionForm):
    """A change with a reason only: ending an allocation, removing a flag, reopening."""

    reason = _text("Reason", "Enter the reason")

    def __init__(self, data: Any, label: str, required: str, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = required


class EndAllocationForm(ReasonForm):
    def __init__(self, data: Any, **kwargs: Any) -> None:
        label, required = "Why the allocation is ending", "Enter why the allocation is ending"
        super().__init__(data, label, required, **kwargs)


class CloseForm(VersionForm):
    reason = _text("Why the case is being closed", "Enter why the case is being closed")
    closed_day, closed_month, closed_year = day_box(), month_box(), year_box()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        closed = self.full_date("closed", "The date the case closed")
        data["closed_on"] = self.not_in_future("closed", "The date the case closed", closed)
        return data

    @property
    def closed_input(self) -> Any:
        return self.date_input("closed")


class FlagForm(VersionForm):
    flag = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Select a flag", "invalid_choice": "Select a flag"},
    )
    reason = _text("Why the flag is being set", "Enter why the flag is being set")

    def __init__(self, data: Any, choices: list[str], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        flags = flag_definitions()
        self.fields["flag"].choices = [  # type: ignore[attr-defined]
            (code, f"{flags[code].label}: {flags[code].name}") for code in choices
        ]


class PlanForm(VersionForm):
    plan_type = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the type of plan",
            "invalid_choice": "Select the type of plan",
        },
    )
    aims = _text("What the plan is for", "Enter what the plan is for", max_length=5000)
    start_day, start_month, start_year = day_box(), month_box(), year_box()
    review_day, review_month, review_year = day_box(), month_box(), year_box()

    def __init__(self, data: Any, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        types = [(code, t["label"]) for code, t in plan_types().items()]
        self.fields["plan_type"].choices = types  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["start_date"] = self.full_date("start", "The start date")
        data["review_date"] = self.full_date("review", "The review date", required=False)
        start, review = data["start_date"], data["review_date"]
        if start and review and review < start:
            self.add_error("review_day", "The review date must be on or after the start date")
        return data

    @property
    def start_input(self) -> Any:
        return self.date_input("start")

    @property
    def review_input(self) -> Any:
        return self.date_input("review")


class PlanActionForm(VersionForm):
    what = _text("What is to be done", "Enter what is to be done", long=False, max_length=300)
    who = _text("Who will do it", "Enter who will do it", long=False, max_length=150)
    due_day, due_month, due_year = day_box(), month_box(), year_box()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["due_on"] = self.full_date("due", "The date it is due by")
        return data

    @property
    def due_input(self) -> Any:
        return self.date_input("due")


class ReviewForm(VersionForm):
    outcome = _text("What the review concluded", "Enter what the review concluded", max_length=5000)
    held_day, held_month, held_year = day_box(), month_box(), year_box()
    next_day, next_month, next_year = day_box(), month_box(), year_box()
    end_plan = forms.BooleanField(required=False, label="End the plan: no further review")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        held = self.full_date("held", "The date the review was held")
        data["held_on"] = self.not_in_future("held", "The date the review was held", held)
        following = self.full_date("next", "The next review date", required=False)
        if following is None and not data.get("end_plan") and "next_day" not in self.errors:
            self.add_error("next_day", "Enter the next review date, or end the plan")
        if following is not None and data.get("end_plan"):
            self.add_error("next_day", "Leave the next review date empty to end the plan")
        if following and data["held_on"] and following <= data["held_on"]:
            self.add_error("next_day", "The next review must be after this one")
        data["next_review_date"] = None if data.get("end_plan") else following
        return data

    @property
    def held_input(self) -> Any:
        return self.date_input("held")

    @property
    def next_input(self) -> Any:
        return self.date_input("next")


class NoteForm(forms.Form):
    text = forms.CharField(
        required=False,
        label="Case note",
        widget=forms.Textarea,
        max_length=20_000,
        strip=False,
        error_messages={"max_length": "The case note must be 20,000 characters or fewer"},
    )
    corrects = forms.IntegerField(required=False, widget=forms.HiddenInput)
