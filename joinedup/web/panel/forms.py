"""The panel's forms, with GOV.UK error messages that say what to do.

The deadline is a GOV.UK date input (`deadline_day`, `_month`, `_year`); its one error
goes on the day box so the error summary links to it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from joinedup.web.children.dates import day_box, month_box, year_box
from joinedup.web.children.forms import DateInput
from joinedup.web.panel.services.vocabulary import given_by_choices, outcomes, proposal_kinds

__all__ = [
    "AnswerForm",
    "DraftCommentForm",
    "DraftForm",
    "LeaveForm",
    "MemberForm",
    "ProposalCommentForm",
    "ProposalForm",
    "PublishForm",
    "RecordedProposalForm",
    "RejoinForm",
    "ResponseForm",
]

TEXT_LIMIT = 5000
NEW_LINE = "new"
KEEP, WITHDRAW = "keep", "withdraw"


def _text(label: str, required_message: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {TEXT_LIMIT:,} characters or fewer",
        },
    )


def _line(label: str, required_message: str, limit: int = 200) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {limit} characters or fewer",
        },
    )


def _choice(label: str, message: str, choices: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": message, "invalid_choice": message},
    )


class MemberForm(forms.Form):
    user = _choice("Account", "Choose the member's account", [])
    display_name = _line("Name other members will see", "Enter the name other members will see", 60)

    def __init__(self, *args: Any, accounts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Choose an account"), *accounts]  # type: ignore[attr-defined]


class LeaveForm(forms.Form):
    publication = _choice(
        "What happens to what was said",
        "Choose whether what was said may still be published",
        [
            (KEEP, "Keep it: it may still be published, without any name"),
            (WITHDRAW, "Withdraw it: take it out of anything published, and never publish it"),
        ],
    )


class ProposalForm(forms.Form):
    kind = _choice(
        "What are you proposing?",
        "Choose whether this is a line of inquiry or an issue",
        [(k, label) for k, (label, _) in proposal_kinds().items()],
    )
    title = _line("Title", "Give your proposal a short title")
    what = _text("What you propose", "Say what you propose")
    why = _text("Why it matters", "Say why it matters")


class _MemberChoice(forms.ChoiceField):
    """The current members to choose from; a member who has left is accepted too, so the
    service can say clearly why they cannot be chosen (say they left since the page opened)."""

    also_valid: frozenset[str] = frozenset()

    def valid_value(self, value: Any) -> bool:
        return str(value) in self.also_valid or super().valid_value(value)


class RecordedProposalForm(ProposalForm):
    """A proposal a member gave by phone, letter, e-mail or at a meeting (staff record it)."""

    member = _MemberChoice(
        label="Member",
        error_messages={
            "required": "Choose the member who gave the proposal",
            "invalid_choice": "Choose a member of the panel from the list",
        },
    )
    given_by = _choice(
        "How did they give it?",
        "Choose how the member gave the proposal",
        list(given_by_choices().items()),
    )
    field_order = ["member", "given_by", "kind", "title", "what", "why"]

    def __init__(
        self, *args: Any, members: list[tuple[str, str]], left: set[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        field.choices = [("", "Choose a member"), *members]  # type: ignore[attr-defined]
        field.also_valid = frozenset(left)  # type: ignore[attr-defined]


class RejoinForm(forms.Form):
    reason = _line("Why they are coming back", "Say why the member is coming back onto the panel")


class ProposalCommentForm(forms.Form):
    supports = forms.BooleanField(label="I support this proposal", required=False)
    text = _text("Comment (optional)", "", required=False)


class AnswerForm(forms.Form):
    outcome = _choice(
        "The inquiry's answer",
        "Choose the answer",
        [(code, o.label) for code, o in outcomes().items()],
    )
    reason = _text("Why (in plain words)", "Give the reason for the answer in plain words")
    done = _text("What the inquiry did, or will do", "Say what the inquiry did, or will do")
    line = forms.ChoiceField(
        label="Line of inquiry (optional)",
        required=False,
        error_messages={"invalid_choice": "Choose a line of inquiry from the list"},
    )
    new_line_title = _line("Title of the new line of inquiry", "")
    new_line_title.required = False

    def __init__(self, *args: Any, lines: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line"].choices = [  # type: ignore[attr-defined]
            ("", "Not linked to a line"),
            *lines,
            (NEW_LINE, "A new line of inquiry (give its title below)"),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("line") == NEW_LINE and not data.get("new_line_title", "").strip():
            self.add_error("new_line_title", "Give the new line of inquiry a title")
        return data


class DraftForm(forms.Form):
    title = _line("Title", "Enter the draft's title")
    text = _text("Text of the draft", "", required=False)
    file = forms.FileField(label="File (optional)", required=False)
    deadline_day, deadline_month, deadline_year = day_box(), month_box(), year_box()

    @property
    def deadline_input(self) -> DateInput:
        day, month, year = (self[f"deadline_{p}"] for p in ("day", "month", "year"))
        errors = [str(e) for box in (day, month, year) for e in box.errors]
        return DateInput("deadline", day, month, year, errors[0] if errors else "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["deadline"] = self._deadline(data)
        return data

    def _deadline(self, data: dict[str, Any]) -> date | None:
        boxes = [str(data.get(f"deadline_{p}", "")).strip() for p in ("day", "month", "year")]
        if not any(boxes):
            self.add_error("deadline_day", "Enter the last day for comments")
            return None
        try:
            day, month, year = (int(b) for b in boxes)
            if year < 2000:
                raise ValueError
            return date(year, month, day)
        except ValueError:
            self.add_error("deadline_day", "The last day for comments must be a real date")
            return None


class DraftCommentForm(forms.Form):
    paragraph = forms.ChoiceField(
        label="What is your comment about?",
        required=False,
        error_messages={"invalid_choice": "Choose a paragraph, or the whole draft"},
    )
    text = _text("Your comment", "Write your comment")

    def __init__(self, *args: Any, paragraphs: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        numbered = [(str(n), f"Paragraph {n}") for n in range(1, paragraphs + 1)]
        self.fields["paragraph"].choices = [("", "The whole draft"), *numbered]  # type: ignore[attr-defined]


class ResponseForm(forms.Form):
    changed = _choice(
        "Did the draft change because of this comment?",
        "Choose whether the draft changed",
        [("yes", "Yes, we changed the draft"), ("no", "No, we did not change the draft")],
    )
    response = _text("Why (in plain words)", "Say why the draft was, or was not, changed")


class PublishForm(forms.Form):
    said = _text("What the member said, for publication", "Write what the member said")
    did = _text("What the inquiry did, for publication", "Write what the inquiry did")
