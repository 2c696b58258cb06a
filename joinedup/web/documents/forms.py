"""The documents app's forms, with GOV.UK error messages (each says what to do)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput, DateInputs
from joinedup.web.documents.models import Document
from joinedup.web.inquiry.models import EvidenceRequest, Inquiry, LineOfInquiry
from joinedup.web.records.models import Agency

__all__ = [
    "ChangeDetailsForm",
    "DetailsForm",
    "FiltersForm",
    "TagForm",
    "UploadForm",
    "VersionForm",
]

SHA256 = re.compile(r"^[0-9a-f]{64}$")


class _Dates(DateInputs):
    """A form with GOV.UK date inputs (`DateInputs.full_date`)."""


def _agency_choices() -> list[tuple[str, str]]:
    return [("", "Not from an agency"), *((a.code, str(a)) for a in Agency.objects.all())]


class DetailsForm(_Dates):
    """A document's metadata: on upload, and when it changes later."""

    title = forms.CharField(
        label="Title",
        max_length=300,
        error_messages={
            "required": "Enter the document's title",
            "max_length": "Title must be 300 characters or fewer",
        },
    )
    dated_day, dated_month, dated_year = day_box(), month_box(), year_box()
    author = forms.CharField(
        label="From or author (optional)",
        max_length=200,
        required=False,
        error_messages={"max_length": "From or author must be 200 characters or fewer"},
    )
    agency = forms.ChoiceField(
        label="Agency (optional)",
        required=False,
        error_messages={"invalid_choice": "Choose an agency from the list"},
    )
    request = forms.ChoiceField(
        label="Evidence request it was returned under (optional)",
        required=False,
        error_messages={"invalid_choice": "Choose an evidence request from the list"},
    )
    live_investigation = forms.BooleanField(
        label="It bears on a live criminal investigation", required=False
    )
    live_investigation_note = forms.CharField(
        label="Note on the investigation (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea,
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = _agency_choices()  # type: ignore[attr-defined]
        requests = EvidenceRequest.objects.exclude(status=EvidenceRequest.DRAFT).order_by(
            "reference"
        )
        self.fields["request"].choices = [  # type: ignore[attr-defined]
            ("", "Not returned under a request"),
            *((str(r.pk), f"{r.reference} ({r.get_kind_display()})") for r in requests),
        ]

    def inquiry_id(self, data: dict[str, Any]) -> str:
        """The inquiry the document is (or will be) in."""
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["dated"] = self.full_date("dated", "The date on the document", required=False)
        chosen = data.get("request")
        found = EvidenceRequest.objects.filter(pk=int(chosen)).first() if chosen else None
        data["evidence_request"] = found
        if found is not None and str(found.inquiry_id) != self.inquiry_id(data):
            self.add_error("request", "Choose a request of the inquiry this document is for")
        if found is not None and not data.get("agency") and found.recipient_agency is not None:
            data["agency"] = found.recipient_agency.code
        if data.get("live_investigation_note") and not data.get("live_investigation"):
            self.add_error(
                "live_investigation",
                "Tick the box if it bears on a live criminal investigation, or clear the note",
            )
        return data

    @property
    def dated_input(self) -> DateInput:
        return self.date_input("dated")


class ChangeDetailsForm(DetailsForm):
    def __init__(self, *args: Any, document: Document, **kwargs: Any) -> None:
        self.document = document
        super().__init__(*args, **kwargs)

    def inquiry_id(self, data: dict[str, Any]) -> str:
        return str(self.document.inquiry_id)

    @staticmethod
    def initial_for(document: Document) -> dict[str, Any]:
        dated = document.dated
        return {
            "title": document.title,
            "dated_day": str(dated.day) if dated else "",
            "dated_month": str(dated.month) if dated else "",
            "dated_year": str(dated.year) if dated else "",
            "author": document.author,
            "agency": document.agency.code if document.agency else "",
            "request": str(document.request_id or ""),
            "live_investigation": document.live_investigation,
            "live_investigation_note": document.live_investigation_note,
        }


class UploadForm(DetailsForm):
    file = forms.FileField(
        label="File",
        required=False,
        error_messages={"empty": "The selected file is empty"},
    )
    stored = forms.CharField(widget=forms.HiddenInput, required=False)
    add_anyway = forms.BooleanField(
        label="Add it as a new document anyway (for example, a second agency returned it)",
        required=False,
    )
    inquiry = forms.ChoiceField(
        label="Inquiry",
        error_messages={
            "required": "Choose the inquiry",
            "invalid_choice": "Choose an inquiry from the list",
        },
    )
    field_order = ["file", "stored", "add_anyway", "title"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inquiries = list(Inquiry.objects.all())
        self.fields["inquiry"].choices = [(str(i.pk), i.title) for i in inquiries]  # type: ignore[attr-defined]
        self.several_inquiries = len(inquiries) > 1
        if len(inquiries) == 1:
            self.fields["inquiry"].initial = str(inquiries[0].pk)

    def inquiry_id(self, data: dict[str, Any]) -> str:
        return str(data.get("inquiry"))

    def clean_stored(self) -> str:
        value = str(self.cleaned_data.get("stored") or "")
        if value and not SHA256.match(value):
            raise forms.ValidationError("Choose the file again")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("file") and not data.get("stored"):
            self.add_error("file", "Choose the file to upload")
        return data


class VersionForm(forms.Form):
    file = forms.FileField(
        label="File",
        error_messages={"required": "Choose the file to upload", "empty": "The file is empty"},
    )


class TagForm(forms.Form):
    line = forms.ChoiceField(
        label="Line of inquiry",
        error_messages={
            "required": "Choose a line of inquiry",
            "invalid_choice": "Choose a line of inquiry from the list",
        },
    )

    def __init__(self, *args: Any, lines: list[LineOfInquiry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [  # type: ignore[attr-defined]
            ("", "Choose a line of inquiry"),
            *((str(line.pk), str(line)) for line in lines),
        ]


class FiltersForm(_Dates):
    """The search page's query and filters (a GET form: every field optional)."""

    q = forms.CharField(label="Words to search for", max_length=500, required=False)
    line = forms.ChoiceField(
        label="Line of inquiry",
        required=False,
        error_messages={"invalid_choice": "Choose a line of inquiry from the list"},
    )
    agency = forms.ChoiceField(
        label="Agency",
        required=False,
        error_messages={"invalid_choice": "Choose an agency from the list"},
    )
    from_day, from_month, from_year = day_box(), month_box(), year_box()
    to_day, to_month, to_year = day_box(), month_box(), year_box()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lines = LineOfInquiry.objects.select_related("inquiry").order_by("inquiry", "reference")
        self.fields["line"].choices = [  # type: ignore[attr-defined]
            ("", "Any line of inquiry"),
            *((str(line.pk), str(line)) for line in lines),
        ]
        self.fields["agency"].choices = [  # type: ignore[attr-defined]
            ("", "Any agency"),
            *((a.code, str(a)) for a in Agency.objects.all()),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["dated_from"] = self.full_date("from", "The first date", required=False)
        data["dated_to"] = self.full_date("to", "The last date", required=False)
        if data["dated_from"] and data["dated_to"] and data["dated_from"] > data["dated_to"]:
            self.add_error("to_day", "The last date must be the same as or after the first date")
        return data

    @property
    def from_input(self) -> DateInput:
        return self.date_input("from")

    @property
    def to_input(self) -> DateInput:
        return self.date_input("to")
