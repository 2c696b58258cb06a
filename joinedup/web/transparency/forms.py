"""The one form of the staff pages: which year, under which profile, and a note."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from joinedup.transparency import FinancialYear
from joinedup.web.transparency.services.publishing import (
    DEFAULT_PROFILE,
    profile_choices,
    publishable_years,
)


class PublishForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Which year?", coerce=int, error_messages={"required": "Select the year to publish"}
    )
    profile = forms.ChoiceField(
        label="Disclosure-control profile",
        initial=DEFAULT_PROFILE,
        error_messages={"required": "Select a disclosure-control profile"},
    )
    note = forms.CharField(
        label="Note (required when the year is already published)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = publishable_years(timezone.localdate())
        self.fields["year"].choices = [(str(y.start), _year_label(y)) for y in years[:6]]  # type: ignore[attr-defined]
        self.fields["profile"].choices = profile_choices()  # type: ignore[attr-defined]

    def chosen_year(self) -> FinancialYear:
        return FinancialYear(self.cleaned_data["year"])


def _year_label(year: FinancialYear) -> str:
    today = timezone.localdate()
    so_far = " (so far)" if year.contains(today) else ""
    return f"{year.label}: {year.title}{so_far}"
