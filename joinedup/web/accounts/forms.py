"""The sign-in forms. Messages follow the GOV.UK Design System's error message guidance."""

from __future__ import annotations

from django import forms

__all__ = ["CodeForm", "SignInForm"]


class SignInForm(forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        error_messages={"required": "Enter your username"},
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter your password"},
    )


class CodeForm(forms.Form):
    code = forms.RegexField(
        label="Security code",
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "invalid": "Enter the code as 6 digits, like 123456",
        },
    )
