"""The user's own work: the children allocated to them (with the date of the latest event
they may see), their unread notifications, and the links waiting for review.

Casework actions come with a later issue; until then "my work" is the caseload itself,
each child with the latest event recorded about them, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Max, Q

from joinedup.chronology import Entitlements
from joinedup.chronology.entitlements import reason_withheld
from joinedup.web.access.models import Allocation
from joinedup.web.accounts.models import Notification, Team
from joinedup.web.accounts.notifications import unread_for
from joinedup.web.people.entity_review import open_entity_pairs
from joinedup.web.people.review import open_review_pairs
from joinedup.web.records.models import EventParticipant

__all__ = ["Allocated", "LinksWaiting", "allocated_children", "links_waiting", "notifications"]

NOTIFICATIONS_SHOWN = 10


@dataclass(frozen=True)
class Allocated:
    person_id: str
    allocated_from: date
    to_team: str  # the team's name when allocated to the team, '' when to the user
    latest_event: date | None


@dataclass(frozen=True)
class LinksWaiting:
    people: int
    entities: int

    @property
    def total(self) -> int:
        return self.people + self.entities


def allocated_children(user: Any, reader: Entitlements, today: date) -> list[Allocated]:
    """Active allocations to the user, their team or a team they manage, latest event first."""
    teams = [user.team_id] if user.team_id else []
    teams += list(Team.objects.filter(manager=user).values_list("pk", flat=True))
    to_user = Q(user=user) | Q(team_id__in=teams)
    active = Q(allocated_to__isnull=True) | Q(allocated_to__gte=today)
    allocations = (Allocation.objects.filter(to_user, active, allocated_from__lte=today,
                                             person__active=True)
                   .select_related("person", "team").order_by("allocated_from"))  # fmt: skip
    found: dict[int, Allocation] = {}
    for allocation in allocations:
        found.setdefault(allocation.person_id, allocation)
    latest = _latest_events(list(found), reader)
    rows = [Allocated(a.person.person_id, a.allocated_from, a.team.name if a.team else "",
                      latest.get(pk)) for pk, a in found.items()]  # fmt: skip
    return sorted(rows, key=lambda r: (r.latest_event is None, -_ordinal(r.latest_event),
                                       r.person_id))  # fmt: skip


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else 0


def _latest_events(person_pks: list[int], reader: Entitlements) -> dict[int, date]:
    """Person pk -> the latest day of an event the reader may see about them.

    Grouped by agency and sensitivity in SQL and filtered here with the chronology's own
    rule: filtering on the event's agency in SQL makes SQLite read every event first.
    """
    rows = (EventParticipant.objects.filter(person__link__person_id__in=person_pks)
            .values("person__link__person_id", "event__agency__code", "event__sensitivity")
            .annotate(latest=Max("event__occurred_on")))  # fmt: skip
    latest: dict[int, date] = {}
    for row in rows:
        event = {"agency": row["event__agency__code"], "sensitivity": row["event__sensitivity"]}
        person = row["person__link__person_id"]
        if reason_withheld(event, reader) is None and (
            person not in latest or row["latest"] > latest[person]
        ):
            latest[person] = row["latest"]
    return latest


def notifications(user: Any) -> tuple[list[Notification], int]:
    """The newest unread notifications and how many are unread."""
    unread = unread_for(user)
    return list(unread[:NOTIFICATIONS_SHOWN]), unread.count()


def links_waiting() -> LinksWaiting:
    return LinksWaiting(open_review_pairs().count(), open_entity_pairs().count())
