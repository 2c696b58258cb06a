"""The auditor pages' filter form (GET, so a filtered page can be bookmarked)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms

from joinedup.web.audit.queries import AuditFilters
from joinedup.web.audit.vocabulary import actions_in_area, known_actions

_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %m %Y")


class GovukDateField(forms.CharField):
    """A date typed as 27/3/2025 (or 2025-03-27)."""

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        for format_ in _DATE_FORMATS:
            try:
                return datetime.strptime(text, format_).date()
            except ValueError:
                continue
        raise forms.ValidationError(
            f"{self.label} must be a real date, like 27/3/2025", code="invalid"
        )


class AuditFilterForm(forms.Form):
    username = forms.CharField(label="Username", required=False, max_length=150)
    person = forms.CharField(label="Child or person ID", required=False, max_length=128)
    action = forms.ChoiceField(label="Action", required=False)
    start = GovukDateField(label="From date", required=False)
    end = GovukDateField(label="To date", required=False)

    def __init__(
        self, *args: Any, with_action: bool = True, area: str = "council", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if with_action:
            ours = actions_in_area(area)
            known = [(a, label) for a, label in known_actions().items() if a in ours]
            choices = [("", "Any action"), *sorted(known, key=lambda c: c[1])]
            self.fields["action"].choices = choices  # type: ignore[attr-defined]
        else:
            del self.fields["action"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "To date must be the same as or after From date")
        return cleaned

    def filters(self) -> AuditFilters:
        """The filters; none when the form is not valid (the page shows its errors)."""
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            data.get("username", ""), data.get("person", ""), data.get("action", ""),
            data.get("start"), data.get("end"),
        )  # fmt: skip
