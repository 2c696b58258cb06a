"""The queue's filters (GET forms, so each filtered queue has its own address) and the
decision form, with GOV.UK error messages."""

from __future__ import annotations

from typing import Any

from django import forms

from joinedup.web.reviews.services.entity_pairs import KIND_LABELS, EntityFilters
from joinedup.web.reviews.services.queue import BANDS, QueueFilters

__all__ = ["DecisionForm", "EntityFiltersForm", "QueueFiltersForm"]

MAX_REASON = 2000


class _AgencyFilter(forms.Form):
    agency = forms.ChoiceField(
        required=False, label="Agency", error_messages={"invalid_choice": "Select an agency"}
    )

    def __init__(self, data: Any, agencies: list[tuple[str, str]]) -> None:
        super().__init__(data)
        self.fields["agency"].choices = [("", "Any agency"), *agencies]  # type: ignore[attr-defined]


class QueueFiltersForm(_AgencyFilter):
    band = forms.ChoiceField(
        required=False,
        label="How likely the same person",
        choices=[("", "Any"), *((band, label) for band, (label, _, _) in BANDS.items())],
        error_messages={"invalid_choice": "Select a band from the list"},
    )

    def filters(self) -> QueueFilters:
        """The filters chosen; none when the form is invalid."""
        if not self.is_valid():
            return QueueFilters()
        return QueueFilters(self.cleaned_data["agency"], self.cleaned_data["band"])


class EntityFiltersForm(_AgencyFilter):
    kind = forms.ChoiceField(
        required=False,
        label="Kind of record",
        choices=[("", "Any kind"), *KIND_LABELS.items()],
        error_messages={"invalid_choice": "Select a kind of record from the list"},
    )

    def filters(self) -> EntityFilters:
        if not self.is_valid():
            return EntityFilters()
        return EntityFilters(self.cleaned_data["kind"], self.cleaned_data["agency"])


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the two records are the same",
            "invalid_choice": "Select whether the two records are the same",
        },
    )
    reason = forms.CharField(
        widget=forms.Textarea,
        max_length=MAX_REASON,
        label="Your reason",
        error_messages={
            "required": "Enter your reason: what in the records shows it",
            "max_length": f"Your reason must be {MAX_REASON:,} characters or fewer",
        },
    )

    def __init__(self, data: Any, same: str, different: str) -> None:
        super().__init__(data)
        self.fields["decision"].choices = [("same", same), ("different", different)]  # type: ignore[attr-defined]

    @property
    def same(self) -> bool:
        return bool(self.cleaned_data["decision"] == "same")
