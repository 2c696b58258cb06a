"""An item as its page shows it: the grade with its meaning, subjects, response, history.

Built for one reader (`reading.content_access` decides what of it they see).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from joinedup.records import vocabularies
from joinedup.web.intelligence.models import IntelligenceItem, ItemHistory, ItemSubject
from joinedup.web.intelligence.services.reading import ContentAccess, content_access, person_names
from joinedup.web.intelligence.services.subjects import related_items
from joinedup.web.intelligence.services.vocabulary import (
    GRADE_PARTS,
    decision,
    grade_part,
    source_types,
    tactics,
)

__all__ = ["GradeLine", "HistoryLine", "ItemPage", "SubjectLine", "grade_lines", "item_page"]

ACTIONS = {
    "logged": "Logged",
    "imported": "Logged from an imported intelligence report",
    "subject_added": "Subject added",
    "assigned": "Assigned",
    "review_started": "Review started",
    "responded": "Response recorded",
    "escalated": "Escalated to a manager: overdue",
    "reopened": "Reopened",
}
STATUS_TAGS = {
    "logged": "govuk-tag--blue",
    "assigned": "govuk-tag--light-blue",
    "under_review": "govuk-tag--yellow",
    "responded": "govuk-tag--green",
}


@dataclass(frozen=True)
class GradeLine:
    part: str  # 'Source evaluation'
    value: str  # '2: Untested', or 'Not graded'
    meaning: str


@dataclass(frozen=True)
class SubjectLine:
    kind: str
    label: str
    role: str
    href: str  # the child's record, when the reader may open it


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    by: str
    action: str
    change: str  # 'Logged to Assigned'
    note: str


@dataclass(frozen=True)
class ItemPage:
    item: IntelligenceItem
    access: ContentAccess
    source_type: str
    grade: tuple[GradeLine, ...]
    subjects: tuple[SubjectLine, ...]
    related: tuple[tuple[str, tuple[IntelligenceItem, ...]], ...]
    history: tuple[HistoryLine, ...]
    decision: str
    tactic: str
    case_href: str
    sharing_href: str
    status_tag: str
    overdue: bool


def grade_lines(item: IntelligenceItem) -> tuple[GradeLine, ...]:
    codes = (item.grade_source, item.grade_intelligence, item.grade_handling)
    lines = []
    for name, code in zip(GRADE_PARTS, codes, strict=True):
        part = grade_part(name)
        label, meaning = part.codes.get(code, ("", ""))
        lines.append(GradeLine(part.label, f"{code}: {label}" if label else "Not graded", meaning))
    return tuple(lines)


def _subject_line(
    subject: ItemSubject, names: dict[int, str], access: ContentAccess
) -> SubjectLine:
    role = vocabularies.label("participant_role", subject.role) if subject.role else ""
    if subject.kind == ItemSubject.PERSON:
        name = names.get(subject.person_id or 0)
        if name is None:
            return SubjectLine(
                "Person in the index", f"{subject.label}: you may not open their record", role, ""
            )
        href = reverse("people:person", args=[subject.key])
        return SubjectLine(
            "Person in the index", " ".join(p for p in (name, subject.label) if p), role, href
        )
    kind = subject.get_kind_display()
    label = subject.label if access.summary else "Not shown: " + access.reason
    return SubjectLine(kind, label, role, "")


def _history(entries: list[ItemHistory], access: ContentAccess) -> tuple[HistoryLine, ...]:
    statuses = dict(IntelligenceItem.STATUSES)
    lines = []
    for entry in entries:
        change = statuses.get(entry.to_status, "")
        if entry.from_status and entry.from_status != entry.to_status:
            change = f"{statuses.get(entry.from_status, '')} to {change}"
        note = entry.note if access.text else ("Not shown" if entry.note else "")
        who = entry.by.get_full_name() or entry.by.username if entry.by else "joinedup (automatic)"
        lines.append(
            HistoryLine(entry.at, who, ACTIONS.get(entry.action, entry.action), change, note)
        )
    return tuple(lines)


def _link(name: str, args: list[str] | None = None) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def item_page(user: Any, item: IntelligenceItem) -> ItemPage:
    access = content_access(user, item)
    subjects = list(item.subjects.select_related("person"))
    names = person_names(user, subjects)
    chosen = decision(item.decision)
    related = [
        (_subject_line(s, names, access).label, tuple(items))
        for s, items in related_items(item, subjects)
    ]
    return ItemPage(
        item=item,
        access=access,
        source_type=source_types().get(item.source_type, item.source_type),
        grade=grade_lines(item),
        subjects=tuple(_subject_line(s, names, access) for s in subjects),
        related=tuple(related),
        history=_history(list(item.history.select_related("by")), access),
        decision=chosen.label if chosen else "",
        tactic=tactics().get(item.tactic, ""),
        case_href=_link("cases:case", [item.case_reference]) if item.case_reference else "",
        sharing_href=_link("sharing:index") if item.decision == "share" else "",
        status_tag=STATUS_TAGS.get(item.status, ""),
        overdue=item.is_open and item.decide_by < timezone.now(),
    )
