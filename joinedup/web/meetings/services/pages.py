"""What a meeting's pages show a user: each agenda item as they may see it.

A child is named (and linked to their record through the purpose step) only for a
user who may open the child's record now; a person of concern only for roles entitled
to criminal-offence data. For anyone else the item is restricted: its title says so,
and its discussion, decisions and other people's actions are not shown (their own
actions are, so they can do them). Seeing a meeting is audited (`meetings.view`) with
the person ids named and how many items were restricted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from joinedup.web.access.services import entitlements_for
from joinedup.web.audit.services import record_event
from joinedup.web.home.services.children import names_of, open_href
from joinedup.web.meetings import vocabulary
from joinedup.web.meetings.models import Action, AgendaItem, Decision, Meeting
from joinedup.web.meetings.services.visibility import item_restricted_for, place_label

__all__ = ["ItemView", "MeetingPage", "audit_meeting_view", "item_view", "meeting_page"]

RESTRICTED = {
    "child": "A child (restricted: you may not open this child's record)",
    "person_of_concern": "A person of concern (restricted: your role does not see "
    "criminal-offence data)",
}


@dataclass(frozen=True)
class ItemView:
    item: AgendaItem
    kind_label: str
    title: str
    href: str  # the child's record, through the purpose step; "" otherwise
    restricted: bool
    discussion: str
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    kind_label: str
    status_label: str
    items: list[ItemView]
    agencies: list[Any]

    @property
    def restricted(self) -> int:
        return sum(1 for i in self.items if i.restricted)


def meeting_page(user: Any, meeting: Meeting) -> MeetingPage:
    items = list(meeting.items.select_related("person", "place", "place__agency")
                 .prefetch_related("decisions", "actions__owner", "actions__agency"))  # fmt: skip
    restricted = {i.pk for i in items if item_restricted_for(user, i)}
    shown = [i.person.person_id for i in items if i.person is not None and i.pk not in restricted]
    names = names_of(shown, entitlements_for(user)) if shown else {}
    views = [_view(user, i, i.pk in restricted, names) for i in items]
    return MeetingPage(
        meeting, vocabulary.kind(meeting.kind).label, vocabulary.status_label(meeting.status),
        views, list(meeting.invited_agencies.order_by("code")),
    )  # fmt: skip


def item_view(user: Any, item: AgendaItem) -> ItemView:
    restricted = item_restricted_for(user, item)
    shown = [item.person.person_id] if item.person is not None and not restricted else []
    names = names_of(shown, entitlements_for(user)) if shown else {}
    return _view(user, item, restricted, names)


def _view(user: Any, item: AgendaItem, restricted: bool, names: dict[str, str]) -> ItemView:
    label = vocabulary.item_kind_label(item.kind)
    actions = list(item.actions.all())
    if restricted:
        mine = [a for a in actions if a.owner_id == user.pk]
        return ItemView(item, label, RESTRICTED[item.kind], "", True, "", [], mine)
    title, href = _title(item, names)
    return ItemView(item, label, title, href, False, item.discussion,
                    list(item.decisions.all()), actions)  # fmt: skip


def _title(item: AgendaItem, names: dict[str, str]) -> tuple[str, str]:
    if item.person is not None:
        pid = item.person.person_id
        name = names.get(pid, pid)
        title = name if name == pid else f"{name} ({pid})"
        return title, open_href(pid) if item.kind == "child" else ""
    if item.place is not None:
        return place_label(item.place), ""
    return item.theme, ""


def audit_meeting_view(
    user: Any, meeting: Meeting, section: str, items: list[ItemView],
    request: HttpRequest | None = None,
) -> None:  # fmt: skip
    """`meetings.view`: the section seen, the person ids named and the items restricted."""
    named = sorted({i.item.person.person_id for i in items
                    if i.item.person is not None and not i.restricted})  # fmt: skip
    record_event(
        user, "meetings.view", target_type="meeting", target_id=meeting.reference,
        detail={"section": section, "persons_named": named,
                "restricted_items": sum(1 for i in items if i.restricted)},
        request=request,
    )  # fmt: skip
