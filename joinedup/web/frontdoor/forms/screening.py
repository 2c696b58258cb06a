"""The screening steps' forms. Each carries the contact's `version` as the screener saw
it, so a step taken on a contact someone else changed since is refused."""

from __future__ import annotations

from typing import Any

from django import forms

from joinedup.web.frontdoor.services.vocabulary import decisions, ratings

__all__ = ["DecisionForm", "LinkChildForm", "RatingForm", "UrgentForm", "VersionForm"]

NOT_FOUND = "not_found"


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, data: Any = None, *, version: int | None = None, initial: dict[str, Any] | None = None
    ) -> None:
        super().__init__(data, initial={**(initial or {}), "version": version})


def _reason(label: str, required: bool, message: str = "") -> forms.CharField:
    return forms.CharField(
        required=required,
        max_length=10_000,
        widget=forms.Textarea,
        label=label,
        error_messages={
            "required": message,
            "max_length": f"{label} must be 10,000 characters or fewer",
        },
    )


class LinkChildForm(VersionForm):
    """The child chosen from the search results, or "not in the person index"."""

    child = forms.CharField(
        max_length=20,
        error_messages={
            "required": "Select the child, or that the child is not in the person index"
        },
    )

    @property
    def not_found(self) -> bool:
        return bool(self.cleaned_data["child"] == NOT_FOUND)


def _options(field: forms.BoundField, hints: dict[str, str]) -> list[dict[str, object]]:
    """Radios with a hint each, for frontdoor/govuk/radios_with_hints.html."""
    chosen = str(field.value() or "")
    return [
        {"value": value, "label": label, "hint": hints.get(value, ""), "checked": value == chosen}
        for value, label in field.field.choices  # type: ignore[attr-defined]
    ]


class RatingForm(VersionForm):
    rag = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Select a RAG rating", "invalid_choice": "Select a RAG rating"},
    )
    rationale = _reason("Rationale", True, "Enter the rationale: what you weighed and why")

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["rag"].choices = [(c, r.label) for c, r in ratings().items()]  # type: ignore[attr-defined]

    @property
    def rag_options(self) -> list[dict[str, object]]:
        return _options(self["rag"], {c: r.definition for c, r in ratings().items()})


class DecisionForm(VersionForm):
    decision = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision", "invalid_choice": "Select the decision"},
    )
    reason = _reason("Reason for the decision", False)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["decision"].choices = [(c, d.label) for c, d in decisions().items()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = decisions().get(str(data.get("decision", "")))
        if chosen and chosen.reason_required and not str(data.get("reason", "")).strip():
            self.add_error("reason", f"Enter the reason for {chosen.label.lower()}")
        return data

    @property
    def decision_options(self) -> list[dict[str, object]]:
        return _options(self["decision"], {c: d.hint for c, d in decisions().items()})


class UrgentForm(VersionForm):
    reason = _reason(
        "Why the contact needs action now", True, "Enter why the contact needs action now"
    )
