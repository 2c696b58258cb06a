"""Forms of the themes pages (GOV.UK error summary: each field's message says what to do)."""

from __future__ import annotations

from typing import Any, cast

from django import forms

__all__ = ["CodeForm", "CodingForm", "ReasonForm"]


class CodeForm(forms.Form):
    key = forms.SlugField(
        label="Short name",
        max_length=60,
        error_messages={
            "required": "Enter a short name for the code",
            "invalid": "Use only lower-case letters, numbers and hyphens in the short name",
        },
    )
    label = forms.CharField(
        label="Name", max_length=120, error_messages={"required": "Enter the code's name"}
    )
    parent = forms.ChoiceField(label="Sits under", required=False)
    definition = forms.CharField(
        label="Definition", widget=forms.Textarea, error_messages={"required": "Enter a definition"}
    )
    include_note = forms.CharField(
        label="Code here (optional)", required=False, widget=forms.Textarea
    )
    exclude_note = forms.CharField(
        label="Do not code here (optional)", required=False, widget=forms.Textarea
    )
    source = forms.CharField(label="Source (optional)", required=False, max_length=300)
    change_note = forms.CharField(label="Why it is changing", required=False, widget=forms.Textarea)

    def __init__(
        self, *args: Any, parents: list[tuple[str, str]], editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["parent"]).choices = [
            ("", "Nothing: a top-level code"),
            *parents,
        ]
        if editing:
            del self.fields["key"]
            self.fields["change_note"].required = True
            self.fields["change_note"].error_messages["required"] = "Say why the code is changing"
        else:
            del self.fields["change_note"]


class CodingForm(forms.Form):
    code = forms.ChoiceField(label="Code", error_messages={"required": "Choose a code"})
    excerpt = forms.CharField(label="Excerpt (optional)", required=False, widget=forms.Textarea)
    occurrence = forms.IntegerField(
        label="Which time the excerpt appears (optional)",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Enter a whole number, such as 2, for which time the excerpt appears",
            "min_value": "Enter 1 or more for which time the excerpt appears",
        },
    )
    memo = forms.CharField(label="Memo (optional)", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, codes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["code"]).choices = [("", "Choose a code"), *codes]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea, error_messages={"required": "Enter the reason"}
    )
