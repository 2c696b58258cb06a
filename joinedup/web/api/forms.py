"""The form for making an API token on the account page (GOV.UK error messages)."""

from __future__ import annotations

from django import forms

from joinedup.web.api.tokens import DEFAULT_DAYS, MAX_DAYS

__all__ = ["TokenForm"]


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "What the token is for must be 100 characters or fewer",
        },
    )
    days = forms.IntegerField(
        label="How many days should it work for?",
        min_value=1,
        max_value=MAX_DAYS,
        initial=DEFAULT_DAYS,
        error_messages={
            "required": "Enter how many days the token should work for",
            "invalid": "Days must be a whole number, like 30",
            "min_value": "Days must be 1 or more",
            "max_value": f"Days must be {MAX_DAYS} or fewer",
        },
    )
