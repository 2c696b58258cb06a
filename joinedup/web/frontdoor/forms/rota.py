"""Adding a manager to the duty rota: who, and from when to when (date and time)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from joinedup.records.partial_dates import PartialDate
from joinedup.web.accounts.models import User
from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.frontdoor.services.urgent import escalation_holders

__all__ = ["RotaForm"]

TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")


def _time(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=5,
        error_messages={"required": f"Enter the {label.lower()}, like 09:00"},
    )


class RotaForm(DateInputs):
    manager = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label="Manager on duty",
        empty_label="Choose a manager",
        error_messages={
            "required": "Select the manager on duty",
            "invalid_choice": "Select the manager on duty",
        },
    )
    start_day, start_month, start_year = day_box(), month_box(), year_box()
    start_time = _time("Start time")
    end_day, end_month, end_year = day_box(), month_box(), year_box()
    end_time = _time("End time")

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        self.fields["manager"].queryset = escalation_holders()  # type: ignore[attr-defined]

    @property
    def start_input(self) -> DateInput:
        return self.date_input("start")

    @property
    def end_input(self) -> DateInput:
        return self.date_input("end")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["starts_at"] = self._moment("start", "The start date")
        data["ends_at"] = self._moment("end", "The end date")
        if data["starts_at"] and data["ends_at"] and data["ends_at"] <= data["starts_at"]:
            self.add_error("end_day", "The end of the duty must be after its start")
        return data

    def _moment(self, prefix: str, what: str) -> datetime | None:
        """The date and time typed for the start or end; None (with an error) if wrong."""
        day, time = self._day(prefix, what), self._time(prefix)
        if day is None or time is None:
            return None
        return timezone.make_aware(datetime(day.year, day.month or 1, day.day or 1, *time))

    def _day(self, prefix: str, what: str) -> PartialDate | None:
        day = self.partial_date(prefix, what)
        boxes_wrong = any(f"{prefix}_{part}" in self.errors for part in ("day", "month", "year"))
        if day is None and not boxes_wrong:
            self.add_error(f"{prefix}_day", f"Enter {what.lower()}")
        if day is not None and day.precision != "day":
            self.add_error(f"{prefix}_day", f"{what} must include a day and month")
            return None
        return day

    def _time(self, prefix: str) -> tuple[int, int] | None:
        field = f"{prefix}_time"
        if field not in self.cleaned_data:
            return None  # required: its own error says so
        found = TIME.match(str(self.cleaned_data[field]).strip())
        if found is None:
            self.add_error(field, f"Enter a real {prefix} time, like 09:00 or 17:30")
            return None
        return int(found[1]), int(found[2])
