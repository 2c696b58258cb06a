"""The purpose and break-glass forms (GOV.UK error messages)."""

from __future__ import annotations

from typing import Any

from django import forms

from joinedup.web.access import roles
from joinedup.web.access.services import MIN_BREAK_GLASS_REASON


class PurposeForm(forms.Form):
    purpose = forms.ChoiceField(
        label="Why are you opening this record?",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are opening this record"},
    )
    detail = forms.CharField(
        label="Describe the purpose",
        required=False,
        max_length=500,
        error_messages={"max_length": "Describe the purpose in 500 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = list(roles.purposes().items())  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("purpose") == "other" and not data.get("detail", "").strip():
            self.add_error("detail", "Describe the purpose")
        return data


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to see this record now?",
        min_length=MIN_BREAK_GLASS_REASON,
        max_length=2000,
        error_messages={
            "required": "Enter why you need to see this record now",
            "min_length": f"Reason must be {MIN_BREAK_GLASS_REASON} characters or more",
            "max_length": "Reason must be 2,000 characters or fewer",
        },
    )
